import { useTranslate } from 'react-admin';
import { KpiCard } from '../common/KpiCard';
import { RpcProblem } from '../common/RpcProblem';
import { useRpc } from '../providers/rpc';
import { daysBefore, type Period } from './period';

type Totals = {
    scope: string;
    requests: number;
    decided: number;
    on_time: number;
    compliance_pct: number | null;
    avg_response_minutes: number | null;
    p95_response_minutes: number | null;
};

// Compliance and response times of the requests received in the period (public.sla_report, total row;
// RLS limits an accountant to their own chats).
export const SlaSummary = ({ now, period }: { now: Date; period: Period }) => {
    const translate = useTranslate();
    const { data, error } = useRpc<Totals[]>('sla_report', {
        p_from: daysBefore(now, period).toISOString(),
        p_to: now.toISOString(),
    });
    if (error) return <RpcProblem error={error} />;
    const total = data?.find(row => row.scope === 'total');
    // Still loading is «…»; «нет данных» only once the answer says there is nothing.
    const none = data ? translate('buhbot.dashboard.no_data') : '…';
    const minutes = (value: number | null | undefined) =>
        value == null ? none : translate('buhbot.dashboard.minutes', { value });
    return (
        <>
            <KpiCard
                testId="kpi-compliance"
                title={translate('buhbot.dashboard.compliance')}
                value={total?.compliance_pct == null ? none : `${total.compliance_pct} %`}
                hint={total && translate('buhbot.dashboard.compliance_hint', { on_time: total.on_time, decided: total.decided })}
            />
            <KpiCard testId="kpi-avg" title={translate('buhbot.dashboard.avg_response')} value={minutes(total?.avg_response_minutes)} />
            <KpiCard testId="kpi-p95" title={translate('buhbot.dashboard.p95_response')} value={minutes(total?.p95_response_minutes)} />
        </>
    );
};
