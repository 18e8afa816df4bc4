import { useState } from 'react';
import { Alert, LinearProgress, Stack } from '@mui/material';
import { AutocompleteInput, BooleanInput, Button, Confirm, Form, required, SaveButton, useNotify, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { RpcProblem } from '../common/RpcProblem';
import { type RpcError, useRpc, useRpcMutation } from '../providers/rpc';
import { DatesInput, TransfersInput, WorkdaysInput } from './DayInputs';
import { IntervalsInput } from './IntervalsInput';
import { WeekAhead } from './WeekAhead';
import { toDocument, toForm, WEEKDAYS, type ChatSchedule, type ScheduleDocument, type ScheduleForm } from './document';

const timezones = (current: string) =>
    [...new Set([current, ...Intl.supportedValuesOf('timeZone')])].map(tz => ({ id: tz, name: tz }));

// Weekdays and day kinds; a 24/7 calendar ignores them all, so they are greyed out while it is on (their
// values stay, for when it is turned off again).
const DayFields = ({ readOnly }: { readOnly: boolean }) => {
    const disabled = Boolean(useWatch({ name: 'is_24x7' }));
    const props = { readOnly, disabled };
    return (
        <>
            {WEEKDAYS.map(day => (
                <IntervalsInput
                    key={day}
                    source={`day${day}`}
                    label={`buhbot.schedule.weekday.${day}`}
                    helperText={day === '1' ? 'buhbot.schedule.intervals_help' : false}
                    {...props}
                />
            ))}
            <DatesInput source="holidays" {...props} />
            <TransfersInput source="transfers" {...props} />
            <DatesInput source="short_days" {...props} />
            <WorkdaysInput source="workdays" {...props} />
        </>
    );
};

// A chat's working-time calendar (chatId) or the global one (null), read and written through
// public.get_chat_schedule / public.set_chat_schedule, which enforce who may change what.
export const ScheduleEditor = ({ chatId, canEdit }: { chatId: number | null; canEdit: boolean }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const [confirmReset, setConfirmReset] = useState(false);
    const { data, error, refetch } = useRpc<ChatSchedule>('get_chat_schedule', { p_chat_id: chatId });
    const save = useRpcMutation<ChatSchedule, { p_chat_id: number | null; p_schedule: ScheduleDocument | null }>(
        'set_chat_schedule'
    );
    if (error) return <RpcProblem error={error} />;
    if (!data) return <LinearProgress />;

    // Resolves to the database's verdict per field (shown beside it) when the calendar is refused.
    const store = (schedule: ScheduleDocument | null) =>
        save.mutateAsync({ p_chat_id: chatId, p_schedule: schedule }).then(
            () => {
                notify('buhbot.schedule.saved', { type: 'success' });
                refetch();
            },
            (e: RpcError) => {
                notify('buhbot.schedule.not_saved', { type: 'error', messageArgs: { error: e.message } });
                return e.errors;
            }
        );
    const note = chatId === null ? 'global' : data.inherited ? 'inherited' : 'own';
    // A chat starting its own calendar takes the global week but not the global dates: those keep applying
    // to it anyway (a chat's own dates only override them), and copies would not follow later updates.
    const form = toForm(
        note === 'inherited' ? { ...data.schedule, holidays: [], workdays: {}, transfers: {}, short_days: [] } : data.schedule
    );
    return (
        <Form
            key={JSON.stringify(data)}
            record={{ id: chatId ?? 'global', ...form }}
            onSubmit={(values: Record<string, unknown>) => store(toDocument(values as ScheduleForm))}
        >
            <Stack sx={{ maxWidth: 640 }}>
                <Alert severity="info" sx={{ mb: 2 }}>
                    {translate(`buhbot.schedule.${note}`)}
                </Alert>
                <WeekAhead days={data.week_ahead} />
                <AutocompleteInput
                    source="timezone"
                    label="buhbot.schedule.timezone"
                    choices={timezones(form.timezone)}
                    validate={required()}
                    readOnly={!canEdit}
                />
                <BooleanInput source="is_24x7" label="buhbot.schedule.is_24x7" readOnly={!canEdit} />
                <DayFields readOnly={!canEdit} />
                {canEdit && (
                    <Stack direction="row" spacing={2}>
                        <SaveButton label="buhbot.schedule.save" />
                        {note === 'own' && (
                            <Button label="buhbot.schedule.reset" onClick={() => setConfirmReset(true)} />
                        )}
                    </Stack>
                )}
            </Stack>
            <Confirm
                isOpen={confirmReset}
                title="buhbot.schedule.reset"
                content="buhbot.schedule.reset_confirm"
                onConfirm={() => {
                    setConfirmReset(false);
                    store(null);
                }}
                onClose={() => setConfirmReset(false)}
            />
        </Form>
    );
};
