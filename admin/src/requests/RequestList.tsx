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

// Many columns (question, client, accountant, time left…): the table scrolls inside its card, not the page.
export const RequestList = () => (
    <List
        exporter={csvExporter}
        filters={filters}
        sort={{ field: 'received_at', order: 'DESC' }}
        queryOptions={liveQueryOptions}
        sx={{ '& .RaList-content': { overflowX: 'auto' } }}
    >
        <RequestTable />
    </List>
);
