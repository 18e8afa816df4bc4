// Lists and the dashboard refetch this often (PRODUCT.md: live refresh ≤ 30 s); react-query pauses it
// while the tab is hidden.
export const LIVE_REFRESH_MS = 30_000;

export const liveQueryOptions = { refetchInterval: LIVE_REFRESH_MS };
