import { Alert, Stack, Typography } from '@mui/material';
import { Title, useAuthenticated, usePermissions, useTranslate } from 'react-admin';
import { CoverageAlert } from '../schedule/CoverageAlert';
import { Breaches } from './Breaches';
import { Csat } from './Csat';
import { OpenNow } from './OpenNow';
import { QueuePreview } from './QueuePreview';
import { useReportRange } from './RangePicker';
import { ReportTable } from './ReportTable';
import { SlaMisses } from './SlaMisses';
import { SlaSummary } from './SlaSummary';
import { WeekChart } from './WeekChart';
import { Workload } from './Workload';
import { useNow } from './period';

// Every figure comes from a reporting RPC that reads through RLS: an accountant sees their own chats' numbers.
export const Dashboard = () => {
    useAuthenticated();
    const translate = useTranslate();
    const { permissions, isPending } = usePermissions();
    const now = useNow();
    const { range, picker } = useReportRange(now);
    if (isPending) return null;
    if (!permissions) return <Alert severity="warning">{translate('buhbot.hint.no_staff_profile')}</Alert>;
    return (
        <Stack spacing={2} sx={{ mt: 2 }}>
            <Title title="ra.page.dashboard" />
            <CoverageAlert />
            <QueuePreview />
            <Stack direction="row" flexWrap="wrap" gap={2}>
                <OpenNow now={now} />
                <Breaches now={now} />
            </Stack>
            <Stack direction="row" flexWrap="wrap" alignItems="center" gap={2}>
                <Typography variant="h6">{translate('buhbot.dashboard.sla')}</Typography>
                {picker}
            </Stack>
            {range && (
                <Stack direction="row" flexWrap="wrap" gap={2}>
                    <SlaSummary range={range} />
                </Stack>
            )}
            <Typography variant="h6">{translate('buhbot.dashboard.feedback')}</Typography>
            <Stack direction="row" flexWrap="wrap" gap={2}>
                <Csat now={now} />
            </Stack>
            <WeekChart now={now} />
            {range && (
                <>
                    <ReportTable by="chat" range={range} />
                    <ReportTable by="accountant" range={range} />
                    <Workload range={range} />
                    <SlaMisses range={range} />
                </>
            )}
        </Stack>
    );
};
