import { DataTable, List, SelectField, SelectInput } from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { DateTimeField } from '../common/DateTimeField';
import { outboxKindChoices, outboxMethodChoices, outboxStatusChoices } from '../common/choices';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { LastError, Payload, Recipient } from './OutboxParts';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SelectInput key="status" source="status" choices={outboxStatusChoices} alwaysOn />,
    <SelectInput key="kind" source="kind" choices={outboxKindChoices} alwaysOn />,
    <ChatInput key="chat_id" source="about_chat_id" />,
    ...periodFilters('created_at'),
];

// What the relay is about to say or said in Telegram, as the recipient sees it, for checking that alerts
// really went out.
export const OutboxList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick="expand" expand={<Payload />} bulkActionButtons={false}>
            <DataTable.Col source="id" />
            <DataTable.Col source="created_at" field={DateTimeField} />
            <DataTable.Col source="kind">
                <SelectField source="kind" choices={outboxKindChoices} emptyText="—" />
            </DataTable.Col>
            <DataTable.Col source="chat_id" field={Recipient} />
            <DataTable.Col source="method">
                <SelectField source="method" choices={outboxMethodChoices} />
            </DataTable.Col>
            <DataTable.Col source="status">
                <SelectField source="status" choices={outboxStatusChoices} />
            </DataTable.Col>
            <DataTable.Col source="attempts" align="right" />
            <DataTable.Col source="sent_at" field={DateTimeField} />
            <DataTable.Col source="last_error" field={LastError} />
        </ResponsiveDataTable>
    </List>
);
