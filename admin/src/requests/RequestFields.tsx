import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const statusColor = { open: 'warning', answered: 'success', resolved: 'default' } as const;

export const RequestStatusField = (_props: { source?: string; label?: string }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    // An open request past its deadline is the one thing a manager must not miss; the server says which.
    const color = record.sla_state === 'breached' ? 'error' : statusColor[record.status as keyof typeof statusColor];
    return <Chip size="small" color={color} label={translate(`buhbot.request_status.${record.status}`)} />;
};

// Response time is stored in working seconds and shown in whole working minutes, rounded down.
export const WorkingMinutesField = ({ source }: { source: string; label?: string }) => {
    const record = useRecordContext();
    const seconds = record?.[source];
    return seconds == null ? null : <span>{Math.floor(Number(seconds) / 60)}</span>;
};
