import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import {
    AutocompleteArrayInput,
    Button,
    Form,
    RadioButtonGroupInput,
    ReferenceArrayInput,
    SaveButton,
    TextInput,
    useCanAccess,
    useNotify,
    useRefresh,
    useTranslate,
} from 'react-admin';
import { useWatch, type FieldValues } from 'react-hook-form';
import { useRpcMutation } from '../providers/rpc';

type Values = { scope: 'all' | 'selected'; chat_ids?: number[]; title?: string };

const scopeChoices = [
    { id: 'all', name: 'buhbot.survey.scope_all' },
    { id: 'selected', name: 'buhbot.survey.scope_selected' },
];

const ChatsPicker = () => {
    const scope = useWatch<Values>({ name: 'scope' });
    if (scope !== 'selected') return null;
    return (
        <ReferenceArrayInput source="chat_ids" reference="chats">
            <AutocompleteArrayInput
                label="buhbot.survey.chats"
                filterToQuery={title => ({ 'title@ilike': title })}
                validate={value => (value?.length ? undefined : 'buhbot.survey.pick_chats')}
            />
        </ReferenceArrayInput>
    );
};

// Manual survey (public.start_survey, managers and admins): to every connected chat or to the chosen ones;
// the database picks the chats that had a client message and writes the messages to the outbox.
export const StartSurveyButton = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const refresh = useRefresh();
    const [open, setOpen] = useState(false);
    const { canAccess } = useCanAccess({ resource: 'surveys', action: 'start' });
    const start = useRpcMutation<number, { p_chat_ids: number[] | null; p_title: string | null }>('start_survey');
    if (canAccess !== true) return null;
    const submit = (values: Values) =>
        start.mutate(
            { p_chat_ids: values.scope === 'all' ? null : values.chat_ids ?? [], p_title: values.title || null },
            {
                onSuccess: id => {
                    notify('buhbot.survey.started', { type: 'success', messageArgs: { id } });
                    setOpen(false);
                    refresh();
                },
                onError: error => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
            }
        );
    return (
        <>
            <Button label="buhbot.survey.start" onClick={() => setOpen(true)}>
                <SendIcon />
            </Button>
            <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
                <Form onSubmit={(values: FieldValues) => submit(values as Values)} defaultValues={{ scope: 'all' }}>
                    <DialogTitle>{translate('buhbot.survey.start')}</DialogTitle>
                    <DialogContent>
                        <TextInput source="title" label="buhbot.survey.title" helperText="buhbot.survey.title_hint" fullWidth />
                        <RadioButtonGroupInput source="scope" label="buhbot.survey.scope" choices={scopeChoices} />
                        <ChatsPicker />
                    </DialogContent>
                    <DialogActions>
                        <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
                        <SaveButton label="buhbot.survey.send" icon={<SendIcon />} disabled={start.isPending} alwaysEnable />
                    </DialogActions>
                </Form>
            </Dialog>
        </>
    );
};
