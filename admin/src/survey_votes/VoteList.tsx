import { DataTable, List, NumberField, ReferenceField, SelectInput, TextField } from 'react-admin';
import { ChatInput } from '../common/ChatInput';
import { DateTimeField } from '../common/DateTimeField';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const ratingChoices = [1, 2, 3, 4, 5].map(id => ({ id, name: `${id} ★` }));

const filters = [
    <ChatInput key="chat_id" source="chat_id" alwaysOn />,
    <SelectInput key="rating" source="rating" choices={ratingChoices} alwaysOn />,
    ...periodFilters('voted_at'),
];

// Every voter's current vote with who they are: RLS gives public.survey_votes to managers and admins only
// (a withdrawn vote shows an empty rating).
export const VoteList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'voted_at', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick={false} bulkActionButtons={false}>
            <DataTable.Col source="voted_at" field={DateTimeField} />
            <DataTable.Col source="chat_id">
                <ReferenceField source="chat_id" reference="chats" link="show" />
            </DataTable.Col>
            <DataTable.Col source="voter_name" />
            <DataTable.Col source="telegram_user_id">
                <NumberField source="telegram_user_id" options={{ useGrouping: false }} />
            </DataTable.Col>
            <DataTable.Col source="rating" align="right" />
            <DataTable.Col source="comment">
                <TextField source="comment" sx={{ whiteSpace: 'pre-wrap' }} />
            </DataTable.Col>
        </ResponsiveDataTable>
    </List>
);
