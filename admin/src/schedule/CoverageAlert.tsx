import { Alert } from '@mui/material';
import { useRpc } from '../providers/rpc';

// public.calendar_coverage: whether the global production calendar covers this year and, from 1 November,
// the next one. The database words the verdict, so the console, /diagnose and the alert agree.
export type Coverage = { covered_until: string | null; needed_until: string; ok: boolean; detail: string };

// A warning while the calendar is short; with `always`, also the good news (on the calendar page).
export const CoverageAlert = ({ always = false }: { always?: boolean }) => {
    const { data } = useRpc<Coverage | null>('calendar_coverage', {}, { live: true });
    if (!data || (data.ok && !always)) return null;
    return (
        <Alert severity={data.ok ? 'success' : 'warning'} sx={{ mb: 2, maxWidth: 640 }}>
            {data.detail}
        </Alert>
    );
};
