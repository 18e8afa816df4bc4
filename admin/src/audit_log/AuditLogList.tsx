import { DataTable, List, ReferenceField, SelectField, SelectInput, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { auditActionChoices, auditTableChoices } from '../common/choices';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { AuditChanges } from './AuditChanges';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SelectInput key="table_name" source="table_name" choices={auditTableChoices} alwaysOn />,
    <SelectInput key="action" source="action" choices={auditActionChoices} alwaysOn />,
    <TextInput key="row_key" source="row_key" />,
    ...periodFilters('at'),
];

export const AuditLogList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'at', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick="expand" expand={<AuditChanges />} bulkActionButtons={false}>
            <DataTable.Col source="at" field={DateTimeField} />
            <DataTable.Col source="table_name">
                <SelectField source="table_name" choices={auditTableChoices} />
            </DataTable.Col>
            <DataTable.Col source="row_key" />
            <DataTable.Col source="action">
                <SelectField source="action" choices={auditActionChoices} />
            </DataTable.Col>
            <DataTable.Col source="actor_id">
                <ReferenceField source="actor_id" reference="staff" link={false} emptyText="—" />
            </DataTable.Col>
            <DataTable.Col source="actor_role" />
        </ResponsiveDataTable>
    </List>
);
