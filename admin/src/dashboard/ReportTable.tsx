import { Link, useCreatePath } from 'react-admin';
import { FigureTable } from '../common/FigureTable';
import { daysBefore, type Period } from './period';

const figures = ['requests', 'breached', 'compliance_pct', 'avg_response_minutes', 'p95_response_minutes'] as const;

type Row = Record<(typeof figures)[number], number | null> & {
    chat_id?: number;
    title?: string;
    telegram_user_id?: number;
    name?: string;
};

// Worst first: public.sla_report_by_chat / public.sla_report_by_accountant for the period, top ten.
export const ReportTable = ({ by, now, period }: { by: 'chat' | 'accountant'; now: Date; period: Period }) => {
    const createPath = useCreatePath();
    const name = (row: Row) =>
        by === 'chat' ? (
            <Link to={createPath({ resource: 'chats', id: row.chat_id, type: 'show' })}>{row.title}</Link>
        ) : (
            row.name
        );
    return (
        <FigureTable
            fn={`sla_report_by_${by}`}
            args={{ p_from: daysBefore(now, period).toISOString(), p_to: now.toISOString() }}
            limit={10}
            testId={`report-by-${by}`}
            title={`buhbot.dashboard.by_${by}`}
            column={`buhbot.dashboard.column.${by}`}
            figures={figures}
            labels="buhbot.dashboard.column"
            name={name}
        />
    );
};
