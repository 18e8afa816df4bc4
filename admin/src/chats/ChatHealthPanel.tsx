import { List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/CheckCircle';
import ProblemIcon from '@mui/icons-material/Error';
import UnknownIcon from '@mui/icons-material/Help';
import { useLocaleState, useRecordContext, useTranslate, type TranslateFunction as Translate } from 'react-admin';
import { formatDateTime } from '../common/DateTimeField';
import { RpcProblem } from '../common/RpcProblem';
import { HEALTH_CHECKS, useChatHealth, type ChatHealth } from './health';

const icons = { true: <CheckIcon color="success" />, false: <ProblemIcon color="warning" />, null: <UnknownIcon color="disabled" /> };

// What stands behind each check, so a manager knows whom to call.
const details = (key: string, health: ChatHealth, locale: string, translate: Translate): string | null => {
    switch (key) {
        case 'accountant':
            return health.accountants.map(a => `${a.name ?? a.telegram_user_id}${a.is_primary ? ' ★' : ''}`).join(', ') || null;
        case 'recipients':
            return translate('buhbot.health.recipients_detail', { chat: health.managers, global: health.global_managers });
        case 'last_message':
            return health.last_message_at && formatDateTime(health.last_message_at, locale);
        default:
            return null;
    }
};

export const ChatHealthPanel = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const { data, error } = useChatHealth(record?.id as number);
    if (error) return <RpcProblem error={error} />;
    if (!data) return null;
    return (
        <>
            <Typography variant="subtitle2">{translate('buhbot.health.title')}</Typography>
            <List dense>
                {HEALTH_CHECKS.map(check => {
                    const ok = check.ok(data);
                    const secondary = ok === null ? translate('buhbot.health.unknown') : details(check.key, data, locale, translate);
                    return (
                        <ListItem key={check.key} data-check={check.key} data-ok={String(ok)}>
                            <ListItemIcon>{icons[String(ok) as keyof typeof icons]}</ListItemIcon>
                            <ListItemText primary={translate(`buhbot.health.${check.key}`)} secondary={secondary} />
                        </ListItem>
                    );
                })}
            </List>
        </>
    );
};
