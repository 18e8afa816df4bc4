import { BooleanField, DataTable, ExportButton, List, SearchInput, SelectField, SelectInput, TopToolbar } from 'react-admin';
import { onOffChoices, staffRoleChoices } from '../common/choices';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { InviteButton } from './InviteButton';
import { LoginField } from './LoginField';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SearchInput key="full_name" source="full_name@ilike" alwaysOn />,
    <SelectInput key="role" source="role" choices={staffRoleChoices} alwaysOn />,
    <SelectInput key="is_active" source="is_active" choices={onOffChoices} />,
];

const Actions = () => (
    <TopToolbar>
        <InviteButton />
        <ExportButton />
    </TopToolbar>
);

export const StaffList = () => (
    <List exporter={csvExporter} actions={<Actions />} filters={filters} sort={{ field: 'full_name', order: 'ASC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable bulkActionButtons={false}>
            <DataTable.Col source="full_name" />
            <DataTable.Col source="role">
                <SelectField source="role" choices={staffRoleChoices} />
            </DataTable.Col>
            <DataTable.Col label="buhbot.staff.login">
                <LoginField />
            </DataTable.Col>
            <DataTable.Col source="telegram_user_id" />
            <DataTable.Col source="telegram_username" />
            <DataTable.Col source="is_active" field={BooleanField} />
        </ResponsiveDataTable>
    </List>
);
