import { useFormContext } from 'react-hook-form';
import { AutocompleteInput, BooleanInput, SelectInput, TextInput, required, useGetList, type RaRecord } from 'react-admin';
import { chatRoleChoices } from '../common/choices';

// Staff are recognised in chats by Telegram user id; pick them from the console's users who have one
// (their name becomes the name in the chat unless one was typed).
export const StaffTelegramInput = () => {
    const { getValues, setValue } = useFormContext();
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
            onChange={(_value: unknown, staff: RaRecord | '') => {
                if (staff && !getValues('display_name')) setValue('display_name', staff.full_name);
            }}
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
