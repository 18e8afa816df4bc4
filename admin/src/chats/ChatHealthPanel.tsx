import { List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/CheckCircle';
import ProblemIcon from '@mui/icons-material/Error';
import UnknownIcon from '@mui/icons-material/Help';
import { useRecordContext, useTranslate } from 'react-admin';
import { RpcProblem } from '../common/RpcProblem';
import { useChatHealth } from './health';

const icons = { true: <CheckIcon color="success" />, false: <ProblemIcon color="warning" />, null: <UnknownIcon color="disabled" /> };

// The chat's configuration checks as public.chat_health words them, so a manager knows what to fix.
export const ChatHealthPanel = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    const { data, error } = useChatHealth(record?.id as number);
    if (error) return <RpcProblem error={error} />;
    if (!data?.length) return null;
    return (
        <>
            <Typography variant="subtitle2">{translate('buhbot.health.title')}</Typography>
            <List dense>
                {data.map(check => (
                    <ListItem key={check.key} data-check={check.key} data-ok={String(check.ok)}>
                        <ListItemIcon>{icons[String(check.ok) as keyof typeof icons]}</ListItemIcon>
                        <ListItemText primary={check.detail} />
                    </ListItem>
                ))}
            </List>
        </>
    );
};
