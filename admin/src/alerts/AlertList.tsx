import {
    DataTable,
    List,
    ReferenceField,
    SelectField,
    SelectInput,
} from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { DateTimeField } from '../common/DateTimeField';
import { alertKindChoices, alertResolutionChoices, alertStatusChoices } from '../common/choices';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { ResolveRequestButton } from '../requests/ResolveRequestButton';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { LateField } from './LateField';

const filters = [
    <SelectInput key="status" source="status" choices={alertStatusChoices} alwaysOn />,
    <SelectInput key="kind" source="kind" choices={alertKindChoices} alwaysOn />,
    <ChatInput key="chat_id" source="chat_id" />,
    ...periodFilters('created_at'),
];

// Alerts close when their request does, so "resolve" here closes the request (same RPC as on a request).
// The table is wide (who was notified, how late): it scrolls inside its card, not the page.
export const AlertList = () => (
    <List
        exporter={csvExporter}
        filters={filters}
        filterDefaultValues={{ status: 'open' }}
        sort={{ field: 'created_at', order: 'DESC' }}
        queryOptions={liveQueryOptions}
        sx={{ '& .RaList-content': { overflowX: 'auto' } }}
    >
        <ResponsiveDataTable rowClick={false} bulkActionButtons={false}>
            <DataTable.Col source="created_at" field={DateTimeField} />
            <DataTable.Col source="chat_id">
                <ReferenceField source="chat_id" reference="chats" link="show" />
            </DataTable.Col>
            <DataTable.Col source="request_id">
                <ReferenceField source="request_id" reference="requests" link="show" />
            </DataTable.Col>
            <DataTable.Col source="kind">
                <SelectField source="kind" choices={alertKindChoices} />
            </DataTable.Col>
            <DataTable.Col source="status">
                <SelectField source="status" choices={alertStatusChoices} />
            </DataTable.Col>
            <DataTable.Col source="recipients" disableSort />
            <DataTable.Col source="late_working_seconds" field={LateField} disableSort />
            <DataTable.Col source="escalation_count" align="right" />
            <DataTable.Col source="next_escalation_at" field={DateTimeField} />
            <DataTable.Col source="resolution">
                <SelectField source="resolution" choices={alertResolutionChoices} />
            </DataTable.Col>
            <DataTable.Col source="resolved_by" />
            <DataTable.Col>
                <ResolveRequestButton resource="alerts" requestField="request_id" />
            </DataTable.Col>
        </ResponsiveDataTable>
    </List>
);
