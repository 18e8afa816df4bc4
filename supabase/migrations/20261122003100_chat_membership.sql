-- =====================================================================================================
-- The bot's place in chats, as the webhook sees it:
--   * who a Telegram user is for the bot (admin / manager / accountant / observer / client), in one place;
--   * the bot added to or removed from a group (monitoring on/off, registering the group with SLA off);
--   * a chat's configuration health, shown by /diagnose and the console: SLA on, accountant linked,
--     alert recipients present, bot can read all messages, last message seen.
-- =====================================================================================================

-- Precedence when one person has several hats: admin > manager (console, chat or global) > accountant
-- (console or chat) > observer > client.
create function sla.telegram_role(p_telegram_user_id bigint, p_chat_id bigint default null) returns text
language sql stable security definer set search_path = '' as $$
  with who as (
    select (select s.role::text from public.staff s where s.telegram_user_id = p_telegram_user_id and s.is_active) as staff_role,
           (select cs.role from public.chat_staff cs
             where cs.chat_id = p_chat_id and cs.telegram_user_id = p_telegram_user_id) as chat_role,
           exists (select from public.settings st where p_telegram_user_id = any (st.global_manager_telegram_ids)) as global_manager
  )
  select case
           when staff_role = 'admin' then 'admin'
           when staff_role = 'manager' or chat_role = 'manager' or global_manager then 'manager'
           when staff_role = 'accountant' or chat_role = 'accountant' then 'accountant'
           when staff_role = 'observer' then 'observer'
           else 'client'
         end
    from who
$$;
comment on function sla.telegram_role(bigint, bigint) is
  'What a Telegram user is for the bot, optionally in a given chat: admin, manager, accountant, observer or client.';

create function public.telegram_identity(p_telegram_user_id bigint, p_chat_id bigint default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'role', sla.telegram_role(p_telegram_user_id, p_chat_id),
    'timezone', coalesce(sla.get_schedule(p_chat_id) ->> 'timezone', 'Europe/Moscow'),
    'name', coalesce((select s.full_name from public.staff s where s.telegram_user_id = p_telegram_user_id and s.is_active),
                     (select cs.display_name from public.chat_staff cs
                       where cs.chat_id = p_chat_id and cs.telegram_user_id = p_telegram_user_id)))
$$;
comment on function public.telegram_identity(bigint, bigint) is
  'Role (admin/manager/accountant/observer/client) and staff name of a Telegram user, and the chat''s timezone (the global default without a chat), for the webhook''s commands.';

create function public.set_chat_membership(
  p_chat_id bigint,
  p_title text,
  p_chat_type text,
  p_is_member boolean,
  p_can_read_all boolean default null
) returns jsonb
language sql security definer set search_path = '' as $$
  insert into public.chats as c (id, title, chat_type, monitoring_enabled, bot_can_read_all)
  values (p_chat_id, left(coalesce(p_title, ''), 255), p_chat_type, p_is_member, p_can_read_all)
  on conflict (id) do update
     set title = coalesce(nullif(excluded.title, ''), c.title),
         chat_type = excluded.chat_type,
         monitoring_enabled = excluded.monitoring_enabled,
         bot_can_read_all = coalesce(excluded.bot_can_read_all, c.bot_can_read_all)
  returning jsonb_build_object('chat_id', c.id, 'sla_enabled', c.sla_enabled,
                               'monitoring_enabled', c.monitoring_enabled, 'registered', xmax = 0)
$$;
comment on function public.set_chat_membership(bigint, text, text, boolean, boolean) is
  'The bot joined (monitoring on) or left (monitoring off) a group; registers an unknown group with SLA off. p_can_read_all, when known, records whether the bot receives every message.';

create function public.chat_health(p_chat_id bigint) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'chat_id', c.id, 'title', c.title, 'sla_enabled', c.sla_enabled, 'monitoring_enabled', c.monitoring_enabled,
    'threshold_minutes', c.threshold_minutes, 'bot_can_read_all', c.bot_can_read_all, 'last_message_at', c.last_message_at,
    'accountants', coalesce((select jsonb_agg(jsonb_build_object('telegram_user_id', cs.telegram_user_id,
                               'name', cs.display_name, 'is_primary', cs.is_primary) order by cs.is_primary desc, cs.telegram_user_id)
                               from public.chat_staff cs where cs.chat_id = c.id and cs.role = 'accountant'), '[]'),
    'managers', (select count(*) from public.chat_staff cs where cs.chat_id = c.id and cs.role = 'manager'),
    'global_managers', (select coalesce(cardinality(s.global_manager_telegram_ids), 0) from public.settings s))
  from public.chats c
  where c.id = p_chat_id
    -- Console users see the health of the chats they may read; the webhook (service role) of any chat.
    and (auth.role() is distinct from 'authenticated' or (select authz.sees_all_chats()) or c.id in (select authz.my_chat_ids()))
$$;
comment on function public.chat_health(bigint) is
  'Configuration health of a chat (SLA on, accountants, alert recipients, bot can read all, last message); null when the chat is unknown or not visible to the caller.';

grant execute on function public.telegram_identity(bigint, bigint), public.set_chat_membership(bigint, text, text, boolean, boolean)
  to service_role;
grant execute on function public.chat_health(bigint) to authenticated, service_role;
