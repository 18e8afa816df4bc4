import { useCreatePath } from 'react-admin';
import { FigureTable } from '../common/FigureTable';
import { requestsPath } from './drill';
import { rangeArgs, type Range } from './period';

const figures = ['requests', 'breached', 'compliance_pct', 'avg_response_minutes', 'p95_response_minutes'] as const;

type Row = Record<(typeof figures)[number], number | null> & {
    chat_id?: number;
    title?: string;
    telegram_user_id?: number;
    name?: string;
};

// Worst first: public.sla_report_by_chat / public.sla_report_by_accountant for the period, top ten; the
// requests figure opens those requests.
export const ReportTable = ({ by, range }: { by: 'chat' | 'accountant'; range: Range }) => {
    const createPath = useCreatePath();
    return (
        <FigureTable
            fn={`sla_report_by_${by}`}
            args={rangeArgs(range)}
            limit={10}
            testId={`report-by-${by}`}
            title={`buhbot.dashboard.by_${by}`}
            column={`buhbot.dashboard.column.${by}`}
            figures={figures}
            labels="buhbot.dashboard.column"
            label={(row: Row) => String((by === 'chat' ? row.title : row.name) ?? '')}
            link={(row: Row) => (by === 'chat' ? createPath({ resource: 'chats', id: row.chat_id, type: 'show' }) : undefined)}
            drill={(row: Row) =>
                requestsPath(by === 'chat' ? { chat_id: row.chat_id } : { accountant_telegram_id: row.telegram_user_id }, range)
            }
        />
    );
};
