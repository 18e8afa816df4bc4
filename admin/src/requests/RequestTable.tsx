import { BooleanField, DataTable, ReferenceField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { TimeLeftField } from '../queue/TimeLeftField';
import { RequestStatusField, WorkingMinutesField } from './RequestFields';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

// The requests columns, shared by the requests list and a chat's "requests" tab. Computed columns (time
// left, names) are not sortable: sorting by them would compute every request of the firm.
export const RequestTable = ({ withChat = true }: { withChat?: boolean }) => (
    <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        {withChat && (
            <DataTable.Col source="chat_id">
                <ReferenceField source="chat_id" reference="chats" link={false} />
            </DataTable.Col>
        )}
        <DataTable.Col source="question" disableSort />
        <DataTable.Col source="client_name" disableSort />
        <DataTable.Col source="accountant_name" disableSort />
        <DataTable.Col source="status">
            <RequestStatusField />
        </DataTable.Col>
        <DataTable.Col source="working_seconds_left" label="buhbot.queue.time_left" field={TimeLeftField} disableSort />
        <DataTable.Col source="received_at" field={DateTimeField} />
        <DataTable.Col source="breach_at" field={DateTimeField} />
        <DataTable.Col source="answered_at" field={DateTimeField} />
        <DataTable.Col source="response_working_seconds" align="right" field={WorkingMinutesField} />
        <DataTable.Col source="breached" field={BooleanField} />
        <DataTable.Col source="message_count" align="right" />
    </ResponsiveDataTable>
);
