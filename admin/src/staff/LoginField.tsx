import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useRpc } from '../providers/rpc';

type Account = { id: string; email: string; invited_at: string | null; accepted: boolean; last_sign_in_at: string | null };

// Logins live in Supabase Auth; public.staff_accounts() says, under the staff table's own visibility,
// each person's email and whether they have accepted the invitation. One query serves the whole list.
const useAccounts = () => useRpc<Account[]>('staff_accounts', {}, { live: true });

export const LoginField = () => {
    const record = useRecordContext<{ id: string; is_active: boolean }>();
    const translate = useTranslate();
    const { data } = useAccounts();
    const account = data?.find(a => a.id === record?.id);
    if (!record || !account) return null;
    const state = !record.is_active ? 'inactive' : account.accepted ? 'active' : 'pending';
    const color = state === 'active' ? 'success' : state === 'pending' ? 'warning' : 'default';
    return (
        <span>
            <Typography variant="body2" component="span" sx={{ mr: 1 }}>{account.email}</Typography>
            <Chip size="small" color={color} label={translate(`buhbot.staff.state.${state}`)} />
        </span>
    );
};
