import { useState } from 'react';
import { Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
import { dayStart, daysBefore, localDay, nextDay, PERIODS, useFirmTimezone, type Period, type Range } from './period';

type Choice = Period | 'custom';

// The report period: the last day, 7 or 30 days up to now, or whole local days (firm's timezone) from one
// date to another, both included. Returns the range (undefined until a custom one is complete) and its picker.
export const useReportRange = (now: Date) => {
    const translate = useTranslate();
    const timezone = useFirmTimezone();
    const [choice, setChoice] = useState<Choice>(30);
    const today = timezone.data ? localDay(now, timezone.data) : '';
    const [days, setDays] = useState({ from: '', to: '' });
    const from = days.from || (timezone.data ? localDay(daysBefore(now, 6), timezone.data) : '');
    const to = days.to || today;
    const range: Range | undefined =
        choice !== 'custom'
            ? { from: daysBefore(now, choice), to: now }
            : timezone.data && from && to && from <= to
              ? { from: dayStart(from, timezone.data), to: dayStart(nextDay(to), timezone.data) }
              : undefined;
    const date = (field: 'from' | 'to', value: string) => (
        <TextField
            type="date"
            size="small"
            sx={{ width: 170 }}
            label={translate(`buhbot.report.${field}`)}
            value={value}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today, 'data-testid': `range-${field}` } }}
            onChange={event => setDays({ from, to, [field]: event.target.value })}
        />
    );
    const picker = (
        <Stack direction="row" flexWrap="wrap" alignItems="center" gap={1}>
            <ToggleButtonGroup size="small" exclusive value={choice} onChange={(_, value) => value && setChoice(value)}>
                {PERIODS.map(period => (
                    <ToggleButton key={period} value={period}>
                        {translate(`buhbot.dashboard.period.${period}`)}
                    </ToggleButton>
                ))}
                <ToggleButton value="custom">{translate('buhbot.report.custom')}</ToggleButton>
            </ToggleButtonGroup>
            {choice === 'custom' && (
                <>
                    {date('from', from)}
                    {date('to', to)}
                </>
            )}
        </Stack>
    );
    return { range, picker };
};
