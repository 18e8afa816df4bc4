import { Stack, Typography } from '@mui/material';
import { Title, useAuthenticated, useTranslate } from 'react-admin';
import { Comments } from './Comments';
import { SummaryCards } from './SummaryCards';
import { ByAccountant, QuarterTrend } from './Trends';

export const FEEDBACK_PATH = '/feedback';

// Every role's view of client feedback: aggregates and anonymised comments over the chats it sees.
export const FeedbackPage = () => {
    useAuthenticated();
    const translate = useTranslate();
    return (
        <Stack spacing={2} sx={{ mt: 2 }}>
            <Title title="buhbot.feedback.title" />
            <Typography variant="h6">{translate('buhbot.feedback.all_time')}</Typography>
            <SummaryCards />
            <QuarterTrend />
            <ByAccountant />
            <Comments />
        </Stack>
    );
};
