import {
    DataTable,
    ExportButton,
    FilterButton,
    List,
    ReferenceField,
    SearchInput,
    SelectField,
    SelectInput,
    TopToolbar,
} from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { DateTimeField } from '../common/DateTimeField';
import { directionChoices, labelChoices, senderKindChoices } from '../common/choices';
import { lastDays, periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { EraseClientButton } from './EraseClientButton';
import { MessageText } from './MessageText';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SearchInput key="text" source="text@ilike" alwaysOn />,
    <ChatInput key="chat_id" source="chat_id" alwaysOn />,
    <SelectInput key="sender_kind" source="sender_kind" choices={senderKindChoices} />,
    <SelectInput key="label" source="label" choices={labelChoices} />,
    <SelectInput key="direction" source="direction" choices={directionChoices} />,
    ...periodFilters('sent_at'),
];

const Actions = () => (
    <TopToolbar>
        <FilterButton />
        <ExportButton />
        <EraseClientButton />
    </TopToolbar>
);

// The append-only message log (edits appear as further versions).
export const MessageList = () => (
    <List
        exporter={csvExporter}
        actions={<Actions />}
        filters={filters}
        filterDefaultValues={lastDays('sent_at', 7)}
        sort={{ field: 'sent_at', order: 'DESC' }}
        queryOptions={liveQueryOptions}
    >
        <ResponsiveDataTable rowClick={false} bulkActionButtons={false}>
            <DataTable.Col source="sent_at" field={DateTimeField} />
            <DataTable.Col source="chat_id">
                <ReferenceField source="chat_id" reference="chats" link="show" />
            </DataTable.Col>
            <DataTable.Col source="sender_name" />
            <DataTable.Col source="sender_kind">
                <SelectField source="sender_kind" choices={senderKindChoices} />
            </DataTable.Col>
            <DataTable.Col source="text" field={MessageText} />
            <DataTable.Col source="label">
                <SelectField source="label" choices={labelChoices} />
            </DataTable.Col>
            <DataTable.Col source="request_id">
                <ReferenceField source="request_id" reference="requests" link="show" />
            </DataTable.Col>
            <DataTable.Col source="version" align="right" />
        </ResponsiveDataTable>
    </List>
);
