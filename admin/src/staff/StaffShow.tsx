import { BooleanField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { staffRoleChoices } from '../common/choices';

export const StaffShow = () => (
    <Show>
        <SimpleShowLayout>
            <TextField source="full_name" />
            <SelectField source="role" choices={staffRoleChoices} />
            <TextField source="telegram_user_id" />
            <TextField source="telegram_username" />
            <BooleanField source="is_active" />
            <DateTimeField source="created_at" />
            <DateTimeField source="updated_at" />
        </SimpleShowLayout>
    </Show>
);
