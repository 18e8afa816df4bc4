import { DataTable, List, SelectField, SelectInput, TextInput, usePermissions } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { auditActionChoices, auditTableChoices } from '../common/choices';
import { periodFilters } from '../common/filters';
import { liveQueryOptions } from '../providers/live';
import { AuditChanges } from './AuditChanges';
import { ActorRole, AuditActor, AuditRecord } from './AuditRecord';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [
    <SelectInput key="table_name" source="table_name" choices={auditTableChoices} alwaysOn />,
    <SelectInput key="action" source="action" choices={auditActionChoices} alwaysOn />,
    <TextInput key="row_key" source="row_key" />,
    ...periodFilters('at'),
];

// Who changed what, by name, with the changes spelled out; the database role behind a change is a
// technical detail for admins only.
export const AuditLogList = () => {
    const { permissions } = usePermissions();
    return (
        <List exporter={csvExporter} filters={filters} sort={{ field: 'at', order: 'DESC' }} queryOptions={liveQueryOptions}>
            <ResponsiveDataTable rowClick={false} bulkActionButtons={false}>
                <DataTable.Col source="at" field={DateTimeField} />
                <DataTable.Col source="table_name">
                    <SelectField source="table_name" choices={auditTableChoices} />
                </DataTable.Col>
                <DataTable.Col source="row_key" field={AuditRecord} />
                <DataTable.Col source="action">
                    <SelectField source="action" choices={auditActionChoices} />
                </DataTable.Col>
                <DataTable.Col source="actor_id" field={AuditActor} />
                <DataTable.Col label="buhbot.audit.changes" field={AuditChanges} />
                {permissions === 'admin' && <DataTable.Col source="actor_role" field={ActorRole} />}
            </ResponsiveDataTable>
        </List>
    );
};
