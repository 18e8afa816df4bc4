import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm, type RaRecord } from 'react-admin';
import { ChatStaffRoleInputs, StaffTelegramInput } from './ChatStaffInputs';

// After saving, back to the chat's staff tab (where "add" was pressed, with chat_id prefilled).
export const backToChat = (_resource?: string, _id?: unknown, data?: Partial<RaRecord>) => `chats/${data?.chat_id}/show/staff`;

export const ChatStaffCreate = () => (
    <Create redirect={backToChat}>
        <SimpleForm>
            <ReferenceInput source="chat_id" reference="chats">
                <AutocompleteInput filterToQuery={title => ({ 'title@ilike': title })} validate={required()} />
            </ReferenceInput>
            <StaffTelegramInput />
            <ChatStaffRoleInputs />
        </SimpleForm>
    </Create>
);
