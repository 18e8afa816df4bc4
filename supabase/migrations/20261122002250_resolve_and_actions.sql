-- =====================================================================================================
-- Closing requests and the alert buttons.
--   * When a request closes (an accountant's answer or a manual resolve) its alerts are resolved, the
--     escalation ladder stops, alert messages still waiting in the outbox are cancelled and every copy
--     already sent (or being sent) gets an 'alert_update' edit appending who closed it and when.
--   * sla.resolve_request: manual close for the webhook/relay (service role); no response metrics
--     are invented, breached records whether it was still open at breach_at.
--   * public.console_resolve_request: the same for a logged-in manager or the chat's accountant.
--   * public.alert_action: the alert buttons 'alert:<id>:resolve' (the chat's accountants and managers,
--     global managers) and 'alert:<id>:notify' (managers only: DMs the chat's accountants).
-- =====================================================================================================

-- The line appended to every sent copy of a closed request's alerts.
create function sla.closing_line(p_req public.requests) returns text
language sql stable set search_path = '' as $$
  select case p_req.status
    when 'answered' then format('✅ <b>Ответ дан</b>: %s, %s (%s, %s)',
      sla.html_escape(authz.person_name(p_req.answered_by_telegram_id, p_req.chat_id)),
      sla.local_time(p_req.answered_at, sla.schedule_of(p_req.schedule_id) ->> 'timezone'),
      coalesce('ответ через ' || nullif(p_req.response_working_seconds / 60, 0) || ' мин', 'ответ меньше чем через минуту'),
      case when p_req.breached then 'срок нарушен' else 'в срок' end)
    else format('☑️ <b>Закрыто вручную</b>: %s, %s', sla.html_escape(p_req.resolved_by),
      sla.local_time(p_req.resolved_at, sla.schedule_of(p_req.schedule_id) ->> 'timezone'))
  end
$$;
comment on function sla.closing_line(public.requests) is 'HTML line saying who closed a request, when, and whether on time.';

create function sla.on_request_closed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_at timestamptz := coalesce(new.answered_at, new.resolved_at);
  v_line text := sla.closing_line(new);
begin
  update public.alerts a
     set status = 'resolved', resolved_at = v_at, next_escalation_at = null, resolution = new.status,
         resolved_by = coalesce(new.resolved_by, authz.person_name(new.answered_by_telegram_id, new.chat_id))
   where a.request_id = new.id and a.status = 'open';
  -- Copies the relay has not claimed yet are simply not sent any more.
  update public.outbox o set status = 'cancelled', last_error = 'request closed before sending'
    from public.alert_deliveries d join public.alerts a on a.id = d.alert_id
   where a.request_id = new.id and o.id = d.outbox_id and o.status = 'pending';
  -- A new statement, so copies claimed by the relay meanwhile are seen as sending and edited too.
  insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key, not_before)
  select 'alert_update', o.chat_id, 'editMessageText',
         sla.html_message((o.payload ->> 'text') || E'\n\n' || v_line,
           (select case when count(*) > 0 then jsonb_build_object('inline_keyboard', jsonb_agg(rw)) end
              from jsonb_array_elements(o.payload -> 'reply_markup' -> 'inline_keyboard') rw
             where rw -> 0 ? 'url')),
         o.id, format('alert_update:%s', o.id), v_at
    from public.alert_deliveries d join public.alerts a on a.id = d.alert_id join public.outbox o on o.id = d.outbox_id
   where a.request_id = new.id and o.status in ('sending', 'sent')
  on conflict (dedup_key) do nothing;
  return null;
end $$;
comment on function sla.on_request_closed() is
  'Trigger: a closed request resolves its alerts, cancels unsent alert messages and edits sent ones (keeping only the open-chat button).';
create trigger close_alerts after update of status on public.requests
  for each row when (old.status = 'open' and new.status <> 'open') execute function sla.on_request_closed();

create function sla.resolve_request(p_request_id bigint, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_req public.requests;
begin
  update public.requests r
     set status = 'resolved', resolved_at = p_now, resolved_by = left(coalesce(p_actor, 'неизвестно'), 300),
         next_alert_at = null, breached = r.breached or p_now > r.breach_at
   where r.id = p_request_id and r.status = 'open'
  returning * into v_req;
  if v_req.id is null then
    select * into v_req from public.requests r where r.id = p_request_id;
    return jsonb_build_object('ok', false, 'request_id', p_request_id, 'chat_id', v_req.chat_id,
      'reason', case when v_req.id is null then 'Запрос не найден' else 'Запрос уже закрыт' end);
  end if;
  insert into public.sla_events (request_id, chat_id, kind, at, data)
  values (v_req.id, v_req.chat_id, 'resolved', p_now, jsonb_build_object('by', v_req.resolved_by));
  return jsonb_build_object('ok', true, 'request_id', v_req.id, 'chat_id', v_req.chat_id, 'reason', 'Запрос закрыт');
end $$;
comment on function sla.resolve_request(bigint, text, timestamptz) is
  'Manual close (service role): no response metrics are invented; stops the alert chain. Returns {ok, reason, request_id, chat_id}.';
grant execute on function sla.resolve_request(bigint, text, timestamptz) to service_role;

-- The console's close takes no time argument: its clock is the server's, never the caller's.
create function public.console_resolve_request(p_request_id bigint)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_chat_id bigint := (select r.chat_id from public.requests r where r.id = p_request_id);
begin
  if not (authz.is_manager() or (authz.role() = 'accountant' and v_chat_id in (select authz.my_chat_ids()))) then
    raise exception 'only managers and the chat''s accountants may resolve this request' using errcode = '42501';
  end if;
  return sla.resolve_request(p_request_id,
    (select s.full_name from public.staff s where s.id = auth.uid()) || ' (консоль)', now());
end $$;
comment on function public.console_resolve_request(bigint) is
  'Console: a manager/admin, or an accountant of the request''s chat, closes a request manually.';
grant execute on function public.console_resolve_request(bigint) to authenticated;

-- The manager's "notify accountant" button: a DM to each of the chat's accountants, at most once per
-- accountant per five minutes however often it is pressed. Returns how many accountants there are.
-- about_chat_id lets the relay hand an undeliverable DM to the chat's managers.
create function sla.notify_accountants(p_alert public.alerts, p_actor bigint, p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  insert into public.outbox (kind, chat_id, about_chat_id, payload, dedup_key, not_before)
  select 'notify_accountant', cs.telegram_user_id, p_alert.chat_id,
         sla.html_message(format(E'🔔 <b>%s просит ответить клиенту</b>\n', sla.html_escape(authz.person_name(p_actor, p_alert.chat_id)))
                          || sla.request_card(r, c, m), sla.open_chat_keyboard(sla.message_link(c, m))),
         format('notify:%s:%s:%s', p_alert.id, cs.telegram_user_id, floor(extract(epoch from p_now) / 300)), p_now
    from public.chat_staff cs
    join public.requests r on r.id = p_alert.request_id
    join public.chats c on c.id = p_alert.chat_id
    left join public.messages m on m.id = r.first_message_row_id
   where cs.chat_id = p_alert.chat_id and cs.role = 'accountant'
  on conflict (dedup_key) do nothing;
  insert into public.sla_events (request_id, chat_id, kind, at, data)
  values (p_alert.request_id, p_alert.chat_id, 'notify', p_now, jsonb_build_object('alert_id', p_alert.id, 'by', p_actor));
  select count(*) into v_count from public.chat_staff cs where cs.chat_id = p_alert.chat_id and cs.role = 'accountant';
  return v_count;
end $$;
comment on function sla.notify_accountants(public.alerts, bigint, timestamptz) is
  'Writes a reminder DM to every accountant of the alert''s chat (deduplicated per 5 minutes).';

create function public.alert_action(p_alert_id bigint, p_action text, p_actor_telegram_id bigint,
                                    p_now timestamptz default now())
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_alert public.alerts;
  v_role text;
  v_result jsonb;
begin
  select * into v_alert from public.alerts a where a.id = p_alert_id;
  if v_alert.id is null then
    return jsonb_build_object('ok', false, 'reason', 'Оповещение не найдено', 'chat_id', null, 'request_id', null);
  end if;
  v_role := authz.chat_role(v_alert.chat_id, p_actor_telegram_id);  -- managers of the chat and global ones alike
  v_result := jsonb_build_object('ok', false, 'chat_id', v_alert.chat_id, 'request_id', v_alert.request_id);
  if p_action not in ('resolve', 'notify') then
    raise exception 'alert_action: unknown action %', p_action using errcode = '22023';
  elsif v_role not in ('accountant', 'manager', 'global_manager')
        or (p_action = 'notify' and v_role not in ('manager', 'global_manager')) then
    return v_result || jsonb_build_object('reason', case p_action when 'notify'
      then 'Напомнить бухгалтеру может только руководитель' else 'Закрыть запрос могут только бухгалтеры и руководители этого чата' end);
  elsif v_alert.status = 'resolved' then
    return v_result || jsonb_build_object('reason', format('Уже закрыто: %s', v_alert.resolved_by));
  elsif p_action = 'resolve' then
    return sla.resolve_request(v_alert.request_id, authz.person_name(p_actor_telegram_id, v_alert.chat_id), p_now);
  elsif sla.notify_accountants(v_alert, p_actor_telegram_id, p_now) = 0 then
    return v_result || jsonb_build_object('reason', 'У чата нет бухгалтера');
  end if;
  return v_result || jsonb_build_object('ok', true, 'reason', 'Бухгалтеру отправлено напоминание');
end $$;
comment on function public.alert_action(bigint, text, bigint, timestamptz) is
  'Alert buttons (webhook): resolve = the chat''s accountants and managers or global managers; notify = managers only. Returns {ok, reason (Russian, shown to the presser), chat_id, request_id}.';
grant execute on function public.alert_action(bigint, text, bigint, timestamptz) to service_role;
