import { useTranslate } from 'react-admin';
import { KpiCard } from '../common/KpiCard';
import { RpcProblem } from '../common/RpcProblem';
import { QUEUE_PATH } from '../queue/QueuePage';
import { useRpc } from '../providers/rpc';
import { OPEN_BREACHES } from '../requests/links';

type Metrics = { open_requests: number; open_alerts: number };

// What needs attention right now (public.sla_metrics, the same numbers Prometheus scrapes).
export const OpenNow = ({ now }: { now: Date }) => {
    const translate = useTranslate();
    const { data, error } = useRpc<Metrics>('sla_metrics', { p_now: now.toISOString() });
    if (error) return <RpcProblem error={error} />;
    return (
        <>
            <KpiCard testId="kpi-open-requests" to={QUEUE_PATH} title={translate('buhbot.dashboard.open_requests')} value={data?.open_requests ?? '…'} />
            <KpiCard
                testId="kpi-open-alerts"
                to={OPEN_BREACHES}
                title={translate('buhbot.dashboard.open_alerts')}
                value={data?.open_alerts ?? '…'}
                tone={data && data.open_alerts > 0 ? 'error' : undefined}
            />
        </>
    );
};
