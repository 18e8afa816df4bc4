import { Box, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { KpiCard } from '../common/KpiCard';
import { RpcProblem } from '../common/RpcProblem';
import { useRpc } from '../providers/rpc';
import type { Summary } from './types';

const RATINGS = ['5', '4', '3', '2', '1'] as const;

// Average, NPS and the 1–5 distribution of public.feedback_summary (the caller's visible chats; `args`
// narrows it to a survey, chat or accountant).
export const SummaryCards = ({ args = {} }: { args?: Record<string, unknown> }) => {
    const translate = useTranslate();
    const { data, error } = useRpc<Summary>('feedback_summary', args, { live: true });
    if (error) return <RpcProblem error={error} />;
    const none = translate('buhbot.dashboard.no_data');
    return (
        <Stack direction="row" flexWrap="wrap" gap={2}>
            <KpiCard testId="feedback-votes" title={translate('buhbot.feedback.votes')} value={data?.votes ?? '…'} />
            <KpiCard testId="feedback-average" title={translate('buhbot.feedback.average')} value={data ? data.average ?? none : '…'} />
            <KpiCard testId="feedback-nps" title={translate('buhbot.feedback.nps')} value={data ? data.nps ?? none : '…'} hint={translate('buhbot.feedback.nps_hint')} />
            <Card sx={{ flex: '2 1 320px' }} data-testid="feedback-distribution">
                <CardContent>
                    <Typography variant="body2" color="text.secondary">
                        {translate('buhbot.feedback.distribution')}
                    </Typography>
                    {RATINGS.map(rating => {
                        const count = data?.distribution[rating] ?? 0;
                        return (
                            <Stack key={rating} direction="row" alignItems="center" spacing={1}>
                                <Box sx={{ width: 40 }}>{`${rating} ★`}</Box>
                                <LinearProgress variant="determinate" value={data?.votes ? (100 * count) / data.votes : 0} sx={{ flex: 1, height: 8 }} />
                                <Box sx={{ width: 32, textAlign: 'right' }}>{count}</Box>
                            </Stack>
                        );
                    })}
                </CardContent>
            </Card>
        </Stack>
    );
};
