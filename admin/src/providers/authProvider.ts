import { supabaseAuthProvider } from 'ra-supabase';
import type { AuthProvider } from 'react-admin';
import { supabase } from './supabase';
import { allows, type Role } from './access';

type StaffProfile = { role: Role; full_name: string };

// The staff row of a logged-in user, read once per login. RLS lets every user read their own row; an
// inactive staff member has no role (authz.role() ignores them too), so the console offers them nothing.
const profiles = new Map<string, Promise<StaffProfile | null>>();

const profileOf = (userId: string): Promise<StaffProfile | null> => {
    let profile = profiles.get(userId);
    if (!profile) {
        profile = Promise.resolve(
            supabase.from('staff').select('role, full_name').eq('id', userId).eq('is_active', true).maybeSingle()
        ).then(({ data, error }) => {
            if (error) {
                profiles.delete(userId); // a network error must not stick for the whole session
                throw error;
            }
            return data as StaffProfile | null;
        });
        profiles.set(userId, profile);
    }
    return profile;
};

const currentRole = async (): Promise<Role | null> => {
    const { data } = await supabase.auth.getSession();
    return data.session ? ((await profileOf(data.session.user.id))?.role ?? null) : null;
};

const base = supabaseAuthProvider(supabase, {
    getIdentity: async user => ({
        id: user.id,
        fullName: (await profileOf(user.id))?.full_name ?? user.email,
    }),
    getPermissions: async user => (await profileOf(user.id))?.role ?? null,
});

export const authProvider: AuthProvider = {
    ...base,
    login: async params => {
        profiles.clear();
        try {
            return await base.login(params);
        } catch (error) {
            // Supabase Auth answers in English; the login form shows the message as an i18n key.
            if ((error as { code?: string }).code === 'invalid_credentials') throw new Error('buhbot.auth.invalid_credentials');
            throw error;
        }
    },
    // Not being logged in (yet) is no error: go to the login form without a red notification.
    checkAuth: params => base.checkAuth(params).catch(error => Promise.reject(error ?? { message: false })),
    logout: async params => {
        profiles.clear();
        return base.logout(params);
    },
    canAccess: async ({ resource, action }) => allows(await currentRole(), resource, action),
};
