import { useState } from 'react';
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { DataTable, ExportButton, List, SimpleList, TopToolbar, usePermissions, useTranslate } from 'react-admin';
import { csvExporter } from '../common/exporter';
import { DateTimeField } from '../common/DateTimeField';
import { useIsPhone } from '../common/phone';
import { liveQueryOptions } from '../providers/live';
import { SlaStateField, TimeLeftField } from './TimeLeftField';

export const QUEUE_PATH = '/queue';

type Scope = 'mine' | 'all';

const ScopeToggle = ({ scope, onChange }: { scope: Scope; onChange: (scope: Scope) => void }) => {
    const translate = useTranslate();
    return (
        <ToggleButtonGroup size="small" exclusive value={scope} onChange={(_, value) => value && onChange(value)}>
            <ToggleButton value="mine">{translate('buhbot.queue.mine')}</ToggleButton>
            <ToggleButton value="all">{translate('buhbot.queue.all')}</ToggleButton>
        </ToggleButtonGroup>
    );
};

const QueueTable = () => (
    <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="working_seconds_left" label="buhbot.queue.time_left" field={TimeLeftField} />
        <DataTable.Col source="sla_state" label="buhbot.queue.state" field={SlaStateField} disableSort />
        <DataTable.Col source="question" disableSort />
        <DataTable.Col source="client_name" disableSort />
        <DataTable.Col source="chat_title" disableSort />
        <DataTable.Col source="accountant_name" disableSort />
        <DataTable.Col source="received_at" field={DateTimeField} />
    </DataTable>
);

// On a phone each request is a card: the question, who asked where, and the time left.
const QueueCards = () => (
    <SimpleList
        data-testid="queue-cards"
        rowClick="show"
        // A client's long link or word wraps instead of widening the page.
        sx={{ '& .MuiListItemText-root': { overflowWrap: 'anywhere', minWidth: 0 } }}
        primaryText={record => record.question}
        secondaryText={record => [record.client_name, record.chat_title, record.accountant_name].filter(Boolean).join(' · ')}
        tertiaryText={<TimeLeftField />}
    />
);

// What needs action now: open requests, the least working time left first (breached ones, most late, on
// top). An accountant starts with their own chats' requests; everyone can switch to all they may see.
export const QueuePage = () => {
    const { permissions, isPending } = usePermissions();
    const isPhone = useIsPhone();
    const [chosen, setScope] = useState<Scope>();
    if (isPending) return null;
    const scope = chosen ?? (permissions === 'accountant' ? 'mine' : 'all');
    return (
        <List
            resource="requests"
            storeKey="queue"
            disableSyncWithLocation
            title="buhbot.queue.title"
            filter={scope === 'mine' ? { status: 'open', mine: true } : { status: 'open' }}
            sort={{ field: 'working_seconds_left', order: 'ASC' }}
            perPage={50}
            exporter={csvExporter}
            queryOptions={liveQueryOptions}
            actions={
                <TopToolbar>
                    <ScopeToggle scope={scope} onChange={setScope} />
                    <ExportButton />
                </TopToolbar>
            }
            empty={false}
        >
            {isPhone ? <QueueCards /> : <QueueTable />}
        </List>
    );
};
