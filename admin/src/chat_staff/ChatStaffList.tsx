import {
    BooleanField,
    DataTable,
    List,
    ReferenceField,
    SelectField,
    SelectInput,
} from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { chatRoleChoices } from '../common/choices';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <ChatInput key="chat_id" source="chat_id" alwaysOn />,
    <SelectInput key="role" source="role" choices={chatRoleChoices} alwaysOn />,
];

export const ChatStaffList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'chat_id', order: 'ASC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable bulkActionButtons={false}>
            <DataTable.Col source="chat_id">
                <ReferenceField source="chat_id" reference="chats" link="show" />
            </DataTable.Col>
            <DataTable.Col source="display_name" />
            <DataTable.Col source="telegram_user_id" />
            <DataTable.Col source="role">
                <SelectField source="role" choices={chatRoleChoices} />
            </DataTable.Col>
            <DataTable.Col source="is_primary" field={BooleanField} />
        </ResponsiveDataTable>
    </List>
);
