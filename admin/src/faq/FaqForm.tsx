import { BooleanInput, required, SimpleForm, TextInput } from 'react-admin';

// text[] of keywords <-> one keyword or phrase per line
const formatKeywords = (keywords: string[] | null | undefined) => (keywords ?? []).join('\n');
const parseKeywords = (text: string | null) =>
    (text ?? '').split('\n').map(keyword => keyword.trim()).filter(Boolean);

export const FaqForm = () => (
    <SimpleForm>
        <TextInput source="question" validate={required()} />
        <TextInput source="answer" multiline minRows={3} validate={required()} helperText="buhbot.hint.faq_answer" />
        <TextInput
            source="keywords"
            multiline
            minRows={3}
            format={formatKeywords}
            parse={parseKeywords}
            validate={required()}
            helperText="buhbot.hint.faq_keywords"
        />
        <BooleanInput source="is_active" />
    </SimpleForm>
);
