-- The fast forms of the reports equal their plain definitions on two weeks of mixed requests: answered
-- in time, answered late (breached), resolved by hand, left to breach and answered days later, asked late
-- in the evening and answered after midnight in the firm's timezone (Moscow), and a chat whose primary
-- accountant changes halfway. sla_report_by_day counts each kind of event per day on its own; its plain
-- definition is one list of events of every kind, grouped by local day. The compliance gauge of
-- sla_metrics counts only two numbers; it must equal the 30-day total of sla_report.
begin;
create extension if not exists pgtap with schema extensions;
select plan(7);
\ir helpers/sla_fixture.psql

do $$
declare
  v_at timestamptz;
  v_msg bigint := 0;
  v_chat bigint;
begin
  perform pg_temp.chat(-1002000000261), pg_temp.chat(-1002000000262), pg_temp.chat(-1002000000263);
  for d in 0..13 loop
    if d = 7 then  -- Р2 gets a new primary accountant: unanswered breaches count for her from now on
      update public.chat_staff set is_primary = false where chat_id = -1002000000262 and telegram_user_id = 800001;
      insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
      values (-1002000000262, 800003, 'accountant', true, 'Бухгалтер Вера');
    end if;
    for c in 1..3 loop
      v_chat := -1002000000260 - c;
      -- From 09:00 to 23:59 Moscow time (06:00–20:59 UTC), a different minute each day and chat.
      v_at := timestamptz '2025-03-03T06:00:00Z' + make_interval(days => d, mins => (c * 37 + d * 53) % 900);
      v_msg := v_msg + 1;
      perform pg_temp.ask(v_chat, v_msg, v_at);
      v_msg := v_msg + 1;
      case (d + c) % 5
        when 0 then perform pg_temp.say(v_chat, v_msg, 800001, v_at + interval '10 minutes', 'Готово');
        when 1 then perform pg_temp.say(v_chat, v_msg, 800001, v_at + interval '5 hours', 'Готово');   -- late
        when 2 then perform sla.resolve_request((pg_temp.req(v_chat)).id, 'Борис', v_at + interval '5 minutes');
        when 3 then perform pg_temp.say(v_chat, v_msg, case when c = 2 and d >= 7 then 800003 else 800001 end,
                                        v_at + interval '25 minutes', 'Готово');  -- after midnight for late questions
        else null;  -- left open: breached by the tick, answered by the next day's answer
      end case;
    end loop;
    perform sla.tick(timestamptz '2025-03-03T21:00:00Z' + make_interval(days => d));
  end loop;
end $$;

-- The plain definition of sla_report_by_day.
create function pg_temp.by_day_plain(p_from timestamptz, p_to timestamptz, p_timezone text)
returns table (day date, requests bigint, answered_on_time bigint, breaches bigint, compliance_pct numeric,
               avg_response_minutes numeric)
language sql as $$
  with days as (
    select d::date as day from generate_series((p_from at time zone p_timezone)::date,
                                               ((p_to at time zone p_timezone) - interval '1 microsecond')::date,
                                               interval '1 day') d
  ), events as (
    select (o.received_at at time zone p_timezone)::date as day, 1 as received, 0 as on_time, 0 as breach, null::numeric as minutes
      from public.request_outcomes o where o.received_at >= p_from and o.received_at < p_to
    union all
    select (o.answered_at at time zone p_timezone)::date, 0, o.on_time::int, 0, o.response_minutes
      from public.request_outcomes o where o.answered_at >= p_from and o.answered_at < p_to
    union all
    select (o.breach_at at time zone p_timezone)::date, 0, 0, 1, null
      from public.request_outcomes o where o.breached and o.breach_at >= p_from and o.breach_at < p_to
  )
  select d.day, coalesce(sum(e.received), 0)::bigint, coalesce(sum(e.on_time), 0)::bigint, coalesce(sum(e.breach), 0)::bigint,
         round(100.0 * sum(e.on_time) / nullif(sum(e.on_time) + sum(e.breach), 0), 1), round(avg(e.minutes), 1)
  from days d left join events e on e.day = d.day
  group by d.day
  order by d.day
$$;

select ok((select count(*) filter (where r.breached) > 3 and count(*) filter (where r.status = 'resolved') > 3
                  and count(*) filter (where (r.answered_at at time zone 'Europe/Moscow')::date
                                             > (r.received_at at time zone 'Europe/Moscow')::date) > 3
             from public.requests r),
          'the fixture has breaches, manual resolutions and answers on a later Moscow day');
select results_eq($$select * from public.sla_report_by_day('2025-03-02T21:00Z', '2025-03-17T21:00Z')$$,
                  $$select * from pg_temp.by_day_plain('2025-03-02T21:00Z', '2025-03-17T21:00Z', 'Europe/Moscow')$$,
                  'by day, Moscow days of the whole fortnight: equals the plain definition');
select results_eq($$select * from public.sla_report_by_day('2025-03-05T13:30Z', '2025-03-12T02:15Z', 'UTC')$$,
                  $$select * from pg_temp.by_day_plain('2025-03-05T13:30Z', '2025-03-12T02:15Z', 'UTC')$$,
                  'by day, a period cut mid-day, in UTC days: equals the plain definition');
select results_eq($$select * from public.sla_report_by_day('2025-03-20T00:00Z', '2025-03-22T00:00Z')$$,
                  $$select * from pg_temp.by_day_plain('2025-03-20T00:00Z', '2025-03-22T00:00Z', 'Europe/Moscow')$$,
                  'by day, a period without events: zero rows per day, like the plain definition');

create temp table one_breach as select r.breach_at as at from public.requests r where r.breached order by r.breach_at limit 1;
select results_eq($$select * from public.sla_report_by_day((select at from one_breach), (select at + interval '1 second' from one_breach))$$,
                  $$select * from pg_temp.by_day_plain((select at from one_breach), (select at + interval '1 second' from one_breach), 'Europe/Moscow')$$,
                  'by day, a period holding only a breach: 0 % on time, like the plain definition');

-- The gauge and the report agree, whenever they are read.
select is((select array_agg(public.sla_metrics(t) -> 'compliance_ratio' order by t)
             from unnest(array['2025-03-06T12:00Z', '2025-03-12T20:59Z', '2025-04-01T00:00Z']::timestamptz[]) t),
          (select array_agg(to_jsonb(round(s.on_time::numeric / nullif(s.decided, 0), 4)) order by t)
             from unnest(array['2025-03-06T12:00Z', '2025-03-12T20:59Z', '2025-04-01T00:00Z']::timestamptz[]) t,
                  public.sla_report(t - interval '30 days', t) s
            where s.scope = 'total'),
          'the compliance gauge equals on time / decided of the 30-day report');
select is(public.sla_metrics('2025-05-01T00:00Z') -> 'compliance_ratio', 'null'::jsonb,
          'nothing decided in the last 30 days: the gauge is null (NaN), not 0');

select * from finish();
rollback;
