import { useState, type ReactNode } from 'react';
import AddIcon from '@mui/icons-material/Add';
import { Button, Chip, MenuItem, Stack, TextField } from '@mui/material';
import { useInput, useTranslate } from 'react-admin';
import { russianDate, validateIntervals, WEEKDAYS, type Interval } from './document';
import { Picker, PickerField } from './PickerField';

type Common = { source: string; readOnly: boolean; disabled: boolean };

// Dates of one day kind as chips (a cross removes one), then a row of pickers and «Добавить».
const DayChips = ({ source, readOnly, disabled, entries, onRemove, canAdd, onAdd, error, children }: Common & {
    entries: { key: string; label: string }[];
    onRemove: (key: string) => void;
    canAdd: boolean;
    onAdd: () => void;
    error?: string;
    children: ReactNode;
}) => {
    const translate = useTranslate();
    return (
        <PickerField label={`buhbot.schedule.${source}`} helperText={`buhbot.schedule.${source}_help`} error={error}>
            <Stack direction="row" flexWrap="wrap" gap={0.5} data-testid={`${source}-chips`} sx={{ mb: 1 }}>
                {entries.length === 0 && <Chip size="small" variant="outlined" label={translate('buhbot.schedule.none')} />}
                {entries.map(({ key, label }) => (
                    <Chip key={key} size="small" label={label} disabled={disabled} onDelete={readOnly ? undefined : () => onRemove(key)} />
                ))}
            </Stack>
            {!readOnly && (
                <Stack direction="row" flexWrap="wrap" gap={1} alignItems="center">
                    {children}
                    <Button size="small" startIcon={<AddIcon />} disabled={disabled || !canAdd} onClick={onAdd}>
                        {translate('buhbot.schedule.add')}
                    </Button>
                </Stack>
            )}
        </PickerField>
    );
};

const sortedKeys = (object: Record<string, unknown>) => Object.keys(object).sort();
const without = <T,>(object: Record<string, T>, key: string) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));

// holidays, short_days: a list of dates.
export const DatesInput = (props: Common) => {
    const { field } = useInput<string[]>({ source: props.source, format: v => v ?? [], parse: v => v });
    const [date, setDate] = useState('');
    const dates: string[] = field.value ?? [];
    return (
        <DayChips
            {...props}
            entries={[...dates].sort().map(d => ({ key: d, label: russianDate(d) }))}
            onRemove={key => field.onChange(dates.filter(d => d !== key))}
            canAdd={Boolean(date) && !dates.includes(date)}
            onAdd={() => field.onChange([...dates, date].sort())}
        >
            <Picker type="date" name={`${props.source}.new`} value={date} onChange={setDate} readOnly={false} disabled={props.disabled} />
        </DayChips>
    );
};

// transfers: a weekend date working like the chosen weekday.
export const TransfersInput = (props: Common) => {
    const translate = useTranslate();
    const { field } = useInput<Record<string, number>>({ source: props.source, format: v => v ?? {}, parse: v => v });
    const [date, setDate] = useState('');
    const [weekday, setWeekday] = useState('1');
    const transfers: Record<string, number> = field.value ?? {};
    const like = (day: number) => translate('buhbot.schedule.works_like', { day: translate(`buhbot.schedule.weekday_short.${day}`) });
    return (
        <DayChips
            {...props}
            entries={sortedKeys(transfers).map(d => ({ key: d, label: `${russianDate(d)} ${like(transfers[d])}` }))}
            onRemove={key => field.onChange(without(transfers, key))}
            canAdd={Boolean(date)}
            onAdd={() => field.onChange({ ...transfers, [date]: Number(weekday) })}
        >
            <Picker type="date" name="transfers.new" value={date} onChange={setDate} readOnly={false} disabled={props.disabled} />
            <TextField
                select
                size="small"
                label={translate('buhbot.schedule.like')}
                value={weekday}
                onChange={event => setWeekday(event.target.value)}
                disabled={props.disabled}
                sx={{ width: 160 }}
            >
                {WEEKDAYS.map(day => (
                    <MenuItem key={day} value={day}>
                        {translate(`buhbot.schedule.weekday.${day}`)}
                    </MenuItem>
                ))}
            </TextField>
        </DayChips>
    );
};

const hours = (intervals: Interval[]) => intervals.map(([from, to]) => `${from}–${to}`).join(', ');

// workdays: a date with its own hours; adding the same date again adds another interval to it.
export const WorkdaysInput = (props: Common) => {
    const { field, fieldState } = useInput<Record<string, Interval[]>>({
        source: props.source,
        format: v => v ?? {},
        parse: v => v,
        validate: (days: Record<string, Interval[]>) =>
            Object.values(days ?? {}).map(validateIntervals).find(Boolean),
    });
    const [date, setDate] = useState('');
    const [from, setFrom] = useState('09:00');
    const [to, setTo] = useState('18:00');
    const days: Record<string, Interval[]> = field.value ?? {};
    const add = () => field.onChange({ ...days, [date]: [...(days[date] ?? []), [from, to] as Interval].sort() });
    return (
        <DayChips
            {...props}
            error={fieldState.error?.message}
            entries={sortedKeys(days).map(d => ({ key: d, label: `${russianDate(d)}: ${hours(days[d])}` }))}
            onRemove={key => field.onChange(without(days, key))}
            canAdd={Boolean(date && from && to)}
            onAdd={add}
        >
            <Picker type="date" name="workdays.new" value={date} onChange={setDate} readOnly={false} disabled={props.disabled} />
            <Picker type="time" name="workdays.new.from" value={from} onChange={setFrom} readOnly={false} disabled={props.disabled} />
            <Picker type="time" name="workdays.new.to" value={to} onChange={setTo} readOnly={false} disabled={props.disabled} />
        </DayChips>
    );
};
