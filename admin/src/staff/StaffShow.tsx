import { BooleanField, EditButton, Labeled, SelectField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { staffRoleChoices } from '../common/choices';
import { AccessButtons } from './AccessButtons';
import { LoginField } from './LoginField';

export const StaffShow = () => (
    <Show
        actions={
            <TopToolbar>
                <AccessButtons />
                <EditButton />
            </TopToolbar>
        }
    >
        <SimpleShowLayout>
            <TextField source="full_name" />
            <Labeled label="buhbot.staff.login">
                <LoginField />
            </Labeled>
            <SelectField source="role" choices={staffRoleChoices} />
            <TextField source="telegram_user_id" />
            <TextField source="telegram_username" />
            <BooleanField source="is_active" />
            <DateTimeField source="created_at" />
            <DateTimeField source="updated_at" />
        </SimpleShowLayout>
    </Show>
);
