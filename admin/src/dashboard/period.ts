import { useEffect, useState } from 'react';
import { LIVE_REFRESH_MS } from '../providers/live';
import { useRpc } from '../providers/rpc';

export const PERIODS = [1, 7, 30] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

// Days and quarters are counted in the firm's timezone (the global calendar's), as the Prometheus gauges and
// the survey schedule count them; the database owns that fact.
export const useFirmTimezone = () => useRpc<string>('firm_timezone');

// The dashboard's clock: report arguments are derived from it, so each tick refetches every widget once
// and the queries stay stable between ticks.
export const useNow = () => {
    const [now, setNow] = useState(() => new Date());
    useEffect(() => {
        const timer = setInterval(() => setNow(new Date()), LIVE_REFRESH_MS);
        return () => clearInterval(timer);
    }, []);
    return now;
};

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
