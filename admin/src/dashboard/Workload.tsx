import { useTranslate } from 'react-admin';
import { FigureTable } from '../common/FigureTable';
import { requestsPath } from './drill';
import { rangeArgs, type Range } from './period';

const figures = ['open_now', 'overdue_now', 'longest_wait_minutes', 'requests', 'answered', 'breached'] as const;

type Row = Record<(typeof figures)[number], number | null> & { telegram_user_id: number | null; name: string | null };

// Who carries the load (public.accountant_workload): open requests waiting for each accountant now, how
// many are overdue, the longest wait in working minutes; and the period's requests, answered, breached.
// The open count opens that accountant's open requests.
export const Workload = ({ range }: { range: Range }) => {
    const translate = useTranslate();
    return (
        <FigureTable
            fn="accountant_workload"
            args={rangeArgs(range)}
            testId="report-workload"
            title="buhbot.report.workload"
            column="buhbot.dashboard.column.accountant"
            figures={figures}
            labels="buhbot.report.column"
            empty="buhbot.report.no_workload"
            label={(row: Row) => row.name ?? translate('buhbot.report.no_accountant')}
            drill={(row: Row) =>
                requestsPath({
                    status: 'open',
                    ...(row.telegram_user_id == null
                        ? { 'accountant_telegram_id@is': 'null' }
                        : { accountant_telegram_id: row.telegram_user_id }),
                })
            }
        />
    );
};
