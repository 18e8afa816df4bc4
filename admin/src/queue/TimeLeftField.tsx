import { useEffect, useState } from 'react';
import { Chip, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const TICK_MS = 5_000;

// Seconds of browser time since `value` last changed: only to count a server figure down between refreshes.
const useSecondsSince = (value: unknown) => {
    const [start, setStart] = useState(() => Date.now());
    const [now, setNow] = useState(start);
    useEffect(() => {
        const at = Date.now();
        setStart(at);
        setNow(at);
        const timer = setInterval(() => setNow(Date.now()), TICK_MS);
        return () => clearInterval(timer);
    }, [value]);
    return Math.floor((now - start) / 1000);
};

// Whole working minutes, floored, as a signed figure: positive = left, negative = late.
export const signedMinutes = (seconds: number) => (seconds >= 0 ? Math.floor(seconds / 60) : -Math.floor(-seconds / 60));

const useDuration = () => {
    const translate = useTranslate();
    return (minutes: number) =>
        minutes < 60
            ? translate('buhbot.queue.minutes', { minutes })
            : translate('buhbot.queue.hours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
};

// An open request's working time left, as the server computed it at its own clock (request_rows). The
// display counts down while the server said the chat's working clock runs, and never crosses the deadline
// by itself: whether a request is breached is the server's word at the next refresh.
export const TimeLeftField = (_props: { source?: string; label?: string; sortable?: boolean }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    const duration = useDuration();
    const server = record?.working_seconds_left as number | null | undefined;
    const elapsed = useSecondsSince(server);
    if (!record || server == null) return null;
    const late = server < 0 || record.sla_state === 'breached';
    const seconds = late || !record.clock_running ? server : Math.max(0, server - elapsed);
    const minutes = signedMinutes(seconds);
    const text = late
        ? minutes === 0
            ? translate('buhbot.queue.late_now')
            : translate('buhbot.queue.late', { duration: duration(-minutes) })
        : minutes === 0
          ? translate('buhbot.queue.under_minute')
          : translate('buhbot.queue.left', { duration: duration(minutes) });
    return (
        <Stack component="span" spacing={0.25} data-testid="time-left" data-minutes={minutes} data-state={record.sla_state}>
            <Typography component="span" variant="body2" color={late ? 'error.main' : record.sla_state === 'warning' ? 'warning.dark' : undefined}>
                {text}
            </Typography>
            {!record.clock_running && (
                <Typography component="span" variant="caption" color="text.secondary">
                    {translate('buhbot.queue.clock_stopped')}
                </Typography>
            )}
        </Stack>
    );
};

const stateColor = { ok: 'success', warning: 'warning', breached: 'error' } as const;

// The SLA state of an open request (ok, warning, breached) as the server decided it.
export const SlaStateField = (_props: { source?: string; label?: string; sortable?: boolean }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    const state = record?.sla_state as keyof typeof stateColor | null | undefined;
    if (!state) return null;
    return <Chip size="small" color={stateColor[state]} label={translate(`buhbot.sla_state.${state}`)} data-testid="sla-state" />;
};
