// Lists and the dashboard refetch this often: a manager must see a new request or breach within 30 s.
// react-query pauses it while the tab is hidden.
export const LIVE_REFRESH_MS = 30_000;

export const liveQueryOptions = { refetchInterval: LIVE_REFRESH_MS };
