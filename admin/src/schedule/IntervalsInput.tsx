import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Close';
import { Button, IconButton, Stack, Typography } from '@mui/material';
import { useInput, useTranslate } from 'react-admin';
import { validateIntervals, type Interval } from './document';
import { Picker, PickerField } from './PickerField';

type Ranges = { name: string; value: Interval[]; onChange: (value: Interval[]) => void; readOnly: boolean; disabled: boolean };

// An end at midnight is stored as 24:00, which a time picker cannot show: it shows and takes 00:00.
const showEnd = (time: string) => (time === '24:00' ? '00:00' : time);
const takeEnd = (time: string) => (time === '00:00' ? '24:00' : time);

// A day's working intervals as pairs of time pickers (inputs named <name>.<i>.from / .to).
export const TimeRanges = ({ name, value, onChange, readOnly, disabled }: Ranges) => {
    const translate = useTranslate();
    const put = (index: number, interval: Interval) => onChange(value.map((old, i) => (i === index ? interval : old)));
    const last = value[value.length - 1];
    return (
        <Stack spacing={1}>
            {value.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                    {translate('buhbot.schedule.day_off')}
                </Typography>
            )}
            {value.map(([from, to], i) => (
                <Stack key={i} direction="row" spacing={1} alignItems="center">
                    <Picker type="time" name={`${name}.${i}.from`} value={from} onChange={t => put(i, [t, to])} readOnly={readOnly} disabled={disabled} />
                    <span>–</span>
                    <Picker type="time" name={`${name}.${i}.to`} value={showEnd(to)} onChange={t => put(i, [from, takeEnd(t)])} readOnly={readOnly} disabled={disabled} />
                    {!readOnly && (
                        <IconButton size="small" aria-label={translate('buhbot.schedule.remove')} disabled={disabled} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                            <DeleteIcon fontSize="small" />
                        </IconButton>
                    )}
                </Stack>
            ))}
            {!readOnly && (
                <Button
                    size="small"
                    startIcon={<AddIcon />}
                    disabled={disabled}
                    sx={{ alignSelf: 'flex-start' }}
                    // A new interval starts an hour after the last one ends (lunch break), else at 09:00.
                    onClick={() => onChange([...value, last ? nextInterval(last[1]) : ['09:00', '18:00']])}
                >
                    {translate('buhbot.schedule.add_interval')}
                </Button>
            )}
        </Stack>
    );
};

const nextInterval = (end: string): Interval => {
    const hour = Math.min(Number(end.slice(0, 2)) + 1, 23);
    const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return [pad(hour), hour + 1 >= 24 ? '24:00' : pad(Math.max(hour + 1, 18))];
};

// One weekday of the schedule form.
export const IntervalsInput = ({ source, label, helperText, readOnly, disabled }: {
    source: string;
    label: string;
    helperText?: string | false;
    readOnly: boolean;
    disabled: boolean;
}) => {
    const { field, fieldState } = useInput<Interval[]>({ source, validate: validateIntervals, format: v => v ?? [], parse: v => v });
    return (
        <PickerField label={label} helperText={helperText} error={fieldState.error?.message}>
            <TimeRanges name={source} value={field.value ?? []} onChange={field.onChange} readOnly={readOnly} disabled={disabled} />
        </PickerField>
    );
};
