-- =====================================================================================================
-- Alerts and the SLA tick: warnings, breaches, escalations.
--
-- sla.tick(p_now) runs every 30 s (every minute where pg_cron has no second schedules) and turns time
-- into labels and outbox rows:
--   * fallback  a client message still awaiting a label 60 s after it arrived becomes a REQUEST
--               (source 'fallback') and opens or joins a request timed from its own time;
--   * warning   at warn_at (warning percent of the threshold) → the chat's accountants;
--   * breach    at the first tick AFTER breach_at (a request still unanswered at breach_at; an answer at
--               exactly breach_at is on time, so a tick at breach_at raises nothing yet) → the chat's managers (else the global managers), its
--               accountants and the optional internal team chat: private chats only, NEVER the client
--               group (a recipient equal to the request's chat, or any chat with SLA on, is dropped);
--   * escalation every escalation_interval_minutes of the chat's WORKING time after the breach
--               (next = breach_at(previous, interval), so nobody is paged at night or on a weekend),
--               at most escalation_max_count times (both snapshotted onto the alert when it is raised).
-- A request that is answered or resolved stops its chain: its alerts are resolved, copies not yet sent
-- are cancelled and every copy already sent gets an 'alert_update' edit appending who closed it.
--
-- Exactly-once: requests are claimed FOR UPDATE SKIP LOCKED, alerts are unique per (request, kind) and
-- every outbox row has a dedup_key (warning:<request>:<recipient>, breach:<alert>:<recipient>,
-- escalation:<alert>:<n>:<recipient>, alert_update:<outbox row>) inserted ON CONFLICT DO NOTHING, so
-- two ticks at the same p_now, or running concurrently, write nothing twice.
-- Requests of chats whose SLA or monitoring is off are left alone until it is back on.
-- =====================================================================================================

create table public.alerts (
  id bigint generated always as identity primary key,
  request_id bigint not null references public.requests (id) on delete cascade,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  kind text not null check (kind in ('warning', 'breach')),
  status text not null default 'open' check (status in ('open', 'resolved')),
  escalation_count integer not null default 0 check (escalation_count >= 0),
  escalation_interval_minutes integer check (escalation_interval_minutes > 0),
  escalation_max_count integer check (escalation_max_count >= 0),
  next_escalation_at timestamptz,
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by text check (length(resolved_by) <= 300),
  resolution text check (resolution in ('answered', 'resolved')),
  unique (request_id, kind),
  check ((status = 'resolved') = (resolved_at is not null)),
  check (status = 'open' or next_escalation_at is null)
);
comment on table public.alerts is
  'One warning and at most one breach per request; the breach alert carries the escalation ladder. Resolved when the request closes.';
comment on column public.alerts.escalation_count is 'Repeats sent so far after the first breach message.';
comment on column public.alerts.next_escalation_at is 'Next repeat, in the chat''s working time; null when the ladder is finished or the alert resolved.';
comment on column public.alerts.resolution is 'answered: an accountant answered in the chat; resolved: closed manually.';
create index alerts_due on public.alerts (next_escalation_at) where status = 'open' and next_escalation_at is not null;
create index alerts_chat_created on public.alerts (chat_id, created_at desc);

alter table public.alerts enable row level security;
create policy alerts_select on public.alerts for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
revoke insert, update, delete, truncate on public.alerts from authenticated;

create table public.alert_deliveries (
  outbox_id bigint primary key references public.outbox (id) on delete cascade,
  alert_id bigint not null references public.alerts (id) on delete cascade,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  recipient_role text not null check (recipient_role in ('accountant', 'manager', 'team')),
  step integer not null default 0 check (step >= 0)
);
comment on table public.alert_deliveries is
  'Which outbox messages carry which alert (step 0 = first message, n = escalation n), so closing an alert can edit every sent copy.';
create index alert_deliveries_alert on public.alert_deliveries (alert_id);

alter table public.alert_deliveries enable row level security;
create policy alert_deliveries_select on public.alert_deliveries for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
revoke insert, update, delete, truncate on public.alert_deliveries from authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Rendering (Russian, emoji-led, HTML parse mode; every user-supplied string escaped)
-- The helpers are plain SQL without a SET clause and fully schema-qualified, so the planner inlines
-- them into the tick's set-based statements instead of calling a function per row.
-- ---------------------------------------------------------------------------------------------------

create function sla.local_time(p_at timestamptz, p_tz text) returns text
language sql stable as $$
  select to_char(p_at at time zone coalesce(p_tz, sla.firm_timezone()), 'DD.MM.YYYY HH24:MI')
$$;
comment on function sla.local_time(timestamptz, text) is 'An instant as DD.MM.YYYY HH:MI in the given IANA timezone (null: the firm''s).';

create function sla.message_excerpt(p_msg public.messages) returns text
language sql immutable as $$
  select case when length(t) > 200 then left(t, 199) || '…' else t end
  from (select coalesce(nullif(btrim(p_msg.text), ''), case p_msg.kind
          when 'document' then '📎 документ' when 'voice' then '🎤 голосовое сообщение'
          when 'photo' then '🖼 фото' when 'video' then '🎬 видео' else 'сообщение' end) t) x
$$;
comment on function sla.message_excerpt(public.messages) is 'The first 200 characters of a message, or what kind of media it is (not escaped).';

create function sla.client_name(p_msg public.messages) returns text
language sql stable as $$
  select authz.person_name(p_msg.sender_telegram_id, p_msg.chat_id, coalesce(p_msg.sender_name, '@' || p_msg.sender_username))
$$;
comment on function sla.client_name(public.messages) is 'The name to show for the author of a client message (not escaped).';

-- https://t.me/c/<internal id>/<message id> works for supergroups only; basic groups have no links.
create function sla.message_link(p_chat public.chats, p_msg public.messages) returns text
language sql stable as $$
  select case when p_chat.chat_type = 'supergroup' and p_chat.id < -1000000000000 and p_msg.source_chat_id = p_chat.id
              then format('https://t.me/c/%s/%s', -p_chat.id - 1000000000000, p_msg.message_id) end
$$;
comment on function sla.message_link(public.chats, public.messages) is 'Link to a message of a supergroup, null when none can be built.';

create function sla.open_chat_keyboard(p_link text) returns jsonb
language sql immutable as $$
  select case when p_link is not null then jsonb_build_object('inline_keyboard', jsonb_build_array(jsonb_build_array(
    jsonb_build_object('text', '💬 Открыть чат', 'url', p_link)))) end
$$;
comment on function sla.open_chat_keyboard(text) is 'The «💬 Открыть чат» keyboard for a message link; null without a link.';

-- The lines every alert and reminder shares: chat, client, what they wrote, when (chat's timezone).
create function sla.request_card(p_req public.requests, p_chat public.chats, p_msg public.messages) returns text
language sql stable as $$
  select concat_ws(E'\n',
    '💬 Чат: <b>' || sla.html_escape(nullif(p_chat.title, '')) || '</b>',
    '👤 Клиент: ' || sla.html_escape(sla.client_name(p_msg)),
    '📝 «' || sla.html_escape(sla.message_excerpt(p_msg)) || '»',
    case when p_req.message_count > 1 then '📨 Сообщений от клиента: ' || p_req.message_count end,
    '🕒 Получено: ' || sla.local_time(p_req.received_at, sla.schedule_of(p_req.schedule_id) ->> 'timezone')
      || ' (' || sla.html_escape(sla.zone_label(sla.schedule_of(p_req.schedule_id) ->> 'timezone')) || ')')
$$;
comment on function sla.request_card(public.requests, public.chats, public.messages) is
  'HTML lines describing a request: chat title, client name, excerpt of the first message, received time in the chat''s timezone.';

create function sla.alert_text(p_alert public.alerts, p_req public.requests, p_chat public.chats,
                               p_msg public.messages, p_now timestamptz) returns text
language sql stable as $$
  select case when p_alert.kind = 'warning' then '⏳ <b>Скоро истечёт срок ответа клиенту</b>'
              when p_alert.escalation_count = 0 then '🚨 <b>Нарушен срок ответа клиенту</b>'
              else format('🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор %s из %s)',
                          p_alert.escalation_count, p_alert.escalation_max_count) end
    || E'\n' || sla.request_card(p_req, p_chat, p_msg) || E'\n'
    || case when p_alert.kind = 'warning'
            then format('⌛ Осталось %s рабочего времени — ответить до %s',
                        coalesce(nullif(sla.working_seconds_left(sla.schedule_of(p_req.schedule_id), p_req.breach_at, p_now) / 60, 0) || ' мин',
                                 'меньше минуты'),
                        sla.local_time(p_req.breach_at, sla.schedule_of(p_req.schedule_id) ->> 'timezone'))
            else format('⏰ Срок ответа (%s мин) истёк в %s', p_req.threshold_minutes,
                        sla.local_time(p_req.breach_at, sla.schedule_of(p_req.schedule_id) ->> 'timezone'))
                 || coalesce(', просрочка ' || nullif(-sla.working_seconds_left(sla.schedule_of(p_req.schedule_id), p_req.breach_at, p_now) / 60, 0)
                             || ' мин рабочего времени', '') end
$$;
comment on function sla.alert_text(public.alerts, public.requests, public.chats, public.messages, timestamptz) is
  'Russian HTML text of a warning, breach or escalation message; minutes are working minutes, floored.';

-- Buttons: open the chat (when a link exists), notify the accountant (managers' copies only), resolve.
create function sla.alert_keyboard(p_alert_id bigint, p_link text, p_role text) returns jsonb
language sql stable as $$
  select jsonb_build_object('inline_keyboard',
    coalesce(sla.open_chat_keyboard(p_link) -> 'inline_keyboard', '[]'::jsonb)
    || case when p_role = 'manager' then jsonb_build_array(jsonb_build_array(
      jsonb_build_object('text', '🔔 Напомнить бухгалтеру', 'callback_data', format('alert:%s:notify', p_alert_id)))) else '[]'::jsonb end
    || jsonb_build_array(jsonb_build_array(
      jsonb_build_object('text', '✅ Отметить решённым', 'callback_data', format('alert:%s:resolve', p_alert_id)))))
$$;
comment on function sla.alert_keyboard(bigint, text, text) is 'Inline keyboard of an alert copy for a recipient role.';

-- Who receives an alert of a chat. Warnings: its accountants. Breaches and escalations: its managers
-- (else the global managers), its accountants and the internal team chat. One copy per recipient (a
-- manager's copy wins). Staff are Telegram users (positive ids), so only the team chat could be a group:
-- it is dropped when it is the request's own chat or any chat with SLA on — never a client group.
create function sla.alert_recipients(p_chat_id bigint, p_kind text) returns table (recipient bigint, role text)
language sql stable as $$
  select distinct on (x.recipient) x.recipient, x.role
  from (
    select cs.telegram_user_id, 'accountant', 2 from public.chat_staff cs
     where cs.chat_id = p_chat_id and cs.role = 'accountant'
    union all
    select m.telegram_user_id, 'manager', 1 from authz.chat_managers(p_chat_id) m where p_kind <> 'warning'
    union all
    select s.internal_team_chat_id, 'team', 3 from public.settings s
     where p_kind <> 'warning' and s.internal_team_chat_id <> p_chat_id
       and not exists (select 1 from public.chats c where c.id = s.internal_team_chat_id and c.sla_enabled)
  ) x (recipient, role, rank)
  order by x.recipient, x.rank
$$;
comment on function sla.alert_recipients(bigint, text) is
  'Recipients (Telegram ids of private chats, or the internal team chat) of a warning or breach of a chat; never a client group.';

-- ---------------------------------------------------------------------------------------------------
-- The tick
-- ---------------------------------------------------------------------------------------------------

-- Next repeat of an escalation ladder: interval working minutes after the previous one; when the tick
-- ran late (previous + interval already past), the interval counts from now so repeats never bunch up.
create function sla.next_escalation(p_schedule jsonb, p_previous timestamptz, p_interval integer, p_now timestamptz)
returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  v_next timestamptz := sla.breach_at_in(p_schedule, p_previous, p_interval);
begin
  if v_next <= p_now then
    v_next := sla.breach_at_in(p_schedule, p_now, p_interval);
  end if;
  return v_next;
end $$;
comment on function sla.next_escalation(jsonb, timestamptz, integer, timestamptz) is
  'The next escalation instant: previous + interval in the request''s working-time calendar, never in the past.';

-- Writes the outbox messages of freshly raised or escalated alerts: one per recipient, each with its
-- keyboard, and remembers which message carries which alert. Returns the number of outbox rows written.
-- The alerts' requests are fetched by primary key; a merge join would instead walk the whole requests
-- index whenever the due requests are not the first ones (seen at 100,000 open requests), so it is off.
create function sla.deliver(p_alert_ids bigint[], p_now timestamptz) returns integer
language plpgsql set search_path = '' set enable_mergejoin = off as $$
declare
  v_count integer;
begin
  with texts as materialized (
    select a.id alert_id, a.chat_id, a.kind, a.request_id, a.escalation_count step,
           sla.alert_text(a, r, c, m, p_now) body, sla.message_link(c, m) link
    from public.alerts a
    join public.requests r on r.id = a.request_id
    join public.chats c on c.id = a.chat_id
    left join public.messages m on m.id = r.first_message_row_id
    where a.id = any (p_alert_ids)
  ), copies as (
    select t.alert_id, t.chat_id, t.step, rc.recipient, rc.role,
           case when t.kind = 'warning' then 'warning' when t.step = 0 then 'breach' else 'escalation' end kind,
           case when t.kind = 'warning' then format('warning:%s:%s', t.request_id, rc.recipient)
                when t.step = 0 then format('breach:%s:%s', t.alert_id, rc.recipient)
                else format('escalation:%s:%s:%s', t.alert_id, t.step, rc.recipient) end dedup_key,
           sla.html_message(t.body, sla.alert_keyboard(t.alert_id, t.link, rc.role)) payload
    from texts t cross join lateral sla.alert_recipients(t.chat_id, t.kind) rc
  ), sent as (
    insert into public.outbox (kind, chat_id, payload, dedup_key, not_before)
    select c.kind, c.recipient, c.payload, c.dedup_key, p_now from copies c
    on conflict (dedup_key) do nothing
    returning id, dedup_key
  )
  insert into public.alert_deliveries (outbox_id, alert_id, chat_id, recipient_role, step)
  select s.id, c.alert_id, c.chat_id, c.role, c.step from sent s join copies c using (dedup_key);
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function sla.deliver(bigint[], timestamptz) is
  'Renders alerts and writes one outbox row per recipient (deduplicated), linking each to its alert.';

create function sla.raise_breaches(p_now timestamptz) returns bigint[]
language plpgsql set search_path = '' as $$
declare
  v_ids bigint[];
begin
  with due as (
    select r.id, r.chat_id, r.breach_at, v.document as schedule from public.requests r
    join public.chats c on c.id = r.chat_id and c.sla_enabled and c.monitoring_enabled
    join sla.schedule_versions v on v.id = r.schedule_id
    where r.status = 'open' and r.next_alert_at <= p_now and r.breach_at < p_now
    for update of r skip locked
  ), marked as (
    update public.requests r set next_alert_at = null, breached = true from due where r.id = due.id
  ), raised as (
    insert into public.alerts (request_id, chat_id, kind, created_at, escalation_interval_minutes,
                               escalation_max_count, next_escalation_at)
    select d.id, d.chat_id, 'breach', p_now, s.escalation_interval_minutes, s.escalation_max_count,
           case when s.escalation_max_count > 0
                then sla.next_escalation(d.schedule, d.breach_at, s.escalation_interval_minutes, p_now) end
    from due d cross join public.settings s
    on conflict (request_id, kind) do nothing
    returning id, request_id, chat_id
  ), logged as (
    insert into public.sla_events (request_id, chat_id, kind, at, data)
    select request_id, chat_id, 'breach', p_now, jsonb_build_object('alert_id', id) from raised
  )
  select coalesce(array_agg(id), '{}') into v_ids from raised;
  return v_ids;
end $$;
comment on function sla.raise_breaches(timestamptz) is
  'Raises a breach alert for every open request strictly past breach_at (monitored chats only), marks it breached and starts its escalation ladder.';

create function sla.raise_warnings(p_now timestamptz) returns bigint[]
language plpgsql set search_path = '' as $$
declare
  v_ids bigint[];
begin
  with due as (
    select r.id, r.chat_id, r.breach_at from public.requests r
    join public.chats c on c.id = r.chat_id and c.sla_enabled and c.monitoring_enabled
    where r.status = 'open' and r.next_alert_at <= p_now and r.next_alert_at < r.breach_at and r.breach_at >= p_now
    for update of r skip locked
  ), marked as (
    update public.requests r set next_alert_at = due.breach_at from due where r.id = due.id
  ), raised as (
    insert into public.alerts (request_id, chat_id, kind, created_at)
    select d.id, d.chat_id, 'warning', p_now from due d
    on conflict (request_id, kind) do nothing
    returning id, request_id, chat_id
  ), logged as (
    insert into public.sla_events (request_id, chat_id, kind, at, data)
    select request_id, chat_id, 'warning', p_now, jsonb_build_object('alert_id', id) from raised
  )
  select coalesce(array_agg(id), '{}') into v_ids from raised;
  return v_ids;
end $$;
comment on function sla.raise_warnings(timestamptz) is
  'Raises the warning of every open request past warn_at but not past breach_at (monitored chats only); the request then waits for breach_at.';

create function sla.escalate(p_now timestamptz) returns bigint[]
language plpgsql set search_path = '' as $$
declare
  v_ids bigint[];
begin
  with due as (
    select a.id, a.next_escalation_at, a.escalation_count, a.escalation_interval_minutes, a.escalation_max_count,
           v.document as schedule
    from public.alerts a
    join public.requests r on r.id = a.request_id
    join sla.schedule_versions v on v.id = r.schedule_id
    join public.chats c on c.id = a.chat_id and c.sla_enabled and c.monitoring_enabled
    where a.status = 'open' and a.next_escalation_at <= p_now
    for update of a skip locked
  ), stepped as (
    update public.alerts a
       set escalation_count = d.escalation_count + 1,
           next_escalation_at = case when d.escalation_count + 1 < d.escalation_max_count
             then sla.next_escalation(d.schedule, d.next_escalation_at, d.escalation_interval_minutes, p_now) end
      from due d where a.id = d.id
    returning a.id, a.request_id, a.chat_id, a.escalation_count
  ), logged as (
    insert into public.sla_events (request_id, chat_id, kind, at, data)
    select request_id, chat_id, 'escalation', p_now, jsonb_build_object('alert_id', id, 'step', escalation_count) from stepped
  )
  select coalesce(array_agg(id), '{}') into v_ids from stepped;
  return v_ids;
end $$;
comment on function sla.escalate(timestamptz) is
  'Sends the next repeat of every open breach alert whose time has come; schedules the following one in working time until the maximum.';

-- JIT is off: the set-based statements look expensive to the planner (rows of not-yet-analyzed tables)
-- and compiling them cost more than running them (~0.4 s of JIT for 1,000 alerts).
create function sla.tick(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' set jit = off as $$
declare
  v_fallbacks integer := sla.label_fallbacks(p_now);
  v_breaches bigint[] := sla.raise_breaches(p_now);
  v_warnings bigint[] := sla.raise_warnings(p_now);
  v_escalations bigint[] := sla.escalate(p_now);
begin
  perform sla.deliver(v_breaches || v_warnings || v_escalations, p_now);
  return jsonb_build_object('warnings', cardinality(v_warnings), 'breaches', cardinality(v_breaches),
                            'escalations', cardinality(v_escalations), 'fallbacks', v_fallbacks);
end $$;
comment on function sla.tick(timestamptz) is
  'The SLA clock (pg_cron every 30 s, or every minute): fallback labels, then warnings, breaches and escalations due at p_now into the outbox. Safe to run twice or concurrently. Returns {warnings, breaches, escalations, fallbacks}.';
grant execute on function sla.tick(timestamptz) to service_role;

-- How often pg_cron runs the tick: every 30 s where pg_cron knows second schedules (1.5 and later, as on
-- Supabase), else every minute (pg_cron 1.4 of Debian, the local stack). Either way a breach is seen
-- ≤ 60 s after breach_at.
create function sla.tick_schedule(p_pg_cron_version text) returns text
language sql immutable set search_path = '' as $$
  select case when string_to_array(substring(p_pg_cron_version from '^\d+\.\d+'), '.')::integer[] >= array[1, 5]
              then '30 seconds' else '* * * * *' end
$$;
comment on function sla.tick_schedule(text) is
  'pg_cron schedule of sla.tick for an installed pg_cron version: ''30 seconds'' from 1.5 on, else every minute.';

create extension if not exists pg_cron with schema pg_catalog;
select cron.unschedule(j.jobid) from cron.job j where j.jobname = 'sla-tick';
select cron.schedule('sla-tick', sla.tick_schedule(e.extversion), $$select sla.tick()$$)
  from pg_extension e where e.extname = 'pg_cron';
