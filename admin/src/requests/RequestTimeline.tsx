import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { useGetList, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/DateTimeField';

type Entry = { at: string; title: string; text?: string };

const all = { page: 1, perPage: 500 };

// A request's story: the client's messages that opened or joined it, and every SLA event (append-only
// sla_events), in time order.
export const RequestTimeline = () => {
    const request = useRecordContext();
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const filter = { request_id: request?.id };
    const events = useGetList('sla_events', { filter, pagination: all, sort: { field: 'at', order: 'ASC' } });
    const messages = useGetList('messages', { filter, pagination: all, sort: { field: 'sent_at', order: 'ASC' } });
    const entries: Entry[] = [
        ...(messages.data ?? []).map(m => ({
            at: m.sent_at,
            title: `${translate('buhbot.event.message')}: ${m.sender_name ?? m.sender_telegram_id ?? ''}`,
            text: m.text ?? translate(`buhbot.message_kind.${m.kind}`),
        })),
        ...(events.data ?? []).map(e => ({
            at: e.at,
            title: translate(`buhbot.event.${e.kind}`),
            text: eventDetails(e.data, translate),
        })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return (
        <>
            <Typography variant="subtitle2">{translate('buhbot.tab.timeline')}</Typography>
            <List dense>
                {entries.map((entry, i) => (
                    <ListItem key={i} divider>
                        <ListItemText
                            primary={`${formatDateTime(entry.at, locale)} — ${entry.title}`}
                            secondary={entry.text}
                        />
                    </ListItem>
                ))}
            </List>
        </>
    );
};

// The few event details worth a human's attention.
const eventDetails = (data: Record<string, unknown> = {}, translate: (key: string, options?: object) => string) =>
    [
        data.working_seconds != null &&
            translate('buhbot.event.response_minutes', { minutes: Math.floor(Number(data.working_seconds) / 60) }),
        data.by != null && translate('buhbot.event.by', { who: String(data.by) }),
    ]
        .filter(Boolean)
        .join(', ') || undefined;
