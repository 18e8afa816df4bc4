import { useEffect, useState } from 'react';
import { LIVE_REFRESH_MS } from '../common/live';

// Days are counted in the firm's reporting timezone, as the Prometheus gauges do ("today" in Moscow).
export const REPORT_TIMEZONE = 'Europe/Moscow';
export const PERIODS = [1, 7, 30] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

// The dashboard's clock: report arguments are derived from it, so each tick refetches every widget once
// (PRODUCT.md: live refresh ≤ 30 s) and the queries stay stable between ticks.
export const useNow = () => {
    const [now, setNow] = useState(() => new Date());
    useEffect(() => {
        const timer = setInterval(() => setNow(new Date()), LIVE_REFRESH_MS);
        return () => clearInterval(timer);
    }, []);
    return now;
};

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
