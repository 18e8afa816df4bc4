import { BooleanInput, Edit, maxValue, minValue, NumberInput, required, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';

// Title, type and membership come from Telegram; people decide SLA on/off and the threshold.
export const ChatEdit = () => (
    <Edit mutationMode="pessimistic" redirect="show">
        {/* noValidate: the validators speak Russian next to the field, the browser's bubbles would not. */}
        <SimpleForm noValidate toolbar={<Toolbar><SaveButton /></Toolbar>}>
            <TextInput source="title" readOnly />
            <BooleanInput source="sla_enabled" />
            <NumberInput
                source="threshold_minutes"
                min={1}
                max={1440}
                validate={[required(), minValue(1), maxValue(1440)]}
                helperText="buhbot.hint.threshold"
            />
        </SimpleForm>
    </Edit>
);
