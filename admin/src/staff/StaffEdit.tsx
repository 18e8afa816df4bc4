import { Alert } from '@mui/material';
import { BooleanInput, Edit, NumberInput, required, SelectInput, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { staffRoleChoices } from '../common/choices';

// Admins only (RLS staff_admin_update). Logins themselves live in Supabase Auth.
export const StaffEdit = () => {
    const translate = useTranslate();
    return (
        <Edit mutationMode="pessimistic">
            <SimpleForm>
                <Alert severity="info">{translate('buhbot.hint.staff_created_in_auth')}</Alert>
                <TextInput source="full_name" validate={required()} />
                <SelectInput source="role" choices={staffRoleChoices} validate={required()} />
                <NumberInput source="telegram_user_id" min={1} />
                <TextInput source="telegram_username" />
                <BooleanInput source="is_active" />
            </SimpleForm>
        </Edit>
    );
};
