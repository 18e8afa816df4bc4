-- =====================================================================================================
-- SLA reports for the console dashboard and the Prometheus metrics, in working minutes.
-- All are security invoker: they read through RLS, so an accountant gets numbers for their own chats
-- only, managers/admins/observers for every chat; the relay (service role) sees everything.
--
-- Definitions (one place, public.request_outcomes):
--   decided    = answered, or breached (still unanswered at breach_at); a request resolved manually
--                before its deadline, or still open before it, is not decided yet
--   on time    = answered and not breached (an answer exactly at breach_at is on time)
--   compliance = on time / decided, in percent (null when nothing is decided)
--   response   = working minutes from the first client message to the accountant's answer (answered
--                requests only); average and 95th percentile (continuous)
--   accountant = who answered; a breached request nobody answered counts for the chat's primary accountant
-- Ranges are [p_from, p_to) on received_at; "by day" counts each event on the local day it happened.
-- =====================================================================================================

-- The accountant a request counts for (who answered, else the chat's primary accountant), once for
-- request_outcomes, the console's request rows and, as a computed column of public.requests, the list's
-- filter (?accountant_telegram_id=eq.N) through which a report row opens its requests. One expression
-- without sub-selects, so the planner inlines it: a filter over a month of requests stays an index scan
-- with a lookup only for the unanswered ones.
create function authz.primary_accountant(p_chat_id bigint) returns bigint
language sql stable set search_path = '' as $$
  select cs.telegram_user_id from public.chat_staff cs where cs.chat_id = p_chat_id and cs.is_primary
$$;
comment on function authz.primary_accountant(bigint) is 'The chat''s primary accountant (Telegram user id), null when it has none.';

create function public.accountant_telegram_id(p_request public.requests) returns bigint
language sql stable security invoker as $$
  select coalesce(p_request.answered_by_telegram_id, authz.primary_accountant(p_request.chat_id))
$$;
comment on function public.accountant_telegram_id(public.requests) is
  'The accountant the request counts for in the reports (who answered, else the chat''s primary accountant).';
grant execute on function public.accountant_telegram_id(public.requests), authz.primary_accountant(bigint) to authenticated, service_role;

create view public.request_outcomes with (security_invoker = true) as
select r.id, r.chat_id, r.status, r.received_at, r.answered_at, r.breach_at, r.breached,
       r.status = 'answered' or r.breached as decided,
       r.status = 'answered' and not r.breached as on_time,
       r.response_working_seconds / 60.0 as response_minutes,
       public.accountant_telegram_id(r) as accountant_telegram_id
from public.requests r;
comment on view public.request_outcomes is
  'Per request: decided, on_time, response minutes and the accountant it counts for (definitions in 20261122002500_reports.sql).';
grant select on public.request_outcomes to authenticated, service_role;

create function public.sla_report(p_from timestamptz, p_to timestamptz)
returns table (scope text, chat_id bigint, accountant_telegram_id bigint, requests bigint, decided bigint,
               on_time bigint, breached bigint, compliance_pct numeric, avg_response_minutes numeric,
               p95_response_minutes numeric)
language sql stable security invoker set search_path = '' as $$
  select case grouping(o.chat_id, o.accountant_telegram_id) when 3 then 'total' when 1 then 'chat' else 'accountant' end,
         o.chat_id, o.accountant_telegram_id, count(*), count(*) filter (where o.decided),
         count(*) filter (where o.on_time), count(*) filter (where o.breached),
         round(100.0 * count(*) filter (where o.on_time) / nullif(count(*) filter (where o.decided), 0), 1),
         round(avg(o.response_minutes), 1),
         round((percentile_cont(0.95) within group (order by o.response_minutes))::numeric, 1)
  from public.request_outcomes o
  where o.received_at >= p_from and o.received_at < p_to
  group by grouping sets ((), (o.chat_id), (o.accountant_telegram_id))
  order by 1 desc, 2, 3
$$;
comment on function public.sla_report(timestamptz, timestamptz) is
  'SLA figures for requests received in [p_from, p_to): the total, per chat and per accountant (scope column). Visible chats only.';

create function public.sla_report_by_chat(p_from timestamptz, p_to timestamptz)
returns table (chat_id bigint, title text, requests bigint, decided bigint, on_time bigint, breached bigint,
               compliance_pct numeric, avg_response_minutes numeric, p95_response_minutes numeric)
language sql stable security invoker set search_path = '' as $$
  select s.chat_id, c.title, s.requests, s.decided, s.on_time, s.breached, s.compliance_pct,
         s.avg_response_minutes, s.p95_response_minutes
  from public.sla_report(p_from, p_to) s left join public.chats c on c.id = s.chat_id
  where s.scope = 'chat'
  order by s.compliance_pct nulls last, s.requests desc
$$;
comment on function public.sla_report_by_chat(timestamptz, timestamptz) is 'SLA figures per chat with its title, worst compliance first.';

create function public.sla_report_by_accountant(p_from timestamptz, p_to timestamptz)
returns table (telegram_user_id bigint, name text, requests bigint, decided bigint, on_time bigint, breached bigint,
               compliance_pct numeric, avg_response_minutes numeric, p95_response_minutes numeric)
language sql stable security invoker set search_path = '' as $$
  select s.accountant_telegram_id, authz.person_name(s.accountant_telegram_id),
         s.requests, s.decided, s.on_time, s.breached, s.compliance_pct, s.avg_response_minutes, s.p95_response_minutes
  from public.sla_report(p_from, p_to) s
  where s.scope = 'accountant' and s.accountant_telegram_id is not null
  order by s.compliance_pct nulls last, s.requests desc
$$;
comment on function public.sla_report_by_accountant(timestamptz, timestamptz) is
  'SLA figures per accountant (who answered, else the chat''s primary accountant for unanswered breaches).';

create function public.sla_report_by_day(p_from timestamptz, p_to timestamptz, p_timezone text default public.firm_timezone())
returns table (day date, requests bigint, answered_on_time bigint, breaches bigint, compliance_pct numeric,
               avg_response_minutes numeric)
language sql stable security invoker set search_path = '' as $$
  -- Each kind of event is counted per day on its own index first, so only a row per day is joined.
  with days as (
    select d::date as day from generate_series((p_from at time zone p_timezone)::date,
                                               ((p_to at time zone p_timezone) - interval '1 microsecond')::date,
                                               interval '1 day') d
  ), received as (
    select (o.received_at at time zone p_timezone)::date as day, count(*) as n
      from public.request_outcomes o where o.received_at >= p_from and o.received_at < p_to group by 1
  ), answered as (
    select (o.answered_at at time zone p_timezone)::date as day, count(*) filter (where o.on_time) as on_time,
           avg(o.response_minutes) as minutes
      from public.request_outcomes o where o.answered_at >= p_from and o.answered_at < p_to group by 1
  ), breached as (
    select (o.breach_at at time zone p_timezone)::date as day, count(*) as n
      from public.request_outcomes o where o.breached and o.breach_at >= p_from and o.breach_at < p_to group by 1
  )
  select d.day, coalesce(r.n, 0), coalesce(a.on_time, 0), coalesce(b.n, 0),
         round(100.0 * coalesce(a.on_time, 0) / nullif(coalesce(a.on_time, 0) + coalesce(b.n, 0), 0), 1), round(a.minutes, 1)
  from days d left join received r on r.day = d.day left join answered a on a.day = d.day left join breached b on b.day = d.day
  order by d.day
$$;
comment on function public.sla_report_by_day(timestamptz, timestamptz, text) is
  'Per local day (p_timezone, by default the firm''s) in [p_from, p_to): requests received, answers on time, breaches (on the day of breach_at), compliance and average response of that day''s answers.';

-- The SLA gauges of the relay's /metrics (names in the contracts: buhbot_sla_*).
create function public.sla_metrics(p_now timestamptz default now())
returns jsonb
language sql stable security invoker set search_path = '' as $$
  with tz as (select public.firm_timezone() as name),
  today as (select (date_trunc('day', p_now at time zone tz.name)) at time zone tz.name as start from tz)
  select jsonb_build_object(
    'open_requests', (select count(*) from public.requests r where r.status = 'open'),
    'open_alerts', (select count(*) from public.alerts a where a.status = 'open' and a.kind = 'breach'),
    'warnings_today', (select count(*) from public.alerts a, today where a.kind = 'warning' and a.created_at >= today.start and a.created_at <= p_now),
    'breaches_today', (select count(*) from public.alerts a, today where a.kind = 'breach' and a.created_at >= today.start and a.created_at <= p_now),
    -- Only the two counts the gauge needs, not the whole report (no per-chat groups, no percentile).
    'compliance_ratio', (select round((count(*) filter (where o.on_time))::numeric / nullif(count(*) filter (where o.decided), 0), 4)
                           from public.request_outcomes o
                          where o.received_at >= p_now - interval '30 days' and o.received_at < p_now))
$$;
comment on function public.sla_metrics(timestamptz) is
  'Gauges for Prometheus: open requests, open breach alerts, warnings and breaches raised since midnight in the firm''s timezone, compliance ratio of the last 30 days (null when nothing was decided).';

grant execute on function public.sla_report(timestamptz, timestamptz), public.sla_report_by_chat(timestamptz, timestamptz),
  public.sla_report_by_accountant(timestamptz, timestamptz), public.sla_report_by_day(timestamptz, timestamptz, text),
  public.sla_metrics(timestamptz) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- /mystats: an accountant's own SLA figures over the last days, with the same definitions as the
-- console's reports (public.request_outcomes): decided = answered or breached; on time = answered and
-- not breached; a request counts for whoever answered it, an unanswered breach for the primary accountant.
-- ---------------------------------------------------------------------------------------------------

create function public.accountant_stats(p_telegram_user_id bigint, p_now timestamptz default now(), p_days integer default 30)
returns jsonb
language sql stable security definer set search_path = '' as $$
  with mine as (
    select o.* from public.request_outcomes o
     where o.accountant_telegram_id = p_telegram_user_id
       and o.received_at >= p_now - make_interval(days => p_days) and o.received_at < p_now
  )
  select jsonb_build_object(
    'days', p_days,
    'chats', (select count(*) from public.chat_staff cs
               where cs.telegram_user_id = p_telegram_user_id and cs.role = 'accountant'),
    'requests', (select count(*) from mine),
    'answered', (select count(*) from mine where status = 'answered'),
    'breached', (select count(*) from mine where breached),
    'compliance_pct', (select round(100.0 * count(*) filter (where on_time) / nullif(count(*) filter (where decided), 0))
                         from mine),
    'avg_response_minutes', (select floor(avg(response_minutes)) from mine),
    'open_now', (select count(*) from public.requests r
                  join public.chat_staff cs on cs.chat_id = r.chat_id
                 where cs.telegram_user_id = p_telegram_user_id and cs.role = 'accountant' and r.status = 'open'))
$$;
comment on function public.accountant_stats(bigint, timestamptz, integer) is
  '/mystats: requests, answered, breached, compliance % and average response (working minutes) of one accountant over p_days, plus open requests in their chats now.';

grant execute on function public.accountant_stats(bigint, timestamptz, integer) to service_role;
