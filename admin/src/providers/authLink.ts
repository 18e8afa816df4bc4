// Supabase Auth sends an invitation or password-reset link back to the console as
// <site>/#access_token=…&refresh_token=…&type=invite (or #error=…&error_code=otp_expired for a used or
// stale link). The hash router would read that fragment as a page name, so it is turned into the page it
// means before the app starts: ra-supabase's set-password page, or the "link expired" page.
export const LINK_EXPIRED_PATH = '/link-expired';

export const routeAuthLink = (location: Location = window.location) => {
    const fragment = new URLSearchParams(location.hash.slice(1));
    if (fragment.has('access_token') && fragment.has('refresh_token')) {
        const keep = new URLSearchParams();
        for (const name of ['access_token', 'refresh_token', 'type']) keep.set(name, fragment.get(name) ?? '');
        history.replaceState(null, '', `${location.pathname}#/set-password?${keep}`);
    } else if (fragment.has('error_code')) {
        history.replaceState(null, '', `${location.pathname}#${LINK_EXPIRED_PATH}`);
    }
};
