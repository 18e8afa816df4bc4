-- =====================================================================================================
-- The queue: what needs action now. Requests and alerts as people read them, with the figures the
-- server computes at its own clock (now()), so the console never decides SLA state from a browser's.
--
--   public.request_rows   every request with its chat, client, first question (shortened), the chat's
--                         responsible (primary) accountant and, while it is open, the working time left.
--   public.alert_rows     every alert with who was notified and how late its request is.
--   public.firm_day_start the instant a local day of the firm begins (links to "breaches today").
--
-- Rules (table-tested in supabase/tests/26_request_queue.sql):
--   * time left = working seconds of the request's own schedule snapshot from now to breach_at; once
--     breach_at has passed it is negative: minus the working seconds since breach_at (how late it is).
--     Overnight and at weekends the figure stands still; in a 24/7 chat it runs all the time.
--   * sla_state of an open request: 'breached' once now is past breach_at (an answer exactly at breach_at
--     is on time) or the tick has marked it so, 'warning' from warn_at on, else 'ok'; null once closed.
--   * clock_running: whether now is working time under the snapshot, so the console counts the figure
--     down between refreshes only while it really runs.
--   * lateness of an alert = working seconds from breach_at to the answer, the manual close, or now.
--   * mine: the request's chat is one the viewer works in (authz.my_chat_ids).
-- Both views are security invoker: RLS on requests and alerts decides the rows (an accountant: own chats).
-- Open requests are at most one per chat (requests_one_open_per_chat), so the queue stays small. The
-- joins are on unique keys and the accountant is a subquery, so counting a page of the requests list reads
-- requests alone (the planner drops what the count does not need).
-- =====================================================================================================

create function sla.request_state(p_req public.requests, p_now timestamptz) returns text
language sql immutable as $$
  select case when p_req.status <> 'open' then null
              when p_req.breached or p_now > p_req.breach_at then 'breached'
              when p_now >= p_req.warn_at then 'warning'
              else 'ok' end
$$;
comment on function sla.request_state(public.requests, timestamptz) is
  'ok | warning | breached for an open request at an instant (past breach_at = breached); null once closed.';

-- The views run as the logged-in user, who cannot reach the working-time functions (schema sla): these
-- read-only helpers compute a visible request's figures at the server's clock for them.
create function public.request_seconds_left(p_req public.requests) returns bigint
language sql stable security definer set search_path = '' as $$
  select case when p_req.status = 'open' then sla.working_seconds_left(sla.schedule_of(p_req.schedule_id), p_req.breach_at, now()) end
$$;
comment on function public.request_seconds_left(public.requests) is
  'An open request''s working seconds left now (negative: how late); null once closed.';

create function public.request_clock_running(p_req public.requests) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_req.status = 'open' then sla.is_working_time_in(sla.schedule_of(p_req.schedule_id), now()) end
$$;
comment on function public.request_clock_running(public.requests) is
  'Whether an open request''s working clock runs now (its chat''s working time); null once closed.';

create function public.request_late_seconds(p_req public.requests) returns bigint
language sql stable security definer set search_path = '' as $$
  select sla.working_seconds_in(sla.schedule_of(p_req.schedule_id), p_req.breach_at, coalesce(p_req.answered_at, p_req.resolved_at, now()))
$$;
comment on function public.request_late_seconds(public.requests) is
  'Working seconds from breach_at to the answer, the manual close, or now: how late a request is (0 while on time).';

grant execute on function public.request_seconds_left(public.requests), public.request_clock_running(public.requests),
  public.request_late_seconds(public.requests), sla.request_state(public.requests, timestamptz),
  sla.message_excerpt(public.messages), sla.client_name(public.messages) to authenticated, service_role;

-- Chat, client and question are looked up per row shown (scalar sub-selects, not joins), so a page of 25
-- sorted by an indexed column reads 25 requests, never the whole table joined with its messages.
create view public.request_rows with (security_invoker = true) as
select r.id, r.chat_id, r.status, r.received_at, r.threshold_minutes, r.warn_at, r.breach_at, r.answered_at,
       r.answered_by_telegram_id, r.response_working_seconds, r.breached, r.resolved_at, r.resolved_by,
       r.message_count, r.client_telegram_id,
       (select c.title from public.chats c where c.id = r.chat_id) as chat_title,
       (select sla.client_name(m) from public.messages m where m.id = r.first_message_row_id) as client_name,
       (select sla.message_excerpt(m) from public.messages m where m.id = r.first_message_row_id) as question,
       public.accountant_telegram_id(r) as accountant_telegram_id,
       authz.person_name(public.accountant_telegram_id(r), r.chat_id) as accountant_name,
       public.request_seconds_left(r) as working_seconds_left,
       public.request_clock_running(r) as clock_running,
       sla.request_state(r, now()) as sla_state,
       r.chat_id in (select authz.my_chat_ids()) as mine
from public.requests r;
comment on view public.request_rows is
  'Requests as the console shows them: chat, client, first question, responsible accountant, and for open ones the working seconds left at the server''s clock (rules in 20261205030000_request_queue.sql).';
grant select on public.request_rows to authenticated, service_role;

-- "Breaches today" in the console lists requests whose deadline passed since the firm's midnight.
create index requests_breached_at on public.requests (breach_at) where breached;

-- Who an alert reached: one line per recipient (the latest copy), with a note when that copy is not
-- delivered. Definer because the outbox is managers' only; it answers only for alerts the caller sees.
create function public.alert_recipients_text(p_alert_id bigint) returns text
language sql stable security definer set search_path = '' as $$
  select string_agg(x.name || coalesce(' — ' || x.note, ''), ', ' order by x.name)
  from (
    select distinct on (o.chat_id)
           case when d.recipient_role = 'team' then 'чат команды' else authz.person_name(o.chat_id, d.chat_id) end as name,
           case o.status when 'sent' then null when 'failed' then 'не доставлено' when 'cancelled' then 'отменено'
                else 'ещё не отправлено' end as note
    from public.alert_deliveries d
    join public.outbox o on o.id = d.outbox_id
    where d.alert_id = p_alert_id
      and ((select authz.sees_all_chats()) or d.chat_id in (select authz.my_chat_ids()))
    order by o.chat_id, d.step desc
  ) x
$$;
comment on function public.alert_recipients_text(bigint) is
  'Names of the people (or the team chat) an alert was sent to, each with a note when its latest copy is not delivered; null for an alert the caller cannot see.';
grant execute on function public.alert_recipients_text(bigint) to authenticated, service_role;

create view public.alert_rows with (security_invoker = true) as
select a.id, a.request_id, a.chat_id, a.kind, a.status, a.escalation_count, a.escalation_interval_minutes,
       a.escalation_max_count, a.next_escalation_at, a.created_at, a.resolved_at, a.resolved_by, a.resolution,
       public.alert_recipients_text(a.id) as recipients,
       (select public.request_late_seconds(r) from public.requests r where r.id = a.request_id) as late_working_seconds
from public.alerts a;
comment on view public.alert_rows is
  'Alerts as the console shows them: who was notified and how late the request is in working seconds (0 while on time).';
grant select on public.alert_rows to authenticated, service_role;

create function public.firm_day_start(p_day date) returns timestamptz
language sql stable security definer set search_path = '' as $$
  select p_day::timestamp at time zone sla.firm_timezone()
$$;
comment on function public.firm_day_start(date) is 'The instant a local day of the firm (its timezone) begins.';
grant execute on function public.firm_day_start(date) to authenticated, service_role;
