import { Button } from '@mui/material';
import { useCanAccess, useNotify, useTranslate } from 'react-admin';
import { useRpcMutation } from '../providers/rpc';
import { DEMO_CHAT } from './telegram';

// A survey for the demo chat alone (public.start_survey, managers and admins): its rating buttons arrive in
// the sandbox group, where a demo client can vote.
export const DemoSurveyButton = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const { canAccess } = useCanAccess({ resource: 'surveys', action: 'start' });
    const start = useRpcMutation<number, { p_chat_ids: number[]; p_title: string }>('start_survey');
    if (canAccess !== true) return null;
    const run = () =>
        start.mutate({ p_chat_ids: [DEMO_CHAT.id], p_title: translate('buhbot.sandbox.survey_title') }, {
            onSuccess: id => notify('buhbot.sandbox.survey_started', { type: 'success', messageArgs: { id } }),
            onError: e => notify('buhbot.sandbox.failed', { type: 'error', messageArgs: { error: e.message } }),
        });
    return (
        <Button variant="outlined" onClick={run} disabled={start.isPending} data-testid="sandbox-survey">
            {translate('buhbot.sandbox.survey')}
        </Button>
    );
};
