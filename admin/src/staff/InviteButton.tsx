import { useState } from 'react';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
    Button,
    email,
    minValue,
    NumberInput,
    required,
    SelectInput,
    TextInput,
    useCanAccess,
    useNotify,
    useRefresh,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { staffRoleChoices } from '../common/choices';
import { FormDialog } from '../common/FormDialog';
import { LinkDialog } from './LinkDialog';
import { type Invitation, useInvite } from './staffApi';

// «Пригласить»: admins only (the function answers 403 to anyone else). The person gets a login that waits
// for them to set a password through the link shown here.
export const InviteButton = () => {
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
            <FormDialog
                open={open}
                onClose={() => setOpen(false)}
                title="buhbot.staff.invite_title"
                onSubmit={submit}
                defaultValues={{ role: 'accountant' }}
                submitLabel="buhbot.staff.send_invite"
                submitIcon={<PersonAddIcon />}
                pending={invite.isPending}
            >
                <TextInput source="email" label="buhbot.staff.email" type="email" validate={[required(), email()]} fullWidth />
                <TextInput source="full_name" resource="staff" validate={required()} fullWidth />
                <SelectInput source="role" resource="staff" choices={staffRoleChoices} validate={required()} />
                <NumberInput source="telegram_user_id" resource="staff" validate={minValue(1)} helperText="buhbot.staff.telegram_hint" fullWidth />
            </FormDialog>
            <LinkDialog link={link} title="buhbot.staff.invited" onClose={() => setLink(null)} />
        </>
    );
};
