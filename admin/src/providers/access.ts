// What the console offers each staff role. RLS in supabase/migrations is the enforcement; this table only
// hides menu entries, pages and buttons whose requests RLS would refuse anyway, so it must never allow
// more than the policies do.

export type Role = 'admin' | 'manager' | 'accountant' | 'observer';

const everyone: Role[] = ['admin', 'manager', 'accountant', 'observer'];
const readers: Role[] = ['admin', 'manager', 'observer']; // everyone but accountants
const managers: Role[] = ['admin', 'manager'];
const admins: Role[] = ['admin'];

const readOnly = (roles: Role[]) => ({ list: roles, show: roles, export: roles });

const matrix: Record<string, Partial<Record<string, Role[]>>> = {
    chats: { ...readOnly(everyone), edit: managers },
    chat_staff: { ...readOnly(everyone), create: managers, edit: managers, delete: managers },
    calendars: { edit: managers }, // a chat's calendar; the global one is admins' (settings.edit)
    // resolve = public.console_resolve_request: managers, and accountants for their own chats (all they see)
    requests: { ...readOnly(everyone), resolve: ['admin', 'manager', 'accountant'] },
    alerts: { ...readOnly(everyone), resolve: ['admin', 'manager', 'accountant'] },
    // erase = public.erase_client (152-ФЗ): admins only.
    messages: { ...readOnly(everyone), erase: admins },
    faq: { ...readOnly(everyone), create: managers, edit: managers, delete: managers },
    templates: { ...readOnly(everyone), create: managers, edit: managers, delete: managers },
    staff: { ...readOnly(readers), edit: admins },
    settings: { show: everyone, edit: admins },
    audit_log: readOnly(readers),
    outbox: readOnly(managers),
    // Surveys and deliveries: every staff role reads (deliveries per chat); only public.start_survey writes.
    surveys: { ...readOnly(everyone), start: managers },
    survey_deliveries: readOnly(everyone),
    // Votes carry the client's identity: managers and admins only; the rest get the anonymised RPCs.
    survey_votes: readOnly(managers),
    feedback: { show: everyone },
    // The sandbox drives the demo chat as its staff and clients would: managers and admins.
    sandbox: { show: managers },
};

export const allows = (role: Role | null | undefined, resource: string, action: string): boolean =>
    role != null && (matrix[resource]?.[action]?.includes(role) ?? false);
