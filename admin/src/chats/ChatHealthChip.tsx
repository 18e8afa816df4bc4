import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { unmetChecks, useChatHealth } from './health';

// The list's "configuration health" column: green when every check passes, else how many do not.
export const ChatHealthChip = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    const { data, error } = useChatHealth(record?.id as number);
    if (error) {
        return (
            <Tooltip title={translate('buhbot.health.unavailable')}>
                <span>—</span>
            </Tooltip>
        );
    }
    if (!data?.length) return null;
    const unmet = unmetChecks(data);
    if (unmet.length === 0) {
        return <Chip size="small" color="success" variant="outlined" label={translate('buhbot.health.ok')} />;
    }
    return (
        <Tooltip title={unmet.map(check => check.detail).join('; ')}>
            <Chip
                size="small"
                color="warning"
                label={translate('buhbot.health.problems', { smart_count: unmet.length })}
            />
        </Tooltip>
    );
};
