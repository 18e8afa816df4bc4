import { DateTimeInput } from 'react-admin';

// A "from … to …" pair of filters on a timestamp column (PostgREST gte / lt operators).
export const periodFilters = (source: string) => [
    <DateTimeInput key={`${source}@gte`} source={`${source}@gte`} label="buhbot.filter.since" />,
    <DateTimeInput key={`${source}@lt`} source={`${source}@lt`} label="buhbot.filter.until" />,
];
