-- The week ahead of a calendar, day by day with why it looks so, as the console's schedule page shows it
-- (public.get_chat_schedule → week_ahead).
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql
select plan(12);

create temp table doc as select '{"timezone": "Europe/Moscow", "is_24x7": false,
  "week": {"1": [["09:00", "13:00"], ["14:00", "18:00"]], "2": [["09:00", "18:00"]], "3": [["09:00", "18:00"]],
           "4": [["09:00", "18:00"]], "5": [["09:00", "18:00"]], "6": [], "7": []},
  "holidays": ["2027-05-03"], "workdays": {"2027-05-05": [["10:00", "12:00"]]},
  "transfers": {"2027-05-08": 1}, "short_days": ["2027-05-07"]}'::jsonb as d;

-- 1. Monday 3 May 2027 onwards, one row per day.
select is(sla.week_ahead((select d from doc), '2027-05-03') -> (n - 1), day, why)
from (values
  (1, '{"date": "2027-05-03", "weekday": 1, "kind": "holiday", "intervals": []}'::jsonb, 'a holiday: no work'),
  (2, '{"date": "2027-05-04", "weekday": 2, "kind": "work", "intervals": [["09:00", "18:00"]]}', 'an ordinary Tuesday'),
  (3, '{"date": "2027-05-05", "weekday": 3, "kind": "own", "intervals": [["10:00", "12:00"]]}', 'a date with its own hours'),
  (4, '{"date": "2027-05-06", "weekday": 4, "kind": "work", "intervals": [["09:00", "18:00"]]}', 'an ordinary Thursday'),
  (5, '{"date": "2027-05-07", "weekday": 5, "kind": "short", "intervals": [["09:00", "17:00"]]}', 'a pre-holiday day ends an hour earlier'),
  (6, '{"date": "2027-05-08", "weekday": 6, "kind": "transfer", "intervals": [["09:00", "13:00"], ["14:00", "18:00"]]}',
      'a Saturday working like a Monday, with the lunch break'),
  (7, '{"date": "2027-05-09", "weekday": 7, "kind": "off", "intervals": []}', 'a Sunday off')
) t (n, day, why);
select is(jsonb_array_length(sla.week_ahead((select d from doc), '2027-05-03')), 7, 'seven days');
select is(sla.week_ahead(jsonb_set((select d from doc), '{is_24x7}', 'true'), '2027-05-03') -> 0,
  '{"date": "2027-05-03", "weekday": 1, "kind": "always", "intervals": [["00:00", "24:00"]]}', '24/7 ignores the holiday');

-- 2. The console gets it for the chat's effective calendar, from today in its timezone (server clock).
select is(tests.as_user('manager', $$public.get_chat_schedule(-1001000000001) -> 'week_ahead'$$)::jsonb,
  sla.week_ahead(sla.get_schedule(-1001000000001), (now() at time zone (sla.get_schedule(-1001000000001) ->> 'timezone'))::date),
  'get_chat_schedule returns the chat''s week ahead from today');
select is(tests.as_user('accountant', $$public.get_chat_schedule(-1001000000001) -> 'week_ahead' -> 0 ->> 'date'$$),
  to_char((now() at time zone (sla.get_schedule(-1001000000001) ->> 'timezone'))::date, 'YYYY-MM-DD'), 'an accountant reads the week ahead of their chat');
select is(tests.as_user('accountant', 'public.get_chat_schedule(-1001000000002)'), 'error 42501', 'but not of another chat');

select * from finish();
rollback;
