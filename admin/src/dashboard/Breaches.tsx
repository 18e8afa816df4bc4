import { useTranslate } from 'react-admin';
import { KpiCard } from '../common/KpiCard';
import { RpcProblem } from '../common/RpcProblem';
import { useRpc } from '../providers/rpc';
import { requestsWhere } from '../requests/links';
import { sum, useLastDays } from './days';

// Breaches by the day their deadline passed: today, the last 7 and the last 30 days.
export const Breaches = ({ now }: { now: Date }) => {
    const translate = useTranslate();
    const { days, error } = useLastDays(now);
    // The card lists the requests whose deadline passed since the firm's midnight (its timezone).
    const dayStart = useRpc<string>('firm_day_start', { p_day: days?.at(-1)?.day }, { enabled: days !== undefined });
    if (error) return <RpcProblem error={error} />;
    const today = days ? sum(days.slice(-1), 'breaches') : undefined;
    return (
        <KpiCard
            testId="kpi-breaches"
            title={translate('buhbot.dashboard.breaches_today')}
            value={today ?? '…'}
            tone={today ? 'error' : undefined}
            to={dayStart.data && requestsWhere({ breached: 'true', 'breach_at@gte': dayStart.data })}
            hint={
                days &&
                translate('buhbot.dashboard.breaches_more', {
                    week: sum(days.slice(-7), 'breaches'),
                    month: sum(days, 'breaches'),
                })
            }
        />
    );
};
