import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { TelegramHtml } from '../common/TelegramHtml';
import type { Message } from './telegram';

const name = (m: Message) => (m.from ? [m.from.first_name, m.from.last_name].filter(Boolean).join(' ') : '');

const Content = ({ m }: { m: Message }) => {
    const translate = useTranslate();
    if (m.document) return <>📄 {m.document.file_name}{m.caption ? ` — ${m.caption}` : ''}</>;
    if (m.sticker) return <Box component="span" sx={{ fontSize: 40 }}>{m.sticker.emoji}</Box>;
    if (m.text) return <TelegramHtml text={m.text} html={m.parse_mode === 'HTML'} />;
    return <em>{translate('buhbot.sandbox.unsupported')}</em>;
};

/** One Telegram chat as a client app shows it: bubbles (the bot's on the left, tinted), HTML rendered,
 *  inline keyboards pressable, edits applied in place. */
export const ChatView = ({ title, messages, onPress, testId }: {
    title: string;
    messages: Message[];
    onPress: (m: Message, data: string) => void;
    testId: string;
}) => {
    const translate = useTranslate();
    return (
        <Paper variant="outlined" data-testid={testId} sx={{ display: 'flex', flexDirection: 'column', minHeight: 240 }}>
            <Typography variant="subtitle1" sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider', fontWeight: 600 }}>
                {title}
            </Typography>
            <Stack spacing={1} sx={{ p: 1.5, bgcolor: '#e7ebf0', flexGrow: 1, overflowY: 'auto', maxHeight: 520 }}>
                {messages.length === 0 && (
                    <Typography variant="body2" color="text.secondary">{translate('buhbot.sandbox.empty')}</Typography>
                )}
                {messages.map(m => (
                    <Box
                        key={m.message_id}
                        data-testid="sandbox-message"
                        sx={{
                            alignSelf: m.from?.is_bot ? 'flex-start' : 'flex-end',
                            maxWidth: '85%',
                            bgcolor: m.from?.is_bot ? '#fff' : '#effdde',
                            borderRadius: 2,
                            px: 1.5,
                            py: 1,
                            boxShadow: 1,
                        }}
                    >
                        <Typography variant="caption" color="primary" sx={{ fontWeight: 600 }}>{name(m)}</Typography>
                        <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                            <Content m={m} />
                        </Typography>
                        {m.edit_date && (
                            <Typography variant="caption" color="text.secondary">{translate('buhbot.sandbox.edited')}</Typography>
                        )}
                        {m.reply_markup?.inline_keyboard?.map((row, i) => (
                            <Stack direction="row" spacing={0.5} key={i} sx={{ mt: 0.5 }}>
                                {row.map(b => (
                                    <Button
                                        key={b.text}
                                        size="small"
                                        variant="outlined"
                                        fullWidth
                                        onClick={() => b.callback_data
                                            ? onPress(m, b.callback_data)
                                            : b.url && window.open(b.url, '_blank', 'noopener')}
                                    >
                                        {b.text}
                                    </Button>
                                ))}
                            </Stack>
                        ))}
                    </Box>
                ))}
            </Stack>
        </Paper>
    );
};
