import { useState } from 'react';
import { Alert, Dialog, DialogContent, DialogTitle } from '@mui/material';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import { Button, Form, SaveButton, TextInput, useCanAccess, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { DialogButtons } from '../common/DialogButtons';
import { useRpcMutation } from '../providers/rpc';

type Counts = Record<string, number>;

const telegramId = (value: unknown) => (/^[1-9]\d{0,18}$/.test(String(value ?? '').trim()) ? undefined : 'buhbot.erase.bad_id');

// A client's request to erase their personal data (public.erase_client, admins only): everything they
// wrote or are named by in every chat goes; requests stay as anonymous facts; one audit row records it.
export const EraseClientButton = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const refresh = useRefresh();
    const [open, setOpen] = useState(false);
    const { canAccess } = useCanAccess({ resource: 'messages', action: 'erase' });
    const erase = useRpcMutation<Counts, { p_telegram_user_id: string }>('erase_client');
    if (canAccess !== true) return null;
    const submit = ({ telegram_user_id }: FieldValues) => {
        const id = String(telegram_user_id).trim();
        erase.mutate(
            { p_telegram_user_id: id },
            {
                onSuccess: counts => {
                    notify('buhbot.erase.done', {
                        type: 'success',
                        messageArgs: { id, messages: counts.messages, requests: counts.requests, votes: counts.survey_votes, outbox: counts.outbox },
                    });
                    setOpen(false);
                    refresh();
                },
                onError: error => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
            }
        );
    };
    return (
        <>
            <Button label="buhbot.erase.button" onClick={() => setOpen(true)} color="error">
                <DeleteForeverIcon />
            </Button>
            <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
                <Form onSubmit={submit}>
                    <DialogTitle>{translate('buhbot.erase.title')}</DialogTitle>
                    <DialogContent>
                        <Alert severity="warning" sx={{ mb: 2 }}>
                            {translate('buhbot.erase.explain')}
                        </Alert>
                        <TextInput source="telegram_user_id" label="buhbot.erase.telegram_id" validate={telegramId} fullWidth />
                    </DialogContent>
                    <DialogButtons onCancel={() => setOpen(false)}>
                        <SaveButton label="buhbot.erase.confirm" icon={<DeleteForeverIcon />} color="error" disabled={erase.isPending} alwaysEnable />
                    </DialogButtons>
                </Form>
            </Dialog>
        </>
    );
};
