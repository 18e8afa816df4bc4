import { DateTimeInput } from 'react-admin';

// A "from … to …" pair of filters on a timestamp column (PostgREST gte / lt operators).
export const periodFilters = (source: string) => [
    <DateTimeInput key={`${source}@gte`} source={`${source}@gte`} label="buhbot.filter.since" />,
    <DateTimeInput key={`${source}@lt`} source={`${source}@lt`} label="buhbot.filter.until" />,
];

// The period filter's default for a log of years of history: its last `days` days, so the list (and its
// count) opens quickly; clearing the filter shows everything.
export const lastDays = (source: string, days: number) => ({
    [`${source}@gte`]: new Date(Date.now() - days * 86_400_000).toISOString(),
});
