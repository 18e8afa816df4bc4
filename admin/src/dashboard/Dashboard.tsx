import { useState } from 'react';
import { Alert, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { Title, useAuthenticated, usePermissions, useTranslate } from 'react-admin';
import { CoverageAlert } from '../schedule/CoverageAlert';
import { Breaches } from './Breaches';
import { Csat } from './Csat';
import { OpenNow } from './OpenNow';
import { QueuePreview } from './QueuePreview';
import { ReportTable } from './ReportTable';
import { SlaSummary } from './SlaSummary';
import { WeekChart } from './WeekChart';
import { PERIODS, useNow, type Period } from './period';

// Every figure comes from a reporting RPC that reads through RLS: an accountant sees their own chats' numbers.
export const Dashboard = () => {
    useAuthenticated();
    const translate = useTranslate();
    const { permissions, isPending } = usePermissions();
    const now = useNow();
    const [period, setPeriod] = useState<Period>(30);
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
            <Stack direction="row" alignItems="center" spacing={2}>
                <Typography variant="h6">{translate('buhbot.dashboard.sla')}</Typography>
                <ToggleButtonGroup size="small" exclusive value={period} onChange={(_, value) => value && setPeriod(value)}>
                    {PERIODS.map(days => (
                        <ToggleButton key={days} value={days}>
                            {translate(`buhbot.dashboard.period.${days}`)}
                        </ToggleButton>
                    ))}
                </ToggleButtonGroup>
            </Stack>
            <Stack direction="row" flexWrap="wrap" gap={2}>
                <SlaSummary now={now} period={period} />
            </Stack>
            <Typography variant="h6">{translate('buhbot.dashboard.feedback')}</Typography>
            <Stack direction="row" flexWrap="wrap" gap={2}>
                <Csat now={now} />
            </Stack>
            <WeekChart now={now} />
            <ReportTable by="chat" now={now} period={period} />
            <ReportTable by="accountant" now={now} period={period} />
        </Stack>
    );
};
