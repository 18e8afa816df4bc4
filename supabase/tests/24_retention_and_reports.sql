-- The SLA reports (compliance, average and p95 response in working minutes, per chat, per accountant,
-- by day, metrics gauges), who may see which numbers, the console's resolve, and retention (sla.purge).
begin;
create extension if not exists pgtap with schema extensions;
select plan(22);
\ir helpers/sla_fixture.psql
\ir helpers/act_as.psql

-- Week of Mon 2025-01-06 (MSK = UTC+3). Accountant 800001 works in R1; 800003 is primary in R2 and R3.
--   a  R1  Mon 10:00 → answered 10:30 by 800001     30 min, on time
--   b  R1  Mon 13:00 → answered 14:30 by 800001     90 min, breached (deadline 14:00)
--   c  R1  Tue 10:00 → resolved by hand 10:10        not decided (closed before its deadline)
--   d  R2  Tue 10:00 → never answered                breached at 11:00, counts for R2's primary 800003
--   e  R3  Wed 10:00 → answered 10:20 by 800003     20 min, on time
--   f  R1  Wed 10:00 → answered 10:05 by 800001      5 min, on time
--   g  R4, where the demo accountant@buhbot.local (700003) works, Thu 10:00 → answered 10:10
do $$ begin
  perform pg_temp.chat(-1002000000414, true, 'Р4');
  insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1002000000414, 700003, 'accountant');
  perform pg_temp.chat(-1002000000411, true, 'Р1'), pg_temp.chat(-1002000000412, true, 'Р2'), pg_temp.chat(-1002000000413, true, 'Р3');
  delete from public.chat_staff where chat_id in (-1002000000412, -1002000000413) and telegram_user_id = 800001;
  insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
  values (-1002000000412, 800003, 'accountant', true, 'Бухгалтер Вера'), (-1002000000413, 800003, 'accountant', true, 'Бухгалтер Вера');
  perform pg_temp.ask(-1002000000411, 1, '2025-01-06T07:00:00Z'), pg_temp.say(-1002000000411, 2, 800001, '2025-01-06T07:30:00Z', 'a');
  perform pg_temp.ask(-1002000000411, 3, '2025-01-06T10:00:00Z'), pg_temp.say(-1002000000411, 4, 800001, '2025-01-06T11:30:00Z', 'b');
  perform pg_temp.ask(-1002000000411, 5, '2025-01-07T07:00:00Z');
  perform sla.resolve_request((pg_temp.req(-1002000000411)).id, 'Борис', '2025-01-07T07:10:00Z');
  perform pg_temp.ask(-1002000000412, 1, '2025-01-07T07:00:00Z'), sla.tick('2025-01-07T08:00:01Z');
  perform pg_temp.ask(-1002000000413, 1, '2025-01-08T07:00:00Z'), pg_temp.say(-1002000000413, 2, 800003, '2025-01-08T07:20:00Z', 'e');
  perform pg_temp.ask(-1002000000411, 6, '2025-01-08T07:00:00Z'), pg_temp.say(-1002000000411, 7, 800001, '2025-01-08T07:05:00Z', 'f');
  perform pg_temp.ask(-1002000000414, 1, '2025-01-09T07:00:00Z'), pg_temp.say(-1002000000414, 2, 700003, '2025-01-09T07:10:00Z', 'g');
end $$;
create function pg_temp.rows(p_query text) returns text language plpgsql as $$
declare v text;
begin
  execute format('select string_agg(t::text, '' / '') from (%s) t', p_query) into v;
  return v;
end $$;

select is(pg_temp.rows($$select scope, requests, decided, on_time, breached, compliance_pct, avg_response_minutes, p95_response_minutes
                         from public.sla_report('2025-01-05T21:00Z', '2025-01-08T21:00Z') where scope = 'total'$$),
          '(total,6,5,3,2,60.0,36.3,81.0)', 'total: 3 on time of 5 decided = 60 %, average 36.3 and p95 81 working minutes');
select is(pg_temp.rows($$select chat_id, title, requests, decided, on_time, breached, compliance_pct, avg_response_minutes, p95_response_minutes
                         from public.sla_report_by_chat('2025-01-05T21:00Z', '2025-01-08T21:00Z')$$),
          '(-1002000000412,Р2,1,1,0,1,0.0,,) / (-1002000000411,Р1,4,3,2,1,66.7,41.7,84.0) / (-1002000000413,Р3,1,1,1,0,100.0,20.0,20.0)',
          'per chat, worst compliance first; the manually resolved request is counted but not decided');
select is(pg_temp.rows($$select telegram_user_id, name, requests, decided, on_time, breached, compliance_pct, avg_response_minutes
                         from public.sla_report_by_accountant('2025-01-05T21:00Z', '2025-01-08T21:00Z')$$),
          '(800003,"Бухгалтер Вера",2,2,1,1,50.0,20.0) / (800001,"Бухгалтер Анна",4,3,2,1,66.7,41.7)',
          'per accountant: who answered; an unanswered breach counts for the chat''s primary accountant');
select is(pg_temp.rows($$select * from public.sla_report_by_day('2025-01-05T21:00Z', '2025-01-08T21:00Z')$$),
          '(2025-01-06,2,1,1,50.0,60.0) / (2025-01-07,2,0,1,0.0,) / (2025-01-08,2,2,0,100.0,12.5)',
          'by Moscow day: requests received, answers on time and breaches on the day they happened');
select is(public.sla_metrics('2025-01-07T12:00:00Z'),
          '{"open_alerts": 1, "open_requests": 1, "breaches_today": 1, "warnings_today": 0, "compliance_ratio": 0.3333}',
          'metrics: open requests and breach alerts, today''s breaches, 30-day compliance ratio');
select is(pg_temp.rows($$select requests, decided, compliance_pct from public.sla_report('2025-02-01', '2025-03-01') where scope = 'total'$$),
          '(0,0,)', 'an empty range: zero requests, compliance unknown rather than 0 %');

-- Reports read through RLS: an accountant gets her own chats' numbers only.
select is(tests.as_user('accountant', $$select requests from public.sla_report('2025-01-01', '2025-02-01') where scope = 'total'$$), '1',
          'an accountant''s report covers her own chats only');
select is(tests.as_user('observer', $$select requests from public.sla_report('2025-01-01', '2025-02-01') where scope = 'total'$$), '7',
          'an observer sees every chat');
select is(tests.as_user('manager', $$select count(*) from public.sla_report_by_chat('2025-01-01', '2025-02-01')$$), '4',
          'so does a manager');
select is(tests.as_user('accountant', $$select public.sla_metrics('2025-01-07T12:00:00Z') ->> 'open_requests'$$), '0',
          'metrics read through RLS too');
select ok(not has_function_privilege('anon', 'public.sla_report(timestamptz, timestamptz)', 'execute'), 'anon cannot run reports');

-- The console's resolve: managers, or an accountant of the request's own chat; never an observer.
do $$ begin perform pg_temp.ask(-1002000000414, 3, '2025-01-10T07:00:00Z'); end $$;
create temp table open_ids as select (pg_temp.req(-1002000000414)).id own, (pg_temp.req(-1002000000412)).id other;
select is(tests.as_user('accountant', format('public.console_resolve_request(%s)', (select other from open_ids))), 'error 42501',
          'an accountant cannot resolve another chat''s request');
select is(tests.as_user('observer', format('public.console_resolve_request(%s)', (select other from open_ids))), 'error 42501',
          'an observer cannot resolve');
select is(tests.as_user('accountant', format($$public.console_resolve_request(%s) ->> 'ok'$$,
                                               (select own from open_ids))),
          'true', 'an accountant resolves her own chat''s request');
select is((select r.resolved_by from public.requests r where r.id = (select own from open_ids)), 'Ольга Бухгалтер (консоль)',
          'the console records who resolved it');

-- Retention: one year kept. Closed requests, messages, events and finished outbox rows older than the
-- cutoff go; open requests stay; an outbox row whose edit is still pending stays with it.
update public.settings set retention_years = 1;
do $$ begin
  perform pg_temp.ask(-1002000000411, 20, '2025-06-02T07:00:00Z'), pg_temp.say(-1002000000411, 21, 800001, '2025-06-02T07:10:00Z', 'new');
end $$;
insert into public.outbox (kind, chat_id, payload, dedup_key, status, created_at) values
  ('purge_test', 1, '{}', 'purge:old-sent', 'sent', '2025-01-01'), ('purge_test', 1, '{}', 'purge:old-with-edit', 'sent', '2025-01-01'),
  ('purge_test', 1, '{}', 'purge:old-pending', 'pending', '2025-01-01');
insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key, created_at)
select 'purge_test', 1, 'editMessageText', '{}', o.id, 'purge:edit', '2025-01-02' from public.outbox o where o.dedup_key = 'purge:old-with-edit';
select is(sla.purge('2026-03-01T00:00:00Z') - 'messages' - 'events',
          '{"cutoff": "2025-03-01T00:00:00+00:00", "outbox": 1, "requests": 6}', 'purge reports what it deleted');
select is((select array_agg(r.chat_id || ' ' || r.status || ' ' || (r.first_message_row_id is not null) order by r.received_at)
           from public.requests r where r.received_at < '2026-01-01'),
          '{"-1002000000412 open false","-1002000000414 resolved false","-1002000000411 answered true"}',
          'open requests stay (their old messages go); recent ones stay, and so does the one the console closed today (server clock)');
select is((select count(*) from public.messages m where m.sent_at < '2025-03-01'), 0::bigint, 'old messages are gone');
select is((select count(*) from public.messages m where m.sent_at between '2025-03-01' and '2026-01-01'), 2::bigint, 'recent messages stay');
select is((select count(*) from public.sla_events e where e.at < '2025-03-01'), 0::bigint, 'old SLA events are gone');
select is((select array_agg(o.dedup_key order by o.id) from public.outbox o where o.kind = 'purge_test'),
          '{purge:old-with-edit,purge:old-pending,purge:edit}', 'finished old outbox rows go; pending ones and originals of pending edits stay');

-- pg_cron runs the two clocks every minute and one retention job daily, which calls every purge.
select is((select array_agg(j.jobname || ' ' || j.schedule || ' ' || j.command order by j.jobname) from cron.job j),
          '{"daily-purge 17 3 * * * select sla.daily_purge()","feedback-tick * * * * * select feedback.tick()","sla-tick * * * * * select sla.tick()"}',
          'the scheduled jobs: both clocks and one daily purge');

select * from finish();
rollback;
