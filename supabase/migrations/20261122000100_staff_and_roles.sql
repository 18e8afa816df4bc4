-- =====================================================================================================
-- Staff and roles.
-- Who may do what is decided here and enforced by RLS: the console only hides what RLS already forbids.
--   admin      everything
--   manager    everything except staff/roles and global settings writes
--   accountant own chats only (chats where their Telegram user id is on the chat's staff); feedback
--              aggregates only
--   observer   read-only; feedback anonymised
--   anon       nothing
--   service_role (the webhook and the relay) bypasses RLS
-- Role helpers live in the private schema `authz` (not exposed through PostgREST).
-- =====================================================================================================

-- Nothing is executable or readable by default: every function is granted explicitly, anon gets no tables.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on sequences from anon;

create schema if not exists authz;
comment on schema authz is 'Private helpers about people (roles, names) used by RLS policies and SQL functions; not exposed through PostgREST.';
grant usage on schema authz to authenticated, service_role;

create type public.staff_role as enum ('admin', 'manager', 'accountant', 'observer');
comment on type public.staff_role is 'Console role of a staff member; see the role matrix at the top of this migration.';

create table public.staff (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name text not null check (length(trim(full_name)) between 1 and 200),
  role public.staff_role not null,
  telegram_user_id bigint unique check (telegram_user_id > 0),
  telegram_username text check (telegram_username ~ '^[A-Za-z0-9_]{3,64}$'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.staff is
  'Firm staff who use the console, linked to auth.users. Staff are recognised in Telegram by telegram_user_id; the username is only a helper to find it.';

-- The boolean helpers are never null (a logged-in user without a staff row gets false), so
-- `if not authz.is_manager()` in PL/pgSQL is safe.
-- The caller's staff row, read with definer rights so policies on staff itself do not recurse.
create function authz.role() returns public.staff_role
language sql stable security definer set search_path = '' as $$
  select s.role from public.staff s where s.id = auth.uid() and s.is_active
$$;
comment on function authz.role() is 'Role of the logged-in staff member, null for anyone else.';

create function authz.telegram_user_id() returns bigint
language sql stable security definer set search_path = '' as $$
  select s.telegram_user_id from public.staff s where s.id = auth.uid() and s.is_active
$$;
comment on function authz.telegram_user_id() is 'Telegram user id of the logged-in staff member.';

create function authz.is_admin() returns boolean
language sql stable set search_path = '' as $$ select authz.role() is not distinct from 'admin' $$;
comment on function authz.is_admin() is 'True for an active admin.';

create function authz.is_manager() returns boolean
language sql stable set search_path = '' as $$ select coalesce(authz.role() in ('admin', 'manager'), false) $$;
comment on function authz.is_manager() is 'True for admins and managers: they may change chats, requests, templates and the rest.';

create function authz.sees_all_chats() returns boolean
language sql stable set search_path = '' as $$ select coalesce(authz.role() in ('admin', 'manager', 'observer'), false) $$;
comment on function authz.sees_all_chats() is 'Admins, managers and observers read every chat; accountants only their own.';

grant execute on function authz.role(), authz.telegram_user_id(), authz.is_admin(), authz.is_manager(),
  authz.sees_all_chats() to authenticated, service_role;

alter table public.staff enable row level security;
create policy staff_select on public.staff for select to authenticated
  using (id = (select auth.uid()) or (select authz.role()) in ('admin', 'manager', 'observer'));
create policy staff_admin_insert on public.staff for insert to authenticated with check ((select authz.is_admin()));
create policy staff_admin_update on public.staff for update to authenticated
  using ((select authz.is_admin())) with check ((select authz.is_admin()));
create policy staff_admin_delete on public.staff for delete to authenticated using ((select authz.is_admin()));

-- Logins live in auth.users (Supabase Auth, not exposed through PostgREST). The console's Users page shows
-- each person's address and whether they have accepted their invitation (set a password through the link);
-- it reads that here, under the same visibility as the staff table itself.
create function public.staff_accounts()
returns table (id uuid, email text, invited_at timestamptz, accepted boolean, last_sign_in_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select s.id, u.email::text, u.invited_at, u.email_confirmed_at is not null, u.last_sign_in_at
  from public.staff s join auth.users u on u.id = s.id
  where s.id = auth.uid() or authz.role() in ('admin', 'manager', 'observer')
$$;
comment on function public.staff_accounts() is
  'Login facts of the staff the caller may see: email, when invited, whether the invitation was accepted, last login.';
grant execute on function public.staff_accounts() to authenticated;
