import type { Range } from './period';

// A report figure opens the requests behind it: the requests list with the filters in its URL (the chat,
// the accountant a request counts for, the status, the period on received_at, as the reports count them).
export const requestsPath = (filter: Record<string, unknown>, range?: Range) => {
    const filters = range
        ? { ...filter, 'received_at@gte': range.from.toISOString(), 'received_at@lt': range.to.toISOString() }
        : filter;
    const shown = Object.fromEntries(Object.keys(filters).map(key => [key, true]));
    const query = new URLSearchParams({
        filter: JSON.stringify(filters),
        displayedFilters: JSON.stringify(shown),
        sort: 'received_at',
        order: 'DESC',
    });
    return `/requests?${query}`;
};
