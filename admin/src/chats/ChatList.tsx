import { BooleanField, DataTable, List, SearchInput, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { onOffChoices } from '../common/choices';
import { liveQueryOptions } from '../providers/live';
import { ChatHealthChip } from './ChatHealthChip';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SearchInput key="title" source="title@ilike" alwaysOn />,
    <SelectInput key="sla_enabled" source="sla_enabled" choices={onOffChoices} />,
];

export const ChatList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'title', order: 'ASC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="title" />
            <DataTable.Col source="id" />
            <DataTable.Col source="sla_enabled" field={BooleanField} />
            <DataTable.Col source="threshold_minutes" align="right" />
            <DataTable.Col source="health" disableSort>
                <ChatHealthChip />
            </DataTable.Col>
            <DataTable.Col source="last_message_at" field={DateTimeField} />
        </ResponsiveDataTable>
    </List>
);
