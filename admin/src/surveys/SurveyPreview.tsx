import { useEffect } from 'react';
import { Alert, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useRpc } from '../providers/rpc';

// public.survey_preview: what starting the survey now would do, by the same rule as the start itself.
export type Preview = {
    chats: number;
    now: number;
    later: number;
    never: number;
    skipped: Record<'sla_off' | 'bot_removed' | 'no_client_message' | 'cooldown', number>;
};

const REASONS = ['no_client_message', 'sla_off', 'bot_removed'] as const;

const useSurveyScope = () => {
    const [scope, chatIds] = useWatch({ name: ['scope', 'chat_ids'] }) as ['all' | 'selected', number[] | undefined];
    return scope === 'all' ? null : chatIds ?? [];
};

// Shown in the start dialog before anything is sent: how many chats get the survey at once, how many after
// the pause between surveys, and why the others get none.
export const SurveyPreview = ({ onPreview }: { onPreview: (preview: Preview | undefined) => void }) => {
    const translate = useTranslate();
    const chatIds = useSurveyScope();
    const none = chatIds?.length === 0;
    const { data, error } = useRpc<Preview>('survey_preview', { p_chat_ids: chatIds }, { enabled: !none });
    useEffect(() => onPreview(none ? undefined : data), [none, data, onPreview]);
    if (none) return null;
    if (error) return <Alert severity="error">{translate('buhbot.survey.preview_failed', { error: error.message })}</Alert>;
    if (!data) return <LinearProgress />;
    const count = (key: string, n: number) => translate(`buhbot.survey.preview.${key}`, { smart_count: n });
    return (
        <Alert severity={data.now > 0 ? 'info' : 'warning'} data-testid="survey-preview" data-now={data.now} data-later={data.later} data-never={data.never}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {count('now', data.now)}
            </Typography>
            {data.later > 0 && <Typography variant="body2">{count('later', data.later)}</Typography>}
            {data.never > 0 && (
                <Typography variant="body2">
                    {count('never', data.never)}:{' '}
                    {REASONS.filter(reason => data.skipped[reason] > 0)
                        .map(reason => count(reason, data.skipped[reason]))
                        .join('; ')}
                </Typography>
            )}
        </Alert>
    );
};
