import {
    BooleanInput,
    Edit,
    maxLength,
    maxValue,
    minValue,
    NumberInput,
    required,
    SaveButton,
    TabbedForm,
    TextInput,
    Toolbar,
} from 'react-admin';
import { formatIds, integer, parseIds, SETTING_SECTIONS, validateChatId, validateIds, type Setting } from './fields';

const input = ({ source, kind, min, max, step }: Setting) => {
    switch (kind) {
        case 'boolean':
            return <BooleanInput key={source} source={source} />;
        case 'text':
            return <TextInput key={source} source={source} validate={[required(), maxLength(200)]} />;
        case 'ids':
            return (
                <TextInput
                    key={source}
                    source={source}
                    format={formatIds}
                    parse={parseIds}
                    validate={validateIds}
                    helperText="buhbot.hint.ids"
                />
            );
        case 'id':
            return <NumberInput key={source} source={source} validate={validateChatId} helperText="buhbot.hint.chat_id" />;
        case 'number':
            return (
                <NumberInput
                    key={source}
                    source={source}
                    min={min}
                    max={max}
                    step={step}
                    // Whole numbers unless the setting has a step (a share like 0.5).
                    validate={[required(), ...(step ? [] : [integer]), minValue(min!), maxValue(max!)]}
                />
            );
    }
};

// Admins only (RLS settings_admin_update); the global calendar is edited on the settings page itself.
// noValidate: the browser's own bubbles (from min/max) speak the browser's language; the validators above
// put Russian next to the field.
export const SettingsEdit = () => (
    <Edit mutationMode="pessimistic" redirect="show" title="resources.settings.name">
        <TabbedForm noValidate toolbar={<Toolbar><SaveButton /></Toolbar>}>
            {SETTING_SECTIONS.map(({ section, settings }) => (
                <TabbedForm.Tab key={section} label={`buhbot.section.${section}`}>
                    {settings.map(input)}
                </TabbedForm.Tab>
            ))}
        </TabbedForm>
    </Edit>
);
