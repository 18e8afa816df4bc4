// Links to the requests list with a filter, for figures that count requests (the dashboard's cards).
export const requestsWhere = (filter: Record<string, unknown>) =>
    `/requests?${new URLSearchParams({ filter: JSON.stringify(filter) })}`;

// Open requests past their deadline: what "open breaches" counts.
export const OPEN_BREACHES = requestsWhere({ status: 'open', breached: 'true' });
