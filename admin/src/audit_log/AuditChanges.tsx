import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

// Only the columns that changed (all of them for an insert or delete), old value beside new.
export const AuditChanges = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    const before: Record<string, unknown> = record.old_row ?? {};
    const after: Record<string, unknown> = record.new_row ?? {};
    const columns = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
        column => show(before[column]) !== show(after[column])
    );
    return (
        <Table size="small">
            <TableHead>
                <TableRow>
                    <TableCell />
                    <TableCell>{translate('resources.audit_log.fields.old_row')}</TableCell>
                    <TableCell>{translate('resources.audit_log.fields.new_row')}</TableCell>
                </TableRow>
            </TableHead>
            <TableBody>
                {columns.map(column => (
                    <TableRow key={column}>
                        <TableCell>{translate(`resources.${record.table_name}.fields.${column}`, { _: column })}</TableCell>
                        <TableCell>{show(before[column])}</TableCell>
                        <TableCell>{show(after[column])}</TableCell>
                    </TableRow>
                ))}
            </TableBody>
        </Table>
    );
};
