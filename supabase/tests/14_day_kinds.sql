-- Day kinds of the production calendar, table-driven: transfers (a weekend date works with each chat's own
-- hours of a weekday) and short days (the working day ends an hour earlier), on the seeded Russian
-- calendar of 2025–2026 and on chats' own calendars; how one day's hours are shortened; and the request's
-- snapshot carrying both kinds.
begin;
create extension if not exists pgtap with schema extensions;

create function pg_temp.week(p_weekdays int[], p_intervals jsonb) returns jsonb language sql as $$
  select jsonb_object_agg(d, case when d = any (p_weekdays) then p_intervals else '[]' end) from generate_series(1, 7) d
$$;
create function pg_temp.moscow(p_weekdays int[], p_intervals jsonb, p_extra jsonb default '{}') returns jsonb language sql as $$
  select jsonb_build_object('timezone', 'Europe/Moscow', 'week', pg_temp.week(p_weekdays, p_intervals)) || p_extra
$$;

-- name → chat (own calendar; null = follows the global, seeded production calendar)
create temp table chats_under_test (name text primary key, chat_id bigint not null, doc jsonb);
insert into chats_under_test values
  ('global',             -1001400000001, null),
  ('10-19',              -1001400000002, pg_temp.moscow('{1,2,3,4,5}', '[["10:00","19:00"]]')),
  ('lunch',              -1001400000003, pg_temp.moscow('{1,2,3,4,5}', '[["09:00","13:00"],["14:00","18:00"]]')),
  ('weekends 10-16',     -1001400000004, pg_temp.moscow('{6,7}', '[["10:00","16:00"]]')),
  ('Tue-Fri',            -1001400000005, pg_temp.moscow('{2,3,4,5}', '[["09:00","18:00"]]')),
  ('24/7',               -1001400000006, '{"timezone": "Europe/Moscow", "is_24x7": true}'),
  ('own workday',        -1001400000007, pg_temp.moscow('{1,2,3,4,5}', '[["09:00","18:00"]]', '{"workdays": {"2026-04-30": [["10:00","19:00"]]}}')),
  ('own holiday 1 Nov',  -1001400000008, pg_temp.moscow('{1,2,3,4,5}', '[["09:00","18:00"]]', '{"holidays": ["2025-11-01"]}')),
  ('own kinds',          -1001400000009, pg_temp.moscow('{1,2,3,4,5}', '[["09:00","18:00"]]',
                                           '{"transfers": {"2026-01-03": 5}, "short_days": ["2026-03-06", "2026-01-03"]}')),
  ('Vladivostok',        -1001400000010, '{"timezone": "Asia/Vladivostok", "week": {"1": [["09:00","18:00"]], "2": [["09:00","18:00"]],
                                           "3": [["09:00","18:00"]], "4": [["09:00","18:00"]], "5": [["09:00","18:00"]]}}');
insert into public.chats (id, title) select chat_id, name from chats_under_test;
select sla.set_schedule(chat_id, doc) from chats_under_test where doc is not null \g /dev/null

-- Working time of one whole local date, and which hours the date has.
create temp table days (chat text, day date, minutes integer, what text);
insert into days values
  ('global',            '2026-04-30', 8 * 60, 'Thu 30 Apr 2026, short day: 09:00-17:00'),
  ('global',            '2025-11-01', 8 * 60, 'Sat 1 Nov 2025 works as Monday, shortened: 09:00-17:00'),
  ('global',            '2025-11-03', 0,      'Mon 3 Nov 2025, the day off moved from the Saturday'),
  ('global',            '2026-01-10', 0,      'an ordinary Saturday'),
  ('10-19',             '2026-04-30', 8 * 60, '10:00-19:00 works 10:00-18:00 on 30 Apr 2026'),
  ('10-19',             '2025-11-01', 8 * 60, 'Sat 1 Nov 2025 with its Monday hours 10:00-19:00, shortened'),
  ('10-19',             '2026-04-29', 9 * 60, 'Wed 29 Apr 2026 is an ordinary day'),
  ('lunch',             '2026-04-30', 7 * 60, 'the lunch break stays: 09:00-13:00, 14:00-17:00'),
  ('lunch',             '2025-11-01', 7 * 60, 'Saturday with Monday''s two intervals, shortened'),
  ('weekends 10-16',    '2026-04-30', 0,      'a weekend-only chat does not work the short Thursday'),
  ('weekends 10-16',    '2025-11-01', 5 * 60, 'a chat already working Saturdays keeps its own hours, shortened'),
  ('weekends 10-16',    '2026-05-09', 0,      'Victory Day (a Saturday) is a holiday for it too'),
  ('Tue-Fri',           '2025-11-01', 0,      'no Monday hours: the transfer Saturday does not work'),
  ('24/7',              '2026-04-30', 24 * 60, '24/7 ignores short days'),
  ('24/7',              '2026-01-01', 24 * 60, '24/7 ignores holidays'),
  ('own workday',       '2026-04-30', 9 * 60, 'the chat''s own workday wins over the global short day'),
  ('own holiday 1 Nov', '2025-11-01', 0,      'the chat''s own holiday cancels the global transfer and short day'),
  ('own kinds',         '2026-01-03', 8 * 60, 'own transfer (works as Friday) on a global holiday, own short day'),
  ('own kinds',         '2026-03-06', 8 * 60, 'own short day: Fri 6 Mar 2026 09:00-17:00'),
  ('Vladivostok',       '2026-04-30', 8 * 60, 'the global short day is a date in the chat''s timezone');

-- Deadlines across day kinds.
create temp table deadlines (chat text, received timestamptz, minutes integer, breach timestamptz, what text);
insert into deadlines values
  ('10-19',  '2026-04-30T14:30Z', 60, '2026-05-04T07:30Z', 'Thu 30 Apr 17:30: 30 min that day, breach Mon 4 May 10:30'),
  ('global', '2026-04-30T13:30Z', 30, '2026-04-30T14:00Z', 'Thu 30 Apr 16:30 + 30 min → 17:00, the short day''s very end'),
  ('global', '2025-10-31T14:30Z', 60, '2025-11-01T06:30Z', 'Fri 31 Oct 2025 17:30 → the working Saturday 09:30'),
  ('lunch',  '2025-11-01T13:30Z', 60, '2025-11-05T06:30Z', 'Sat 1 Nov 16:30 → 17:00, then Wed 5 Nov 09:30'),
  ('24/7',   '2026-04-30T20:30Z', 60, '2026-04-30T21:30Z', '24/7 over midnight into a holiday');

-- sla.shorten_day: the last 60 minutes go.
create temp table shortened (intervals jsonb, expected jsonb, what text);
insert into shortened values
  ('[["09:00","18:00"]]',                   '[["09:00","17:00"]]',                   'one interval'),
  ('[["09:00","13:00"],["14:00","18:00"]]', '[["09:00","13:00"],["14:00","17:00"]]', 'the last of two'),
  ('[["09:00","13:00"],["17:00","18:00"]]', '[["09:00","13:00"]]',                   'a last interval of exactly 60 minutes disappears'),
  ('[["09:00","13:00"],["17:30","18:00"]]', '[["09:00","12:30"]]',                   'a shorter one disappears, the rest from the one before'),
  ('[["09:00","09:20"],["10:00","10:30"]]', '[]',                                    'a day shorter than an hour disappears'),
  ('[["22:00","24:00"]]',                   '[["22:00","23:00"]]',                   'an end at 24:00'),
  ('[]',                                    '[]',                                    'no hours');

select plan((select count(*)::int from days) + (select count(*)::int from deadlines) + (select count(*)::int from shortened) + 6);

select is(sla.working_seconds(c.chat_id, (d.day::timestamp at time zone z.zone), ((d.day + 1)::timestamp at time zone z.zone)),
          d.minutes * 60::bigint, format('%s, %s: %s min', d.chat, d.what, d.minutes))
from days d join chats_under_test c on c.name = d.chat
cross join lateral (select sla.get_schedule(c.chat_id) ->> 'timezone' as zone) z
order by d.chat, d.day;

select is(sla.breach_at(c.chat_id, d.received, d.minutes), d.breach, format('%s, %s', d.chat, d.what))
from deadlines d join chats_under_test c on c.name = d.chat order by d.chat, d.received;

select is(sla.shorten_day(s.intervals), s.expected, 'shorten_day: ' || s.what) from shortened s order by s.what;

-- The documents carry both kinds.
select is(sla.get_schedule(null) -> 'transfers', '{"2025-11-01": 1}'::jsonb, 'the seeded calendar: Saturday 1 Nov 2025 works as Monday');
select is(sla.get_schedule(-1001400000009) - 'week' - 'holidays',
          '{"timezone": "Europe/Moscow", "is_24x7": false, "workdays": {}, "transfers": {"2025-11-01": 1, "2026-01-03": 5},
            "short_days": ["2025-03-07", "2025-04-30", "2025-06-11", "2025-11-01", "2026-01-03", "2026-03-06", "2026-04-30",
                           "2026-05-08", "2026-06-11", "2026-11-03", "2027-02-22", "2027-04-30", "2027-06-11", "2027-11-03", "2027-12-31"]}'::jsonb,
          'a chat''s effective document merges its own transfers and short days with the global ones');
select ok(not (sla.get_schedule(-1001400000009) -> 'holidays') ? '2026-01-03', 'a chat''s own transfer removes the global holiday on that date');
select is(sla.get_schedule(-1001400000008) -> 'transfers', '{}'::jsonb, 'a chat''s own holiday removes the global transfer');
select is(sla.get_schedule(-1001400000006) - 'week', '{"timezone": "Europe/Moscow", "is_24x7": true, "holidays": [], "workdays": {},
                                                        "transfers": {}, "short_days": []}'::jsonb, 'a 24/7 chat takes no global day kind');

-- A request snapshots the kinds with the rest of the schedule (the fixture replaces the global calendar).
\ir helpers/sla_fixture.psql
select pg_temp.chat(-1001400000020) \g /dev/null
select sla.set_schedule(-1001400000020, pg_temp.moscow('{1,2,3,4,5}', '[["10:00","19:00"]]', '{"short_days": ["2026-04-30"]}')) \g /dev/null
select pg_temp.ask(-1001400000020, 1, '2026-04-30T14:30Z') \g /dev/null
select sla.set_schedule(-1001400000020, pg_temp.moscow('{1,2,3,4,5}', '[["10:00","19:00"]]')) \g /dev/null
select is(format('%s %s', sla.schedule_of((pg_temp.req(-1001400000020)).schedule_id) -> 'short_days', (pg_temp.req(-1001400000020)).breach_at at time zone 'UTC'),
          '["2026-04-30"] 2026-05-01 07:30:00', 'the request keeps its snapshot and deadline after the chat''s short day is removed');

select * from finish();
rollback;
