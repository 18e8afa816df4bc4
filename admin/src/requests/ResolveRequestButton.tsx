import { useState } from 'react';
import DoneIcon from '@mui/icons-material/DoneAll';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useRpcMutation } from '../providers/rpc';

type Outcome = { ok: boolean; reason: string };

// Manual close of an open request (public.console_resolve_request checks who may); `requestField` says which
// column of the current record holds the request id (id for a request, request_id for an alert).
export const ResolveRequestButton = ({ resource, requestField }: { resource: string; requestField: string }) => {
    const record = useRecordContext();
    const notify = useNotify();
    const refresh = useRefresh();
    const [open, setOpen] = useState(false);
    const { canAccess } = useCanAccess({ resource, action: 'resolve' });
    const resolve = useRpcMutation<Outcome, { p_request_id: number }>('console_resolve_request');
    if (!record || record.status !== 'open' || canAccess !== true) return null;
    const confirm = () =>
        resolve.mutate(
            { p_request_id: record[requestField] },
            {
                // The database words its answer in Russian already (`_` = show it as is, not as an i18n key).
                onSuccess: ({ ok, reason }) => notify(reason, { type: ok ? 'success' : 'warning', messageArgs: { _: reason } }),
                onError: error => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
                onSettled: () => {
                    setOpen(false);
                    refresh();
                },
            }
        );
    return (
        <>
            <Button label="buhbot.action.resolve" onClick={event => { event.stopPropagation(); setOpen(true); }}>
                <DoneIcon />
            </Button>
            <Confirm
                isOpen={open}
                loading={resolve.isPending}
                title="buhbot.action.resolve"
                content="buhbot.action.resolve_confirm"
                onConfirm={confirm}
                onClose={() => setOpen(false)}
            />
        </>
    );
};
