import { DataTable, List, SelectField, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { outboxStatusChoices } from '../common/choices';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SelectInput key="status" source="status" choices={outboxStatusChoices} alwaysOn />,
    <TextInput key="kind" source="kind" />,
    <TextInput key="chat_id" source="chat_id" />,
    ...periodFilters('created_at'),
];

// What the relay is about to say or said in Telegram, for checking that alerts really went out.
const Payload = () => {
    const record = useRecordContext();
    return <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(record?.payload, null, 2)}</pre>;
};

// Kinds are open-ended (each feature adds its own); unknown ones show as stored.
const Kind = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    return <>{record && translate(`buhbot.outbox_kind.${record.kind}`, { _: record.kind })}</>;
};

export const OutboxList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick="expand" expand={<Payload />} bulkActionButtons={false}>
            <DataTable.Col source="id" />
            <DataTable.Col source="created_at" field={DateTimeField} />
            <DataTable.Col source="kind" field={Kind} />
            <DataTable.Col source="chat_id" />
            <DataTable.Col source="method" />
            <DataTable.Col source="status">
                <SelectField source="status" choices={outboxStatusChoices} />
            </DataTable.Col>
            <DataTable.Col source="attempts" align="right" />
            <DataTable.Col source="sent_at" field={DateTimeField} />
            <DataTable.Col source="last_error" />
        </ResponsiveDataTable>
    </List>
);
