import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
    Button,
    email,
    Form,
    minValue,
    NumberInput,
    required,
    SaveButton,
    SelectInput,
    TextInput,
    useCanAccess,
    useNotify,
    useRefresh,
    useTranslate,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { staffRoleChoices } from '../common/choices';
import { LinkDialog } from './LinkDialog';
import { type Invitation, useInvite } from './staffApi';

// «Пригласить»: admins only (the function answers 403 to anyone else). The person gets a login that waits
// for them to set a password through the link shown here.
export const InviteButton = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const refresh = useRefresh();
    const [open, setOpen] = useState(false);
    const [link, setLink] = useState<string | null>(null);
    const { canAccess } = useCanAccess({ resource: 'staff', action: 'invite' });
    const invite = useInvite();
    if (canAccess !== true) return null;
    const submit = (values: FieldValues) =>
        invite.mutate(values as Invitation, {
            onSuccess: ({ action_link }) => {
                setOpen(false);
                setLink(action_link);
                refresh();
            },
            onError: error => notify(error.message, { type: 'error' }),
        });
    return (
        <>
            <Button label="buhbot.staff.invite" onClick={() => setOpen(true)}>
                <PersonAddIcon />
            </Button>
            <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
                <Form onSubmit={submit} defaultValues={{ role: 'accountant' }}>
                    <DialogTitle>{translate('buhbot.staff.invite_title')}</DialogTitle>
                    <DialogContent>
                        <TextInput source="email" label="buhbot.staff.email" type="email" validate={[required(), email()]} fullWidth />
                        <TextInput source="full_name" resource="staff" validate={required()} fullWidth />
                        <SelectInput source="role" resource="staff" choices={staffRoleChoices} validate={required()} />
                        <NumberInput source="telegram_user_id" resource="staff" validate={minValue(1)} helperText="buhbot.staff.telegram_hint" fullWidth />
                    </DialogContent>
                    <DialogActions>
                        <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
                        <SaveButton label="buhbot.staff.send_invite" icon={<PersonAddIcon />} disabled={invite.isPending} alwaysEnable />
                    </DialogActions>
                </Form>
            </Dialog>
            <LinkDialog link={link} title="buhbot.staff.invited" onClose={() => setLink(null)} />
        </>
    );
};
