import { AutocompleteInput, BooleanInput, SelectInput, TextInput, required, useGetList } from 'react-admin';
import { chatRoleChoices } from '../common/choices';

// Staff are recognised in chats by Telegram user id; pick them from the console's users who have one.
export const StaffTelegramInput = () => {
    const { data = [], isPending } = useGetList('staff', {
        filter: { 'telegram_user_id@not.is': null, is_active: true },
        pagination: { page: 1, perPage: 500 },
        sort: { field: 'full_name', order: 'ASC' },
    });
    return (
        <AutocompleteInput
            source="telegram_user_id"
            choices={data}
            optionValue="telegram_user_id"
            optionText={staff => `${staff.full_name} (${staff.telegram_user_id})`}
            isPending={isPending}
            validate={required()}
        />
    );
};

export const ChatStaffRoleInputs = () => (
    <>
        <SelectInput source="role" choices={chatRoleChoices} validate={required()} />
        <BooleanInput source="is_primary" />
        <TextInput source="display_name" />
    </>
);
