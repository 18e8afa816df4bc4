import { Edit, ReferenceField, SimpleForm, TextField } from 'react-admin';
import { backToChat } from './ChatStaffCreate';
import { ChatStaffRoleInputs } from './ChatStaffInputs';

// The chat and the person are the row's key; to move someone, remove and add them.
export const ChatStaffEdit = () => (
    <Edit mutationMode="pessimistic" redirect={backToChat}>
        <SimpleForm>
            <ReferenceField source="chat_id" reference="chats" />
            <TextField source="telegram_user_id" />
            <ChatStaffRoleInputs />
        </SimpleForm>
    </Edit>
);
