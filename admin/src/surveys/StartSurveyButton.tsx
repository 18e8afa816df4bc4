import { useState } from 'react';
import SendIcon from '@mui/icons-material/Send';
import {
    AutocompleteArrayInput,
    Button,
    RadioButtonGroupInput,
    ReferenceArrayInput,
    TextInput,
    useCanAccess,
    useDataProvider,
    useNotify,
    useRefresh,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { FormDialog } from '../common/FormDialog';
import { useRpcMutation } from '../providers/rpc';
import { SurveyPreview, type Preview } from './SurveyPreview';

type Values = { scope: 'all' | 'selected'; chat_ids?: number[]; title?: string };

const scopeChoices = [
    { id: 'all', name: 'buhbot.survey.scope_all' },
    { id: 'selected', name: 'buhbot.survey.scope_selected' },
];

const ChatsPicker = () => {
    const scope = useWatch<Values>({ name: 'scope' });
    if (scope !== 'selected') return null;
    return (
        <ReferenceArrayInput source="chat_ids" reference="chats">
            <AutocompleteArrayInput
                label="buhbot.survey.chats"
                filterToQuery={title => ({ 'title@ilike': title })}
                validate={value => (value?.length ? undefined : 'buhbot.survey.pick_chats')}
            />
        </ReferenceArrayInput>
    );
};

// Manual survey (public.start_survey, managers and admins): to every connected chat or to the chosen ones.
// The dialog first shows the database's preview (who gets it and why not); after the start it says how many
// chats got the message, counted from the deliveries the start wrote.
export const StartSurveyButton = ({ variant }: { variant?: 'contained' }) => {
    const notify = useNotify();
    const refresh = useRefresh();
    const dataProvider = useDataProvider();
    const [open, setOpen] = useState(false);
    const [preview, setPreview] = useState<Preview>();
    const { canAccess } = useCanAccess({ resource: 'surveys', action: 'start' });
    const start = useRpcMutation<number, { p_chat_ids: number[] | null; p_title: string | null }>('start_survey');
    if (canAccess !== true) return null;
    const started = async (id: number) => {
        const { total } = await dataProvider.getList('survey_deliveries', {
            filter: { survey_id: id },
            pagination: { page: 1, perPage: 1 },
            sort: { field: 'id', order: 'ASC' },
        });
        notify(preview?.later ? 'buhbot.survey.started_later' : 'buhbot.survey.started', {
            type: 'success',
            messageArgs: { id, smart_count: total ?? 0, later: preview?.later ?? 0 },
        });
        setOpen(false);
        refresh();
    };
    const submit = (values: Values) =>
        start.mutate(
            { p_chat_ids: values.scope === 'all' ? null : values.chat_ids ?? [], p_title: values.title || null },
            {
                onSuccess: started,
                onError: error => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
            }
        );
    return (
        <>
            <Button label="buhbot.survey.start" variant={variant} onClick={() => setOpen(true)}>
                <SendIcon />
            </Button>
            <FormDialog
                open={open}
                onClose={() => setOpen(false)}
                title="buhbot.survey.start"
                onSubmit={values => submit(values as Values)}
                defaultValues={{ scope: 'all' }}
                submitLabel="buhbot.survey.send"
                submitIcon={<SendIcon />}
                pending={start.isPending}
            >
                <TextInput source="title" label="buhbot.survey.title" helperText="buhbot.survey.title_hint" fullWidth />
                <RadioButtonGroupInput source="scope" label="buhbot.survey.scope" choices={scopeChoices} />
                <ChatsPicker />
                <SurveyPreview onPreview={setPreview} />
            </FormDialog>
        </>
    );
};
