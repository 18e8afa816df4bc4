import { TableCell, TableRow, Typography } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { firmTime } from '../common/exporter';
import { ReportCard } from '../common/ReportCard';
import { callRpc, useRpc } from '../providers/rpc';
import { rangeArgs, useFirmTimezone, type Range } from './period';

type Miss = {
    request_id: number;
    chat_id: number;
    chat_title: string | null;
    accountant_telegram_id: number | null;
    accountant_name: string | null;
    status: string;
    received_at: string;
    breach_at: string;
    answered_at: string | null;
    late_minutes: number;
    total: number;
};

const SHOWN = 20;
const COLUMNS = ['request', 'chat', 'accountant', 'received_at', 'breach_at', 'answered_at', 'late_minutes'] as const;

// Every missed deadline of the period (public.sla_misses), latest first: the request, its chat and
// accountant, and how late it was answered in working minutes (still unanswered: how late it is now).
// The database sends the first rows and the count; «Скачать CSV» asks for them all.
export const SlaMisses = ({ range }: { range: Range }) => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const timezone = useFirmTimezone();
    const { data, error } = useRpc<Miss[]>('sla_misses', { ...rangeArgs(range), p_limit: SHOWN });
    const total = data && (data[0]?.total ?? 0);
    const problem = error ?? timezone.error;
    const accountant = (row: Miss) => row.accountant_name ?? translate('buhbot.report.no_accountant');
    const answered = (row: Miss, timeZone: string) =>
        row.answered_at ? firmTime(row.answered_at, timeZone) : translate(`buhbot.request_status.${row.status}`);
    const line = (row: Miss, timeZone: string) => [
        row.request_id,
        row.chat_title ?? row.chat_id,
        accountant(row),
        firmTime(row.received_at, timeZone),
        firmTime(row.breach_at, timeZone),
        answered(row, timeZone),
        row.late_minutes,
    ];
    const header = COLUMNS.map(column => translate(`buhbot.report.miss.${column}`));
    const csv = async (timeZone: string) =>
        (await callRpc<Miss[]>('sla_misses', rangeArgs(range))).map(row => line(row, timeZone));
    return (
        <ReportCard
            testId="report-misses"
            title={translate('buhbot.report.misses')}
            subheader={total !== undefined && translate('buhbot.report.misses_count', { smart_count: total })}
            header={header}
            right={index => index === COLUMNS.length - 1}
            csv={data && csv}
            error={problem}
            footer={
                total !== undefined &&
                total > SHOWN && (
                    <Typography variant="caption" color="text.secondary" sx={{ p: 2, display: 'block' }}>
                        {translate('buhbot.report.misses_more', { count: total - SHOWN })}
                    </Typography>
                )
            }
        >
            {timezone.data &&
                (data ?? []).map(row => (
                    <TableRow key={row.request_id}>
                        <TableCell>
                            <Link to={createPath({ resource: 'requests', id: row.request_id, type: 'show' })}>{`№ ${row.request_id}`}</Link>
                        </TableCell>
                        <TableCell>
                            <Link to={createPath({ resource: 'chats', id: row.chat_id, type: 'show' })}>{row.chat_title ?? row.chat_id}</Link>
                        </TableCell>
                        <TableCell>{accountant(row)}</TableCell>
                        <TableCell>{firmTime(row.received_at, timezone.data)}</TableCell>
                        <TableCell>{firmTime(row.breach_at, timezone.data)}</TableCell>
                        <TableCell>{answered(row, timezone.data)}</TableCell>
                        <TableCell align="right">{row.late_minutes}</TableCell>
                    </TableRow>
                ))}
        </ReportCard>
    );
};
