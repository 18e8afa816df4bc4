import { useMutation } from '@tanstack/react-query';
import { supabase } from '../providers/supabase';

// The Edge Function `staff` (admins only; it checks the caller itself). A refusal carries a Russian
// `error` meant for the person, shown as is.
export type StaffAction = 'deactivate' | 'reactivate' | 'reset-password';
export type Invitation = { email: string; full_name: string; role: string; telegram_user_id?: number | null };

const callStaff = async <T>(path: string, body: object = {}): Promise<T> => {
    const { data, error } = await supabase.functions.invoke(path, { body });
    if (error) {
        const context = (error as { context?: Response }).context;
        const reason = await context?.json().then((b: { error?: string }) => b.error).catch(() => undefined);
        throw new Error(reason ?? 'buhbot.staff.failed');
    }
    return data as T;
};

export const useInvite = () =>
    useMutation<{ id: string; action_link: string }, Error, Invitation>({ mutationFn: body => callStaff('staff', body) });

export const useStaffAction = () =>
    useMutation<{ action_link?: string }, Error, { id: string; action: StaffAction }>({
        mutationFn: ({ id, action }) => callStaff(`staff/${id}/${action}`),
    });
