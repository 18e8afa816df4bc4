import { BooleanField, DataTable, List, SearchInput, SelectField, SelectInput } from 'react-admin';
import { onOffChoices, staffRoleChoices } from '../common/choices';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';

const filters = [
    <SearchInput key="full_name" source="full_name@ilike" alwaysOn />,
    <SelectInput key="role" source="role" choices={staffRoleChoices} alwaysOn />,
    <SelectInput key="is_active" source="is_active" choices={onOffChoices} />,
];

export const StaffList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'full_name', order: 'ASC' }} queryOptions={liveQueryOptions}>
        <DataTable bulkActionButtons={false}>
            <DataTable.Col source="full_name" />
            <DataTable.Col source="role">
                <SelectField source="role" choices={staffRoleChoices} />
            </DataTable.Col>
            <DataTable.Col source="telegram_user_id" />
            <DataTable.Col source="telegram_username" />
            <DataTable.Col source="is_active" field={BooleanField} />
        </DataTable>
    </List>
);
