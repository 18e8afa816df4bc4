-- =====================================================================================================
-- The bot's place in chats, as the webhook sees it:
--   * who a Telegram user is for the bot (admin / manager / accountant / observer / client);
--   * the bot added to or removed from a group (monitoring on/off, registering the group with SLA off);
--   * a chat's configuration health, shown by /diagnose and the console: SLA on, accountant linked,
--     alert recipients present, bot can read all messages, last message seen.
-- =====================================================================================================

-- Precedence when one person has several hats: admin > manager (console, chat or global) > accountant
-- (console or chat) > observer > client. The chat part is authz.chat_role.
create function sla.telegram_role(p_telegram_user_id bigint, p_chat_id bigint default null) returns text
language sql stable security definer set search_path = '' as $$
  select case
           when who.staff_role = 'admin' then 'admin'
           when who.staff_role = 'manager' or who.chat_role in ('manager', 'global_manager') then 'manager'
           when who.staff_role = 'accountant' or who.chat_role = 'accountant' then 'accountant'
           when who.staff_role = 'observer' then 'observer'
           else 'client'
         end
    from (select (select s.role::text from public.staff s where s.telegram_user_id = p_telegram_user_id and s.is_active),
                 authz.chat_role(p_chat_id, p_telegram_user_id)) who (staff_role, chat_role)
$$;
comment on function sla.telegram_role(bigint, bigint) is
  'What a Telegram user is for the bot, optionally in a given chat: admin, manager, accountant, observer or client.';

create function public.telegram_identity(p_telegram_user_id bigint, p_chat_id bigint default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'role', sla.telegram_role(p_telegram_user_id, p_chat_id),
    'timezone', sla.get_schedule(p_chat_id) ->> 'timezone',
    'name', authz.staff_display_name(p_telegram_user_id, p_chat_id))
$$;
comment on function public.telegram_identity(bigint, bigint) is
  'Role (admin/manager/accountant/observer/client) and staff name (null for anyone the firm has not named) of a Telegram user, and the chat''s timezone (the firm''s without a chat), for the webhook''s commands.';

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

create function sla.accountant_line(p_chat_id bigint) returns text
language sql stable set search_path = '' as $$
  select format('Бухгалтер: %s', authz.person_name(a.telegram_user_id, p_chat_id))
         || case when a.total > 1 then format(' и ещё %s', a.total - 1) else '' end
  from (select cs.telegram_user_id, cs.is_primary, count(*) over () as total from public.chat_staff cs
         where cs.chat_id = p_chat_id and cs.role = 'accountant') a
  order by a.is_primary desc, a.telegram_user_id
  limit 1
$$;
comment on function sla.accountant_line(bigint) is 'Health detail naming the chat''s primary accountant (and how many more); null without one.';

create function sla.recipients_line(p_chat_id bigint) returns text
language sql stable set search_path = '' as $$
  select format('Получатели уведомлений о просрочках: %s (%s)',
                case m.audience when 'managers' then 'руководители чата' else 'общие руководители' end, count(*))
  from authz.chat_managers(p_chat_id) m
  group by m.audience
$$;
comment on function sla.recipients_line(bigint) is
  'Health detail: who gets breach alerts (the chat''s managers, else the global ones, as the alerts do) and how many; null for nobody.';

create function public.chat_health(p_chat_id bigint) returns table (key text, ok boolean, detail text)
language sql stable security definer set search_path = '' as $$
  select x.key, x.ok, x.detail
  from public.chats c
  cross join lateral (select sla.get_schedule(c.id) ->> 'timezone' as zone, sla.calendar_coverage(now()) as coverage,
                             sla.accountant_line(c.id) as accountant, sla.recipients_line(c.id) as recipients) f
  cross join lateral (values
    (1, 'sla_enabled', c.sla_enabled, case when c.sla_enabled
      then format('Контроль ответов включён (порог %s мин)', c.threshold_minutes)
      else 'Контроль ответов выключен — подключите чат командой /connect КОД или в консоли' end),
    (2, 'monitoring', c.monitoring_enabled,
      case when c.monitoring_enabled then 'Бот отслеживает чат' else 'Мониторинг выключен — бот был удалён из группы' end),
    (3, 'accountant', f.accountant is not null,
      coalesce(f.accountant, 'Бухгалтер не назначен — предупреждения некому отправлять')),
    (4, 'recipients', f.recipients is not null,
      coalesce(f.recipients, 'Нет руководителей для уведомлений о просрочках — назначьте их в консоли')),
    (5, 'bot_can_read', c.bot_can_read_all, case c.bot_can_read_all
      when true then 'Бот видит все сообщения группы'
      when false then 'Бот видит не все сообщения группы — сделайте его администратором группы или отключите privacy mode у @BotFather'
      else 'Пока неизвестно, видит ли бот все сообщения группы' end),
    (6, 'last_message', c.last_message_at is not null, case when c.last_message_at is null
      then 'Сообщений в чате ещё не было'
      else format('Последнее сообщение: %s (%s)', sla.local_time(c.last_message_at, f.zone), sla.zone_label(f.zone)) end),
    (7, 'calendar', (f.coverage ->> 'ok')::boolean, f.coverage ->> 'detail')
  ) x (n, key, ok, detail)
  where c.id = p_chat_id
    -- Console users see the health of the chats they may read; the webhook (service role) of any chat.
    and (auth.role() is distinct from 'authenticated' or (select authz.sees_all_chats()) or c.id in (select authz.my_chat_ids()))
  order by x.n
$$;
comment on function public.chat_health(bigint) is
  'A chat''s configuration checks in display order (sla_enabled, monitoring, accountant, recipients, bot_can_read, last_message, calendar — the global production calendar''s coverage at the server clock): ok true = fine, false = a problem, null = not known yet; detail is a Russian sentence in plain text. No rows when the chat is unknown or not visible to the caller.';

grant execute on function public.telegram_identity(bigint, bigint), public.set_chat_membership(bigint, text, text, boolean, boolean)
  to service_role;
grant execute on function public.chat_health(bigint) to authenticated, service_role;
