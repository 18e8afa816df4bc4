import { useEffect, useState } from 'react';
import { LIVE_REFRESH_MS } from '../providers/live';
import { useRpc } from '../providers/rpc';

export const PERIODS = [1, 7, 30] as const;
export type Period = (typeof PERIODS)[number];

/** A report's period [from, to): the last days up to now, or whole local days the manager picked. */
export type Range = { from: Date; to: Date };

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

/** The period of the same length just before `range`: what a report's figures are compared with. */
export const previousRange = ({ from, to }: Range): Range => ({ from: new Date(2 * from.getTime() - to.getTime()), to: from });

export const rangeArgs = ({ from, to }: Range) => ({ p_from: from.toISOString(), p_to: to.toISOString() });

/** "2026-12-05": the local day an instant falls on in a timezone. */
export const localDay = (at: Date, timeZone: string) => at.toLocaleDateString('sv-SE', { timeZone });

export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

// The instant a local day starts in a timezone: the UTC midnight of that date, moved by the zone's offset
// there (twice, so a day that starts next to an offset change lands right).
export const dayStart = (day: string, timeZone: string) => {
    const midnight = Date.parse(`${day}T00:00:00Z`);
    const offset = (at: number) =>
        Date.parse(`${new Date(at).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T')}Z`) - Math.floor(at / 1000) * 1000;
    const guess = midnight - offset(midnight);
    return new Date(midnight - offset(guess));
};
