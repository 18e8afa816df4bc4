import { Create, required, SimpleForm, type RaRecord } from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { ChatStaffRoleInputs, StaffTelegramInput } from './ChatStaffInputs';

// After saving, back to the chat's staff tab (where "add" was pressed, with chat_id prefilled).
export const backToChat = (_resource?: string, _id?: unknown, data?: Partial<RaRecord>) => `chats/${data?.chat_id}/show/staff`;

export const ChatStaffCreate = () => (
    <Create redirect={backToChat}>
        <SimpleForm>
            <ChatInput source="chat_id" validate={required()} />
            <StaffTelegramInput />
            <ChatStaffRoleInputs />
        </SimpleForm>
    </Create>
);
