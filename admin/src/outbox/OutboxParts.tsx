import { Box, Chip, Stack } from '@mui/material';
import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import { TelegramHtml } from '../common/TelegramHtml';
import { TelegramPerson } from '../common/TelegramPerson';

type Button = { text: string; url?: string };

// What the recipient sees: the text as Telegram renders it, then the buttons under it.
export const Payload = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    const payload = record?.payload ?? {};
    const buttons: Button[] = (payload.reply_markup?.inline_keyboard ?? []).flat();
    return (
        <Stack spacing={1} data-testid="outbox-payload" sx={{ py: 1 }}>
            {payload.text ? (
                <TelegramHtml text={payload.text} html={payload.parse_mode === 'HTML'} />
            ) : (
                <em>{translate('buhbot.outbox.no_text')}</em>
            )}
            {buttons.length > 0 && (
                <Box>
                    {translate('buhbot.outbox.buttons')}{' '}
                    {buttons.map((b, i) => <Chip key={i} size="small" label={b.text} sx={{ mr: 0.5 }} />)}
                </Box>
            )}
        </Stack>
    );
};

// A group by its title, a private chat by the person's name.
export const Recipient = () => {
    const record = useRecordContext();
    if (!record) return null;
    return record.chat_id < 0 ? (
        <ReferenceField source="chat_id" reference="chats" link="show" />
    ) : (
        <TelegramPerson id={record.chat_id} />
    );
};

// Telegram's refusals in words; the original stays in the tooltip for whoever investigates.
const REFUSALS: [RegExp, string][] = [
    [/blocked by the user|user is deactivated/i, 'blocked'],
    [/chat not found|bot was kicked|not a member/i, 'no_chat'],
    [/too many requests|retry after/i, 'rate_limited'],
    [/message is not modified/i, 'not_modified'],
    [/message to edit not found|message can't be edited/i, 'no_message'],
    [/timed? ?out|network|fetch/i, 'network'],
];
export const LastError = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    const error: string | null = record?.last_error;
    if (!error) return null;
    const reason = REFUSALS.find(([pattern]) => pattern.test(error))?.[1] ?? 'other';
    return <span title={error}>{translate(`buhbot.outbox.error.${reason}`)}</span>;
};
