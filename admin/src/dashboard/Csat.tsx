import { useTranslate } from 'react-admin';
import { RpcProblem } from '../common/RpcProblem';
import { quarterLabel, type QuarterRow } from '../feedback/types';
import { useRpc } from '../providers/rpc';
import { KpiCard } from './KpiCard';
import { REPORT_TIMEZONE } from './period';

// First day of the quarter `now` falls in, in the reporting timezone, as public.feedback_trend names quarters.
const quarterOf = (now: Date) => {
    const [year, month] = now.toLocaleDateString('sv-SE', { timeZone: REPORT_TIMEZONE }).split('-').map(Number);
    return `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
};

// Client satisfaction of the current quarter (public.feedback_trend over the caller's visible chats).
export const Csat = ({ now }: { now: Date }) => {
    const translate = useTranslate();
    const { data, error } = useRpc<QuarterRow[]>('feedback_trend', {}, { live: true });
    if (error) return <RpcProblem error={error} />;
    const quarter = quarterOf(now);
    const row = data?.find(r => r.quarter === quarter);
    const none = translate('buhbot.dashboard.no_data');
    const value = (figure: number | null | undefined) => (data ? figure ?? none : '…');
    const hint = translate('buhbot.dashboard.csat_quarter', { quarter: quarterLabel(quarter) });
    return (
        <>
            <KpiCard testId="kpi-csat" title={translate('buhbot.dashboard.csat')} value={value(row?.average)} hint={hint} />
            <KpiCard testId="kpi-nps" title={translate('buhbot.feedback.nps')} value={value(row?.nps)} hint={hint} />
            <KpiCard testId="kpi-votes" title={translate('buhbot.feedback.votes')} value={data ? row?.votes ?? 0 : '…'} hint={hint} />
        </>
    );
};
