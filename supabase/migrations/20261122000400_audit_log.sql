-- =====================================================================================================
-- Audit log: append-only record of every change to settings, staff, chats and chat staff, written by
-- triggers with the acting user (auth.uid()) or database role. Nobody can update or delete entries.
-- A change the bot makes for a Telegram user (e.g. /connect) names that user, not the service role:
-- the RPC calls authz.act_for_telegram_user first. An erasure of a client's personal data is one ERASE
-- row: who erased (actor), whom (row_key = the Telegram user id) and how many rows per table (new_row).
-- =====================================================================================================

create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  table_name text not null,
  row_key text,
  action text not null check (action in ('INSERT', 'UPDATE', 'DELETE', 'ERASE')),
  old_row jsonb,
  new_row jsonb
);
comment on table public.audit_log is 'Append-only change log of settings, staff and chats; filled by authz.audit() triggers.';
create index audit_log_at on public.audit_log (at desc);

create function authz.audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  v_new jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
begin
  -- Bookkeeping columns (last_message_at moves with every client message) are not changes worth auditing.
  if tg_op = 'UPDATE' and v_old - '{updated_at,last_message_at}'::text[] = v_new - '{updated_at,last_message_at}'::text[] then
    return null;
  end if;
  insert into public.audit_log (actor_id, actor_role, table_name, row_key, action, old_row, new_row)
  values (auth.uid(), coalesce(nullif(current_setting('authz.telegram_actor', true), ''), auth.role(), current_user), tg_table_name,
          coalesce(v_new, v_old) ->> tg_argv[0], tg_op, v_old, v_new);
  return null;
end $$;
comment on function authz.audit() is 'Trigger: appends the change to audit_log; argument = the key column to record.';

create trigger audit after insert or update or delete on public.settings for each row execute function authz.audit('id');
create trigger audit after insert or update or delete on public.staff for each row execute function authz.audit('id');
create trigger audit after insert or update or delete on public.chats for each row execute function authz.audit('id');
create trigger audit after insert or update or delete on public.chat_staff
  for each row execute function authz.audit('chat_id');

-- Telegram users act through the webhook's service role; this makes the audit rows of the rest of the
-- transaction name them ('telegram <id>') instead.
create function authz.act_for_telegram_user(p_telegram_user_id bigint) returns void
language sql volatile set search_path = '' as $$
  select set_config('authz.telegram_actor', 'telegram ' || p_telegram_user_id, true)
$$;
comment on function authz.act_for_telegram_user(bigint) is
  'Names a Telegram user as the actor of the audit rows written in the rest of the current transaction.';

-- updated_at is the database's business, not the caller's.
create function authz.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;
comment on function authz.touch_updated_at() is 'Trigger: sets updated_at on every update.';
create trigger touch before update on public.settings for each row execute function authz.touch_updated_at();
create trigger touch before update on public.staff for each row execute function authz.touch_updated_at();
create trigger touch before update on public.chats for each row execute function authz.touch_updated_at();

alter table public.audit_log enable row level security;
create policy audit_log_select on public.audit_log for select to authenticated
  using ((select authz.role()) in ('admin', 'manager', 'observer'));
revoke insert, update, delete, truncate on public.audit_log from authenticated, service_role;
