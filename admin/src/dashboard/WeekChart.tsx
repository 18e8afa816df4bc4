import { Box, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { RpcProblem } from '../common/RpcProblem';
import { useLastDays, type DayFigures } from './days';
import { requestsPath } from './drill';
import { dayStart, nextDay, useFirmTimezone } from './period';

const HEIGHT = 160;
const series = [
    { field: 'requests', color: 'info.light' },
    { field: 'answered_on_time', color: 'success.main' },
    { field: 'breaches', color: 'error.main' },
] as const;

// Each bar carries its value on top, so the chart reads without hovering.
const Bars = ({ day, max }: { day: DayFigures; max: number }) => (
    <Stack direction="row" alignItems="flex-end" spacing={0.5} sx={{ height: HEIGHT + 20 }}>
        {series.map(({ field, color }) => (
            <Stack key={field} alignItems="center" data-testid={`bar-${field}`}>
                <Typography variant="caption" sx={{ fontSize: 11, lineHeight: '18px' }}>
                    {day[field]}
                </Typography>
                <Box title={String(day[field])} sx={{ width: 14, bgcolor: color, height: (HEIGHT * Number(day[field])) / max }} />
            </Stack>
        ))}
    </Stack>
);

// Requests received, answered on time and breached per day over the last week, as plain bars; a day opens
// the requests received on it.
export const WeekChart = ({ now }: { now: Date }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const { days, error } = useLastDays(now);
    const timezone = useFirmTimezone();
    const week = days?.slice(-7) ?? [];
    const max = Math.max(1, ...week.flatMap(day => series.map(({ field }) => Number(day[field]))));
    const label = (day: string) =>
        new Date(`${day}T12:00:00Z`).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
    return (
        <Card data-testid="week-chart">
            <CardHeader title={translate('buhbot.dashboard.chart')} />
            <CardContent>
                {error && <RpcProblem error={error} />}
                <Stack direction="row" justifyContent="space-around">
                    {week.map(day => (
                        <Stack key={day.day} alignItems="center" data-testid={`day-${day.day}`}>
                            <Bars day={day} max={max} />
                            {timezone.data ? (
                                <Link
                                    variant="caption"
                                    to={requestsPath({}, { from: dayStart(day.day, timezone.data), to: dayStart(nextDay(day.day), timezone.data) })}
                                >
                                    {label(day.day)}
                                </Link>
                            ) : (
                                <Typography variant="caption">{label(day.day)}</Typography>
                            )}
                        </Stack>
                    ))}
                </Stack>
                <Stack direction="row" spacing={2} justifyContent="center" sx={{ mt: 1 }}>
                    {series.map(({ field, color }) => (
                        <Stack key={field} direction="row" spacing={0.5} alignItems="center">
                            <Box sx={{ width: 12, height: 12, bgcolor: color }} />
                            <Typography variant="caption">{translate(`buhbot.dashboard.legend.${field}`)}</Typography>
                        </Stack>
                    ))}
                </Stack>
            </CardContent>
        </Card>
    );
};
