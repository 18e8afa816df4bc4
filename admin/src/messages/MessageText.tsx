import { useRecordContext } from 'react-admin';
import { TelegramHtml } from '../common/TelegramHtml';

// The bot writes Telegram HTML; people's messages are plain text. Either way long links wrap.
export const MessageText = () => {
    const record = useRecordContext();
    return record?.text ? <TelegramHtml text={record.text} html={record.sender_kind === 'bot'} /> : null;
};
