import { BooleanField, DataTable, ReferenceField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { RequestStatusField, WorkingMinutesField } from './RequestFields';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

// The requests columns, shared by the requests list and a chat's "requests" tab.
export const RequestTable = ({ withChat = true }: { withChat?: boolean }) => (
    <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        {withChat && (
            <DataTable.Col source="chat_id">
                <ReferenceField source="chat_id" reference="chats" link={false} />
            </DataTable.Col>
        )}
        <DataTable.Col source="status">
            <RequestStatusField />
        </DataTable.Col>
        <DataTable.Col source="received_at" field={DateTimeField} />
        <DataTable.Col source="breach_at" field={DateTimeField} />
        <DataTable.Col source="answered_at" field={DateTimeField} />
        <DataTable.Col source="response_working_seconds" align="right" field={WorkingMinutesField} />
        <DataTable.Col source="breached" field={BooleanField} />
        <DataTable.Col source="message_count" align="right" />
    </ResponsiveDataTable>
);
