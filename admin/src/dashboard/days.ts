import { useRpc } from '../providers/rpc';
import { daysBefore, useFirmTimezone } from './period';

export type DayFigures = {
    day: string;
    requests: number;
    answered_on_time: number;
    breaches: number;
    compliance_pct: number | null;
};

// The last 30 local days, today last and still running (public.sla_report_by_day counts each event on the
// day it happened). One extra day is asked for because the first bucket only starts at p_from.
export const useLastDays = (now: Date) => {
    const timezone = useFirmTimezone();
    const query = useRpc<DayFigures[]>(
        'sla_report_by_day',
        { p_from: daysBefore(now, 31).toISOString(), p_to: now.toISOString(), p_timezone: timezone.data },
        { enabled: timezone.data !== undefined },
    );
    return { error: timezone.error ?? query.error, days: query.data?.slice(-30) };
};

export const sum = (days: DayFigures[], field: 'requests' | 'answered_on_time' | 'breaches') =>
    days.reduce((total, day) => total + Number(day[field]), 0);
