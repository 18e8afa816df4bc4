import { Box } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

// Columns that change with every write and tell a reader nothing.
const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'last_message_at']);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Columns holding a code the console already has words for, per table (buhbot.<group>.<code>).
const CODES: Record<string, string> = { role: 'role', 'chat_staff.role': 'chat_role', chat_type: 'chat_type' };

// A value as a person reads it: codes in words, yes/no, lists joined, nothing as «—».
const human = (value: unknown, translate: (key: string, options?: object) => string, code?: string): string => {
    if (value == null || value === '') return '—';
    if (code && typeof value === 'string') return translate(`buhbot.${code}.${value}`, { _: value });
    if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
    if (Array.isArray(value)) return value.length ? value.map(v => human(v, translate)).join(', ') : '—';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
};

// Only what changed, one line per field: «поле: было → стало» (an insert shows what was set, a delete what
// was removed). Field names come from the resource's translations.
export const AuditChanges = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    const before: Record<string, unknown> = record.old_row ?? {};
    const after: Record<string, unknown> = record.new_row ?? {};
    const columns = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
        column => !BOOKKEEPING.has(column) && !same(before[column], after[column])
    );
    const field = (column: string) => translate(`resources.${record.table_name}.fields.${column}`, { _: column });
    const value = (row: Record<string, unknown>, column: string) =>
        human(row[column], translate, CODES[`${record.table_name}.${column}`] ?? CODES[column]);
    const line = (column: string) =>
        record.action === 'INSERT' || record.action === 'ERASE'
            ? `${field(column)}: ${value(after, column)}`
            : record.action === 'DELETE'
              ? `${field(column)}: ${value(before, column)}`
              : `${field(column)}: ${value(before, column)} → ${value(after, column)}`;
    return (
        <Box data-testid="audit-changes" sx={{ overflowWrap: 'anywhere' }}>
            {columns.map(column => (
                <div key={column}>{line(column)}</div>
            ))}
        </Box>
    );
};
