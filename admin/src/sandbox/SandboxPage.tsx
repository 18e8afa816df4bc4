import { useState } from 'react';
import { Alert, Box, Button, MenuItem, Snackbar, Stack, TextField } from '@mui/material';
import { Link, Title, useAuthenticated, useCanAccess, useGetList, useNotify, useTranslate } from 'react-admin';
import { LoadError } from '../common/LoadError';
import { explain } from '../providers/errors';
import { ChatView } from './ChatView';
import { DemoSurveyButton } from './DemoSurveyButton';
import { type Action, DEMO_CHAT, type Message, type Person, press, SANDBOX_TELEGRAM_URL, say, useSandboxChats } from './telegram';

export const SANDBOX_PATH = '/sandbox';

// Demo clients of the sandbox group: Telegram ids no staff member has.
const CLIENTS: Person[] = [
    { id: 710001, first_name: 'Иван', last_name: 'Петров' },
    { id: 710002, first_name: 'Светлана', last_name: 'Козлова' },
];
type Staff = { id: string; telegram_user_id: number; role: 'accountant' | 'manager'; display_name: string | null };

const Guide = () => {
    const translate = useTranslate();
    return (
        <Alert severity="info" data-testid="sandbox-guide">
            <strong>{translate('buhbot.sandbox.guide_title')}</strong>
            {['step1', 'step2', 'step3'].map(s => <Box key={s}>{translate(`buhbot.sandbox.${s}`)}</Box>)}
        </Alert>
    );
};

// The console's view of the demo chat in Telegram: type as a client or the accountant, watch what the bot
// answers in the group and sends each staff member privately, press its buttons. Everything goes through
// the local fake Bot API, the polling bridge, the webhook, SQL, pg_cron and the relay.
export const SandboxPage = () => {
    useAuthenticated();
    const translate = useTranslate();
    const { canAccess } = useCanAccess({ resource: 'sandbox', action: 'show' });
    if (canAccess === false) return null;
    return (
        <Stack spacing={2} sx={{ mt: 2 }}>
            <Title title="buhbot.sandbox.title" />
            {SANDBOX_TELEGRAM_URL ? <Sandbox /> : <Alert severity="warning">{translate('buhbot.sandbox.off')}</Alert>}
        </Stack>
    );
};

const Sandbox = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const chats = useSandboxChats();
    const { data: staff = [], error } = useGetList<Staff>('chat_staff', {
        filter: { chat_id: DEMO_CHAT.id },
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'role', order: 'ASC' },
    });
    const person = (s: Staff): Person => ({ id: s.telegram_user_id, first_name: s.display_name ?? String(s.telegram_user_id) });
    const typists = [
        ...CLIENTS.map(p => ({ person: p, label: `${translate('buhbot.sandbox.client')}: ${p.first_name} ${p.last_name}` })),
        ...staff.filter(s => s.role === 'accountant').map(s => ({
            person: person(s),
            label: `${translate('buhbot.sandbox.accountant')}: ${person(s).first_name}`,
        })),
    ];
    const [who, setWho] = useState(0);
    const [text, setText] = useState('');
    const author = typists[who]?.person ?? CLIENTS[0];
    const failed = (e: Error) => notify('buhbot.sandbox.failed', { type: 'error', messageArgs: { error: explain(e).message } });
    const send = (a: Action) => say(author, a).catch(failed);
    const onPress = (as: Person) => (m: Message, data: string) => press(as, m, data).catch(failed);

    return (
        <>
            <Guide />
            {!chats.connected && <Alert severity="error">{translate('buhbot.sandbox.offline')}</Alert>}
            {error && <LoadError error={error} />}
            <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
                <DemoSurveyButton />
                <Button component={Link} to="/requests">{translate('buhbot.sandbox.requests')}</Button>
            </Stack>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' } }}>
                <Stack spacing={1}>
                    <ChatView
                        testId="sandbox-group"
                        title={translate('buhbot.sandbox.group', { title: DEMO_CHAT.title })}
                        messages={chats.inChat(DEMO_CHAT.id)}
                        onPress={onPress(author)}
                    />
                    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
                        <TextField select size="small" label={translate('buhbot.sandbox.who')} value={who}
                            onChange={e => setWho(Number(e.target.value))} sx={{ minWidth: 220 }} data-testid="sandbox-who">
                            {typists.map((t, i) => <MenuItem key={t.person.id} value={i}>{t.label}</MenuItem>)}
                        </TextField>
                        <TextField size="small" fullWidth label={translate('buhbot.sandbox.message')} value={text}
                            onChange={e => setText(e.target.value)} name="sandbox-text"
                            onKeyDown={e => { if (e.key === 'Enter' && text.trim()) { void send({ kind: 'text', text }); setText(''); } }} />
                        <Button variant="contained" disabled={!text.trim()}
                            onClick={() => { void send({ kind: 'text', text }); setText(''); }}>
                            {translate('buhbot.sandbox.send')}
                        </Button>
                    </Stack>
                    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
                        <Button size="small" variant="outlined"
                            onClick={() => send({ kind: 'document', file_name: translate('buhbot.sandbox.document_name') })}>
                            📄 {translate('buhbot.sandbox.document')}
                        </Button>
                        <Button size="small" variant="outlined" onClick={() => send({ kind: 'sticker', emoji: '👍' })}>
                            👍 {translate('buhbot.sandbox.sticker')}
                        </Button>
                        <Button size="small" variant="outlined" onClick={() => send({ kind: 'text', text: '/menu' })}>/menu</Button>
                        <Button size="small" variant="outlined" onClick={() => send({ kind: 'text', text: '/template' })}>/template</Button>
                    </Stack>
                </Stack>
                <Stack spacing={2}>
                    {staff.map(s => (
                        <ChatView
                            key={s.telegram_user_id}
                            testId={`sandbox-private-${s.role}`}
                            title={translate('buhbot.sandbox.private', {
                                name: person(s).first_name,
                                role: translate(`buhbot.chat_role.${s.role}`),
                            })}
                            messages={chats.inChat(s.telegram_user_id)}
                            onPress={onPress(person(s))}
                        />
                    ))}
                </Stack>
            </Box>
            <Snackbar open={chats.notice !== null} message={chats.notice} autoHideDuration={4000} onClose={chats.clearNotice} />
        </>
    );
};
