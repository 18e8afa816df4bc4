import { useState } from 'react';
import { Alert, Box, Button as MuiButton, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Button, useNotify, useTranslate } from 'react-admin';
import { useRpcMutation } from '../providers/rpc';
import { russianDate } from './document';

// public.import_calendar's answer: what the file changes in the global calendar, per day kind.
type Changes<T> = { added: T; removed: T };
export type ImportPreview = {
    format: 'xml' | 'ics';
    years: number[];
    changes: number;
    applied: boolean;
    holidays: Changes<string[]>;
    transfers: Changes<Record<string, number>>;
    short_days: Changes<string[]>;
};

// One day kind's changes as "добавятся: …" / "уберутся: …" lines; nothing when the kind does not change.
const KindChanges = ({ kind, changes }: { kind: keyof Omit<ImportPreview, 'format' | 'years' | 'changes' | 'applied'>; changes: Changes<string[] | Record<string, number>> }) => {
    const translate = useTranslate();
    const describe = (list: string[] | Record<string, number>) =>
        Array.isArray(list)
            ? list.map(russianDate)
            : Object.entries(list).map(
                  ([date, weekday]) => `${russianDate(date)} (${translate(`buhbot.schedule.weekday.${weekday}`).toLowerCase()})`
              );
    const lines = (['added', 'removed'] as const)
        .map(side => ({ side, items: describe(changes[side]) }))
        .filter(({ items }) => items.length > 0);
    if (lines.length === 0) return null;
    return (
        <Box>
            <Typography variant="subtitle2">{translate(`buhbot.calendar_import.kind.${kind}`)}</Typography>
            {lines.map(({ side, items }) => (
                <Typography key={side} variant="body2">
                    {translate(`buhbot.calendar_import.${side}`, { smart_count: items.length })}: {items.join(', ')}
                </Typography>
            ))}
        </Box>
    );
};

const PreviewView = ({ preview }: { preview: ImportPreview }) => {
    const translate = useTranslate();
    const heading = translate('buhbot.calendar_import.summary', {
        format: preview.format.toUpperCase(),
        years: preview.years.join(', '),
        smart_count: preview.changes,
    });
    return (
        <Alert severity={preview.changes > 0 ? 'info' : 'success'}>
            <Stack spacing={1}>
                <Typography variant="body2">{heading}</Typography>
                <KindChanges kind="holidays" changes={preview.holidays} />
                <KindChanges kind="transfers" changes={preview.transfers} />
                <KindChanges kind="short_days" changes={preview.short_days} />
            </Stack>
        </Alert>
    );
};

// Upload a production calendar (XML of the Russian format or an .ics holiday feed), see what it changes
// in the global calendar, then apply it. The database parses and checks the file: a broken one is refused
// with its message (line or element) and changes nothing.
export const CalendarImport = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const queryClient = useQueryClient();
    const [file, setFile] = useState<{ name: string; content: string } | null>(null);
    const [preview, setPreview] = useState<ImportPreview | null>(null);
    const [problem, setProblem] = useState<string | null>(null);
    const importCalendar = useRpcMutation<ImportPreview, { p_content: string; p_apply: boolean }>('import_calendar');

    const choose = async (chosen: File | undefined) => {
        if (!chosen) return;
        const content = await chosen.text();
        setFile({ name: chosen.name, content });
        setPreview(null);
        setProblem(null);
        importCalendar.mutate({ p_content: content, p_apply: false }, { onSuccess: setPreview, onError: e => setProblem(e.message) });
    };
    const apply = (content: string) =>
        importCalendar.mutate(
            { p_content: content, p_apply: true },
            {
                onSuccess: result => {
                    notify('buhbot.calendar_import.applied', { type: 'success', messageArgs: { smart_count: result.changes } });
                    setFile(null);
                    setPreview(null);
                    queryClient.invalidateQueries({ queryKey: ['rpc'] });
                },
                onError: e => setProblem(e.message),
            }
        );
    return (
        <Stack spacing={1.5} sx={{ maxWidth: 640, mb: 3 }}>
            <Typography variant="h6">{translate('buhbot.calendar_import.title')}</Typography>
            <Typography variant="body2" color="text.secondary">
                {translate('buhbot.calendar_import.help')}
            </Typography>
            <Stack direction="row" spacing={2} alignItems="center">
                <MuiButton variant="outlined" component="label">
                    {translate('buhbot.calendar_import.choose')}
                    <input
                        hidden
                        type="file"
                        name="calendar_file"
                        accept=".xml,.ics,text/xml,text/calendar"
                        onChange={event => {
                            choose(event.target.files?.[0]);
                            event.target.value = '';
                        }}
                    />
                </MuiButton>
                <Typography variant="body2">{file?.name}</Typography>
            </Stack>
            {problem && <Alert severity="error">{translate('buhbot.calendar_import.refused', { error: problem })}</Alert>}
            {preview && <PreviewView preview={preview} />}
            {file && preview && preview.changes > 0 && (
                <Box>
                    <Button
                        label="buhbot.calendar_import.apply"
                        variant="contained"
                        disabled={importCalendar.isPending}
                        onClick={() => apply(file.content)}
                    />
                </Box>
            )}
        </Stack>
    );
};
