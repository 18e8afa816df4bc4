import { useState } from 'react';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import KeyIcon from '@mui/icons-material/Key';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { LinkDialog } from './LinkDialog';
import { type StaffAction, useStaffAction } from './staffApi';

// Deactivate / reactivate a person (their login is blocked too, open sessions end) and issue a new
// set-password link. Admins only.
export const AccessButtons = () => {
    const record = useRecordContext<{ id: string; is_active: boolean }>();
    const notify = useNotify();
    const refresh = useRefresh();
    const [confirming, setConfirming] = useState(false);
    const [link, setLink] = useState<string | null>(null);
    const { canAccess } = useCanAccess({ resource: 'staff', action: 'invite' });
    const action = useStaffAction();
    if (canAccess !== true || !record) return null;
    const run = (what: StaffAction) =>
        action.mutate(
            { id: record.id, action: what },
            {
                onSuccess: ({ action_link }) => {
                    setConfirming(false);
                    if (action_link) setLink(action_link);
                    else notify(`buhbot.staff.done_${what}`, { type: 'success' });
                    refresh();
                },
                onError: error => {
                    setConfirming(false);
                    notify(error.message, { type: 'error' });
                },
            }
        );
    return (
        <>
            {record.is_active ? (
                <Button label="buhbot.staff.deactivate" onClick={() => setConfirming(true)} disabled={action.isPending}>
                    <BlockIcon />
                </Button>
            ) : (
                <Button label="buhbot.staff.reactivate" onClick={() => run('reactivate')} disabled={action.isPending}>
                    <CheckCircleIcon />
                </Button>
            )}
            <Button label="buhbot.staff.reset_password" onClick={() => run('reset-password')} disabled={action.isPending}>
                <KeyIcon />
            </Button>
            <Confirm
                isOpen={confirming}
                title="buhbot.staff.deactivate"
                content="buhbot.staff.deactivate_confirm"
                onConfirm={() => run('deactivate')}
                onClose={() => setConfirming(false)}
            />
            <LinkDialog link={link} title="buhbot.staff.reset_title" onClose={() => setLink(null)} />
        </>
    );
};
