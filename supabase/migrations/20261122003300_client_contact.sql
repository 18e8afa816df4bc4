-- =====================================================================================================
-- Client menu: "contact the accountant" and "request a service" reach the firm's staff as private
-- messages through the outbox (the relay sends them), rendered here like every other outbox row. The
-- database decides who gets them: the chat's accountants; if it has none, its managers; if none either,
-- the global managers (authz.chat_managers).
-- One request per client per chat per 10 minutes (contact or service alike): pressing the buttons again
-- and again must not flood the staff's private chats; the client is told it was already passed on.
-- =====================================================================================================

create function sla.contact_recipients(p_chat_id bigint) returns table (telegram_user_id bigint, audience text)
language sql stable security definer set search_path = '' as $$
  select cs.telegram_user_id, 'accountants' from public.chat_staff cs where cs.chat_id = p_chat_id and cs.role = 'accountant'
  union all
  select m.telegram_user_id, m.audience from authz.chat_managers(p_chat_id) m
   where not exists (select from public.chat_staff cs where cs.chat_id = p_chat_id and cs.role = 'accountant')
$$;
comment on function sla.contact_recipients(bigint) is
  'Who receives a client''s contact request: the chat''s accountants, else its managers, else the global managers.';

create function sla.contact_text(p_service text, p_client text, p_client_username text, p_chat_title text) returns text
language sql immutable as $$
  select concat_ws(E'\n',
    case when p_service is null then '✉️ <b>Клиент просит связаться</b>'
         else '📝 <b>Заказ услуги: ' || sla.html_escape(p_service) || '</b>' end,
    '👤 ' || sla.html_escape(p_client)
      || case when p_client_username <> '' then ' (@' || sla.html_escape(p_client_username) || ')' else '' end,
    '💬 Чат: «' || sla.html_escape(p_chat_title) || '»')
$$;
comment on function sla.contact_text(text, text, text, text) is
  'HTML text of a client''s contact request (p_service null) or service order; every argument is escaped here.';

create function public.contact_staff(
  p_chat_id bigint,
  p_menu_message_id bigint,
  p_client_telegram_id bigint,
  p_client_name text,
  p_client_username text,
  p_service text,
  p_now timestamptz default now()
) returns jsonb
language sql security definer set search_path = '' as $$
  with recipients as (
    select r.telegram_user_id, r.audience from sla.contact_recipients(p_chat_id) r
  ), recent as (
    select exists (
      select from public.outbox o
       where o.kind in ('client_contact', 'service_request') and o.created_at > p_now - interval '10 minutes'
         and o.created_at <= p_now and split_part(o.dedup_key, ':', 2) = p_chat_id::text
         and split_part(o.dedup_key, ':', 4) = p_client_telegram_id::text
         and split_part(o.dedup_key, ':', 3) <> p_menu_message_id::text) as limited  -- same button: deduplicated below
  ), message as (
    select sla.html_message(
             sla.contact_text(p_service, authz.person_name(p_client_telegram_id, p_chat_id, p_client_name), p_client_username,
                              (select c.title from public.chats c where c.id = p_chat_id)),
             sla.open_chat_keyboard((select sla.message_link(c, jsonb_populate_record(null::public.messages,
               jsonb_build_object('source_chat_id', p_chat_id, 'message_id', p_menu_message_id)))
               from public.chats c where c.id = p_chat_id))) as payload,
           format('menu:%s:%s:%s:%s', p_chat_id, p_menu_message_id, p_client_telegram_id, coalesce(p_service, 'contact'))
             as dedup_key
  ), queued as (
    insert into public.outbox (kind, chat_id, payload, dedup_key, not_before, created_at)
    select case when p_service is null then 'client_contact' else 'service_request' end, r.telegram_user_id,
           m.payload, m.dedup_key || ':' || r.telegram_user_id, p_now, p_now
      from recipients r cross join message m
     where not (select limited from recent)
    on conflict (dedup_key) do nothing
    returning 1
  )
  select jsonb_build_object('recipients', (select count(*) from recipients),
                            'queued', (select count(*) from queued),
                            'limited', (select limited from recent),
                            'audience', coalesce((select min(audience) from recipients), 'none'))
$$;
comment on function public.contact_staff(bigint, bigint, bigint, text, text, text, timestamptz) is
  'Client /menu: queues the «просит связаться» (p_service null) or «заказ услуги» DM to the chat''s contact recipients, with an open-chat button for supergroups; a second press of the same menu button queues nothing, and neither does any press within 10 minutes of the client''s last request in this chat (limited). Returns {recipients, queued, limited, audience: accountants|managers|global_managers|none}.';

grant execute on function public.contact_staff(bigint, bigint, bigint, text, text, text, timestamptz) to service_role;
