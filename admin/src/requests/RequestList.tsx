import { List, SelectInput } from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { onOffChoices, requestStatusChoices } from '../common/choices';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { RequestTable } from './RequestTable';
import { csvExporter } from '../common/exporter';

const filters = [
    <ChatInput key="chat_id" source="chat_id" alwaysOn />,
    <SelectInput key="status" source="status" choices={requestStatusChoices} alwaysOn />,
    <SelectInput key="breached" source="breached" choices={onOffChoices} />,
    ...periodFilters('received_at'),
];

export const RequestList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'received_at', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <RequestTable />
    </List>
);
