import { Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { russianDate, type DayAhead } from './document';

const WORKING = new Set(['work', 'own', 'transfer', 'short', 'always']);

// The next 7 days of the saved calendar as working time will count them (public.get_chat_schedule's
// week_ahead, computed by the database with the production calendar): hours, and why a day differs.
export const WeekAhead = ({ days }: { days: DayAhead[] }) => {
    const translate = useTranslate();
    return (
        <Box data-testid="week-ahead" sx={{ mb: 2 }}>
            <Typography variant="subtitle1">{translate('buhbot.schedule.week_ahead')}</Typography>
            {days.map(day => (
                <Stack key={day.date} direction="row" flexWrap="wrap" columnGap={1} alignItems="center" data-kind={day.kind} sx={{ py: 0.25 }}>
                    <Typography variant="body2" sx={{ width: 92 }}>
                        {translate(`buhbot.schedule.weekday_short.${day.weekday}`)} {russianDate(day.date).slice(0, 5)}
                    </Typography>
                    <Typography variant="body2" sx={{ fontWeight: WORKING.has(day.kind) ? 500 : 400 }}>
                        {day.kind === 'always'
                            ? translate('buhbot.schedule.all_day')
                            : day.intervals.length > 0
                              ? day.intervals.map(([from, to]) => `${from}–${to}`).join(', ')
                              : translate('buhbot.schedule.day_off')}
                    </Typography>
                    {!['work', 'always', 'off'].includes(day.kind) && (
                        <Chip size="small" variant="outlined" label={translate(`buhbot.schedule.kind.${day.kind}`)} />
                    )}
                </Stack>
            ))}
        </Box>
    );
};
