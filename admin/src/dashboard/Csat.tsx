import { useTranslate } from 'react-admin';
import { KpiCard } from '../common/KpiCard';
import { RpcProblem } from '../common/RpcProblem';
import { quarterLabel, type QuarterRow } from '../feedback/types';
import { useRpc } from '../providers/rpc';
import { useFirmTimezone } from './period';

// First day of the quarter `now` falls in, in the firm's timezone, as public.feedback_trend names quarters.
const quarterOf = (now: Date, timeZone: string) => {
    const [year, month] = now.toLocaleDateString('sv-SE', { timeZone }).split('-').map(Number);
    return `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
};

// Client satisfaction of the current quarter (public.feedback_trend over the caller's visible chats).
export const Csat = ({ now }: { now: Date }) => {
    const translate = useTranslate();
    const timezone = useFirmTimezone();
    const trend = useRpc<QuarterRow[]>('feedback_trend', {}, { live: true });
    const error = timezone.error ?? trend.error;
    if (error) return <RpcProblem error={error} />;
    const quarter = timezone.data && quarterOf(now, timezone.data);
    const data = quarter ? trend.data : undefined;
    const row = data?.find(r => r.quarter === quarter);
    const none = translate('buhbot.dashboard.no_data');
    const value = (figure: number | null | undefined) => (data ? figure ?? none : '…');
    const hint = quarter && translate('buhbot.dashboard.csat_quarter', { quarter: quarterLabel(quarter) });
    return (
        <>
            <KpiCard testId="kpi-csat" title={translate('buhbot.dashboard.csat')} value={value(row?.average)} hint={hint} />
            <KpiCard testId="kpi-nps" title={translate('buhbot.feedback.nps')} value={value(row?.nps)} hint={hint} />
            <KpiCard testId="kpi-votes" title={translate('buhbot.feedback.votes')} value={data ? row?.votes ?? 0 : '…'} hint={hint} />
        </>
    );
};
