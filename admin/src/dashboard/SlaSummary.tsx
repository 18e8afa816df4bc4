import { useTranslate } from 'react-admin';
import { KpiCard } from '../common/KpiCard';
import { RpcProblem } from '../common/RpcProblem';
import { useRpc } from '../providers/rpc';
import { previousRange, rangeArgs, type Range } from './period';

type Totals = {
    scope: string;
    requests: number;
    decided: number;
    on_time: number;
    breached: number;
    compliance_pct: number | null;
    avg_response_minutes: number | null;
    p95_response_minutes: number | null;
};

type Figure = 'requests' | 'breached' | 'compliance_pct' | 'avg_response_minutes' | 'p95_response_minutes';

const useTotal = (range: Range) => {
    const { data, error } = useRpc<Totals[]>('sla_report', rangeArgs(range));
    return { total: data?.find(row => row.scope === 'total'), error };
};

/** "▲ 5.2", "▼ 3", "= 0": the change from the previous period's figure (none when either is unknown). */
export const delta = (current: number | null | undefined, previous: number | null | undefined) => {
    if (current == null || previous == null) return undefined;
    const change = Math.round((Number(current) - Number(previous)) * 10) / 10;
    return `${change > 0 ? '▲' : change < 0 ? '▼' : '='} ${Math.abs(change)}`;
};

// Compliance, volume and response times of the requests received in the period (public.sla_report, total
// row; RLS limits an accountant to their own chats), each against the previous period of the same length.
export const SlaSummary = ({ range }: { range: Range }) => {
    const translate = useTranslate();
    const current = useTotal(range);
    const previous = useTotal(previousRange(range));
    const error = current.error ?? previous.error;
    if (error) return <RpcProblem error={error} />;
    const none = translate('buhbot.dashboard.no_data');
    const card = (figure: Figure, title: string, show: (value: number) => string, hint?: string) => {
        const value = current.total?.[figure];
        const change = previous.total && delta(value, previous.total[figure]);
        return (
            <KpiCard
                key={figure}
                testId={`kpi-${figure}`}
                title={translate(title)}
                value={!current.total ? '…' : value == null ? none : show(value)}
                hint={[
                    hint,
                    previous.total &&
                        translate('buhbot.report.vs_previous', {
                            change: change ?? '—',
                            previous: previous.total[figure] == null ? none : show(previous.total[figure]),
                        }),
                ]
                    .filter(Boolean)
                    .join('. ')}
            />
        );
    };
    const minutes = (value: number) => translate('buhbot.dashboard.minutes', { value });
    const count = (value: number) => String(value);
    return (
        <>
            {card(
                'compliance_pct',
                'buhbot.dashboard.compliance',
                value => `${value} %`,
                current.total && translate('buhbot.dashboard.compliance_hint', current.total),
            )}
            {card('requests', 'buhbot.report.requests', count)}
            {card('breached', 'buhbot.report.breached', count)}
            {card('avg_response_minutes', 'buhbot.dashboard.avg_response', minutes)}
            {card('p95_response_minutes', 'buhbot.dashboard.p95_response', minutes)}
        </>
    );
};
