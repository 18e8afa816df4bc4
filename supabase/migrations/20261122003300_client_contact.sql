-- =====================================================================================================
-- Client menu: "contact the accountant" and "request a service" reach the firm's staff as private
-- messages through the outbox (the relay sends them). The database decides who gets them: the chat's
-- accountants; if it has none, its managers; if none either, the global managers.
-- =====================================================================================================

create function sla.contact_recipients(p_chat_id bigint) returns table (telegram_user_id bigint, audience text)
language sql stable security definer set search_path = '' as $$
  with accountants as (
    select cs.telegram_user_id from public.chat_staff cs where cs.chat_id = p_chat_id and cs.role = 'accountant'
  ), managers as (
    select cs.telegram_user_id from public.chat_staff cs where cs.chat_id = p_chat_id and cs.role = 'manager'
  ), global_managers as (
    select unnest(s.global_manager_telegram_ids) from public.settings s
  )
  select telegram_user_id, 'accountants' from accountants
  union all
  select telegram_user_id, 'managers' from managers where not exists (select from accountants)
  union all
  select g.unnest, 'global_managers' from global_managers g
   where not exists (select from accountants) and not exists (select from managers)
$$;
comment on function sla.contact_recipients(bigint) is
  'Who receives a client''s contact request: the chat''s accountants, else its managers, else the global managers.';

create function public.notify_chat_staff(
  p_chat_id bigint,
  p_kind text,
  p_payload jsonb,
  p_dedup_key text,
  p_now timestamptz default now()
) returns jsonb
language sql security definer set search_path = '' as $$
  with recipients as (
    select r.telegram_user_id, r.audience from sla.contact_recipients(p_chat_id) r
  ), queued as (
    insert into public.outbox (kind, chat_id, payload, dedup_key, not_before, created_at)
    select p_kind, r.telegram_user_id, p_payload, p_dedup_key || ':' || r.telegram_user_id, p_now, p_now
      from recipients r
    on conflict (dedup_key) do nothing
    returning 1
  )
  select jsonb_build_object('recipients', (select count(*) from recipients),
                            'queued', (select count(*) from queued),
                            'audience', coalesce((select min(audience) from recipients), 'none'))
$$;
comment on function public.notify_chat_staff(bigint, text, jsonb, text, timestamptz) is
  'Queues a private message (Bot API payload) to the chat''s contact recipients; the same p_dedup_key never queues twice. Returns {recipients, queued, audience}.';

grant execute on function public.notify_chat_staff(bigint, text, jsonb, text, timestamptz) to service_role;
