import { type ReactNode, useState } from 'react';
import { LinearProgress, List, ListItem, ListItemText, Pagination, Stack, Typography } from '@mui/material';
import { useGetList, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/DateTimeField';
import { LoadError } from '../common/LoadError';
import { TelegramHtml } from '../common/TelegramHtml';

const PER_PAGE = 50;
// A request has a handful of SLA events (escalations are capped at 20), so all of them are always shown.
const ALL_EVENTS = { page: 1, perPage: 1000 };

type Translate = (key: string, options?: object) => string;

// A request's story in two parts that never crowd each other out: every SLA event (append-only
// sla_events: opened, warning, breach, answered, closed manually…) in full, and the client's messages that
// opened or joined it page by page — a request with thousands of messages still shows how it ended.
export const RequestTimeline = () => {
    const request = useRecordContext();
    const translate = useTranslate();
    const filter = { request_id: request?.id };
    const events = useGetList('sla_events', { filter, pagination: ALL_EVENTS, sort: { field: 'at', order: 'ASC' } });
    // Who answered or reminded is stored as a Telegram id; the chat's staff list names them.
    const staff = useGetList('chat_staff', { filter: { chat_id: request?.chat_id }, pagination: ALL_EVENTS }, { enabled: !!request });
    const names = new Map((staff.data ?? []).map(s => [String(s.telegram_user_id), s.display_name as string]));
    return (
        <Stack spacing={1} data-testid="request-timeline">
            <Typography variant="subtitle2">{translate('buhbot.tab.timeline')}</Typography>
            {events.error ? (
                <LoadError error={events.error} />
            ) : events.isPending ? (
                <LinearProgress />
            ) : (
                <Entries
                    testId="request-events"
                    entries={(events.data ?? []).map(e => ({
                        at: e.at,
                        title: translate(`buhbot.event.${e.kind}`),
                        text: eventDetails(e.data, translate, names),
                    }))}
                />
            )}
            {request && <RequestMessages requestId={request.id} />}
        </Stack>
    );
};

const RequestMessages = ({ requestId }: { requestId: unknown }) => {
    const translate = useTranslate();
    const [page, setPage] = useState(1);
    const { data, total, error, isPending } = useGetList('messages', {
        filter: { request_id: requestId },
        pagination: { page, perPage: PER_PAGE },
        sort: { field: 'sent_at', order: 'ASC' },
    });
    const pages = Math.ceil((total ?? 0) / PER_PAGE);
    return (
        <>
            <Typography variant="subtitle2">{translate('buhbot.timeline.messages', { smart_count: total ?? 0 })}</Typography>
            {error ? (
                <LoadError error={error} />
            ) : isPending ? (
                <LinearProgress />
            ) : (
                <Entries
                    testId="request-messages"
                    entries={(data ?? []).map(m => ({
                        at: m.sent_at,
                        title: m.sender_name ?? String(m.sender_telegram_id ?? ''),
                        text: m.text ? <TelegramHtml text={m.text} html={m.sender_kind === 'bot'} /> : translate(`buhbot.message_kind.${m.kind}`),
                    }))}
                />
            )}
            {pages > 1 && (
                <Pagination
                    data-testid="request-messages-pages"
                    count={pages}
                    page={page}
                    onChange={(_, next) => setPage(next)}
                    siblingCount={0}
                    showFirstButton
                    showLastButton
                    getItemAriaLabel={(type, n) => translate(`buhbot.timeline.page_${type}`, { page: n })}
                />
            )}
        </>
    );
};

type Entry = { at: string; title: string; text?: ReactNode };

const Entries = ({ entries, testId }: { entries: Entry[]; testId: string }) => {
    const [locale] = useLocaleState();
    return (
        <List dense data-testid={testId}>
            {entries.map((entry, i) => (
                <ListItem key={i} divider>
                    <ListItemText primary={`${formatDateTime(entry.at, locale)} — ${entry.title}`} secondary={entry.text} />
                </ListItem>
            ))}
        </List>
    );
};

// The few event details worth a human's attention.
const eventDetails = (data: Record<string, unknown> = {}, translate: Translate, names: Map<string, string>) =>
    [
        data.working_seconds != null &&
            translate('buhbot.event.response_minutes', { minutes: Math.floor(Number(data.working_seconds) / 60) }),
        data.by != null && translate('buhbot.event.by', { who: names.get(String(data.by)) ?? String(data.by) }),
    ]
        .filter(Boolean)
        .join(', ') || undefined;
