-- The queue's figures: working time left before a deadline (a table of cases), the SLA state of an open
-- request, and the console's views of requests and alerts as each role reads them.
begin;
create extension if not exists pgtap with schema extensions;
select plan(34);
\ir helpers/sla_fixture.psql
\ir helpers/act_as.psql

-- A. Time left = working seconds from now to breach_at, negative (minus the working seconds since) after
-- it. Default schedule: Moscow (UTC+3), Mon–Fri 09:00–18:00. Mon 2026-12-07 … Sun 2026-12-13.
create temp table cases (what text, schedule text, breach_at timestamptz, now timestamptz, seconds bigint) on commit drop;
insert into cases values
  ('inside working hours',                 'default', '2026-12-07 11:00+03', '2026-12-07 10:15+03',  2700),
  ('overnight: only tomorrow''s hour counts', 'default', '2026-12-08 10:00+03', '2026-12-07 20:00+03',  3600),
  ('across the night',                     'default', '2026-12-08 09:30+03', '2026-12-07 17:30+03',  3600),
  ('weekend: the clock stands still',      'default', '2026-12-14 09:45+03', '2026-12-12 12:00+03',  2700),
  ('exactly at the deadline',              'default', '2026-12-07 11:00+03', '2026-12-07 11:00+03',     0),
  ('breached during the day',              'default', '2026-12-07 10:00+03', '2026-12-07 10:20+03', -1200),
  ('breached on Friday, seen on Saturday', 'default', '2026-12-11 17:30+03', '2026-12-12 12:00+03', -1800),
  ('breached before the night',            'default', '2026-12-07 17:00+03', '2026-12-08 09:10+03', -4200),
  ('24/7 on a Saturday',                   '24x7',    '2026-12-12 13:30+03', '2026-12-12 12:00+03',  5400),
  ('24/7 breached overnight',              '24x7',    '2026-12-12 23:00+03', '2026-12-13 03:00+03', -14400);
select is(sla.working_seconds_left(case c.schedule when '24x7' then sla.get_schedule(null) || '{"is_24x7": true}'
                                                   else sla.get_schedule(null) end, c.breach_at, c.now),
          c.seconds, 'time left: ' || c.what)
from cases c order by c.what;

-- B. The state of an open request: opened Mon 2025-01-06 10:00 MSK, warns at 10:48, breaches at 11:00.
do $$ begin
  perform pg_temp.chat(-1002000000601, true, 'Очередь 1');
  perform pg_temp.ask(-1002000000601, 1, '2025-01-06T07:00:00Z');
end $$;
select is(sla.request_state(pg_temp.req(-1002000000601), '2025-01-06 10:47:59+03'), 'ok', 'state: ok before warn_at');
select is(sla.request_state(pg_temp.req(-1002000000601), '2025-01-06 10:48+03'), 'warning', 'state: warning from warn_at');
select is(sla.request_state(pg_temp.req(-1002000000601), '2025-01-06 11:00+03'), 'warning', 'state: exactly at breach_at is still on time');
select is(sla.request_state(pg_temp.req(-1002000000601), '2025-01-06 11:00:01+03'), 'breached', 'state: breached once breach_at has passed');
select is(sla.request_state(jsonb_populate_record(pg_temp.req(-1002000000601), '{"breached": true}'), '2025-01-06 10:00+03'), 'breached',
          'state: breached when the tick has marked it, whatever the clock');
select is(sla.request_state(jsonb_populate_record(pg_temp.req(-1002000000601), '{"status": "answered"}'),
                            '2025-01-06 12:00+03'), null, 'state: none once closed');

-- C. The views as each role: «Очередь 1» (accountant 800001) and «Очередь 2», where the demo accountant works.
do $$ begin
  perform pg_temp.chat(-1002000000602, true, 'Очередь 2');
  insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1002000000602, 700003, 'accountant');
  perform pg_temp.ask(-1002000000602, 1, now() - interval '10 minutes');
end $$;
create function pg_temp.seen(p_who text, p_query text) returns text language sql as $$ select tests.as_user(p_who, p_query) $$;
select is(pg_temp.seen('manager', $$(select string_agg(chat_title, ', ' order by chat_title) from public.request_rows)$$),
          'Очередь 1, Очередь 2', 'a manager sees every chat''s requests');
select is(pg_temp.seen('observer', $$(select count(*) from public.request_rows)$$), '2', 'an observer reads them all');
select is(pg_temp.seen('accountant', $$(select string_agg(chat_title, ', ') from public.request_rows)$$),
          'Очередь 2', 'an accountant sees only the chats they work in');
select is(pg_temp.seen('accountant', $$(select mine from public.request_rows)$$), 'true', 'and they are the accountant''s own');
select is(pg_temp.seen('manager', $$(select bool_or(mine) from public.request_rows)$$), 'false', 'a manager works in neither chat');
select is(pg_temp.seen('manager', $$(select concat_ws(' | ', client_name, question, accountant_name)
                                     from public.request_rows where chat_id = -1002000000601)$$),
          'Клиент Иван | Когда будет готова декларация? | Бухгалтер Анна', 'client, question and responsible accountant');
select is(pg_temp.seen('accountant', $$(select working_seconds_left from public.request_rows)$$)::bigint,
          (select sla.working_seconds_left(sla.schedule_of(r.schedule_id), r.breach_at, now()) from public.requests r where r.chat_id = -1002000000602),
          'time left is the server''s figure at its own clock');
select is(pg_temp.seen('manager', $$(select sla_state from public.request_rows where chat_id = -1002000000601)$$),
          'breached', 'a request of 2025 is long breached');
select is(pg_temp.seen('manager', $$(select working_seconds_left < 0 from public.request_rows where chat_id = -1002000000601)$$),
          'true', 'and its time left is negative');
select is(pg_temp.seen('observer', $$(select count(*) from public.request_rows where mine)$$), '0', 'the observer works in no chat');
select is(pg_temp.seen('observer', $$(with d as (delete from public.request_rows returning 1) select count(*) from d)$$),
          'error 0A000', 'the view cannot be written through');

-- D. Alerts: who was notified and how late. «Очередь 1» breaches at 11:00; the tick raises the alert;
-- the manager's copy is delivered, the accountant's not yet; the answer comes at 11:30 (30 working minutes late).
do $$ begin
  perform sla.tick('2025-01-06T08:00:01Z');
  update public.outbox o set status = 'sent', telegram_message_id = 1 where o.kind = 'breach' and o.chat_id = 800002;
end $$;
select is(pg_temp.seen('manager', $$(select recipients from public.alert_rows where chat_id = -1002000000601 and kind = 'breach')$$),
          'Бухгалтер Анна — ещё не отправлено, Руководитель Борис', 'who was notified, with the copy not yet sent marked');
select is(pg_temp.seen('observer', $$(select recipients from public.alert_rows where kind = 'breach')$$),
          'Бухгалтер Анна — ещё не отправлено, Руководитель Борис', 'the observer reads the recipients too');
select ok(pg_temp.seen('manager', $$(select late_working_seconds from public.alert_rows where kind = 'breach')$$)::bigint > 0,
          'an open breach is late by the working time since breach_at');
do $$ begin perform pg_temp.say(-1002000000601, 2, 800001, '2025-01-06T08:30:00Z', 'Готово'); end $$;
select is(pg_temp.seen('manager', $$(select late_working_seconds from public.alert_rows where kind = 'breach')$$), '1800',
          'answered at 11:30: 30 working minutes late, frozen');
select is(pg_temp.seen('accountant', $$(select count(*) from public.alert_rows)$$), '0',
          'an accountant sees no alert of another accountant''s chat');
select is(pg_temp.seen('accountant', format('public.alert_recipients_text(%s)',
                                            (select id from public.alerts where kind = 'breach'))), null,
          'nor its recipients by calling the function directly');

-- E. The firm's day starts at its local midnight.
select is(public.firm_day_start('2026-12-07'), '2026-12-07 00:00+03'::timestamptz, 'the firm''s day starts at midnight Moscow time');

select * from finish();
rollback;
