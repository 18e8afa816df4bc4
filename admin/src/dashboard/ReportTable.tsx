import { Card, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { RpcProblem } from '../common/RpcProblem';
import { useRpc } from '../providers/rpc';
import { daysBefore, type Period } from './period';

type Row = {
    chat_id?: number;
    title?: string;
    telegram_user_id?: number;
    name?: string;
    requests: number;
    breached: number;
    compliance_pct: number | null;
    avg_response_minutes: number | null;
    p95_response_minutes: number | null;
};

const LIMIT = 10;
const figures = ['requests', 'breached', 'compliance_pct', 'avg_response_minutes', 'p95_response_minutes'] as const;

// Worst first: public.sla_report_by_chat / public.sla_report_by_accountant for the period.
export const ReportTable = ({ by, now, period }: { by: 'chat' | 'accountant'; now: Date; period: Period }) => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const { data, error } = useRpc<Row[]>(`sla_report_by_${by}`, {
        p_from: daysBefore(now, period).toISOString(),
        p_to: now.toISOString(),
    });
    const name = (row: Row) =>
        by === 'chat' ? (
            <Link to={createPath({ resource: 'chats', id: row.chat_id, type: 'show' })}>{row.title}</Link>
        ) : (
            row.name
        );
    return (
        <Card sx={{ overflowX: 'auto' }} data-testid={`report-by-${by}`}>
            <CardHeader title={translate(`buhbot.dashboard.by_${by}`)} />
            {error ? (
                <RpcProblem error={error} />
            ) : (
                <Table size="small">
                    <TableHead>
                        <TableRow>
                            <TableCell>{translate(`buhbot.dashboard.column.${by}`)}</TableCell>
                            {figures.map(figure => (
                                <TableCell key={figure} align="right">
                                    {translate(`buhbot.dashboard.column.${figure}`)}
                                </TableCell>
                            ))}
                        </TableRow>
                    </TableHead>
                    <TableBody>
                        {(data ?? []).slice(0, LIMIT).map(row => (
                            <TableRow key={row.chat_id ?? row.telegram_user_id}>
                                <TableCell>{name(row)}</TableCell>
                                {figures.map(figure => (
                                    <TableCell key={figure} align="right">
                                        {row[figure] ?? '—'}
                                    </TableCell>
                                ))}
                            </TableRow>
                        ))}
                    </TableBody>
                </Table>
            )}
        </Card>
    );
};
