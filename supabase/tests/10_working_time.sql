-- Working time, table-driven: every working-time (M-*) and breach (D-*, T-*, X-*) acceptance vector,
-- the warning instants, and our own cases (lunch breaks, Sunday work, 24:00 ends, DST both ways, long
-- spans, 24/7, exact interval ends, fractions of a second, calendars without working time, interval ends
-- inside an hour that DST skips or repeats).
-- Every schedule is set up here: the global calendar becomes the vectors' "default" (no holidays), so the
-- seeded production calendar does not leak in. Times are pinned; nothing reads the clock.
begin;
create extension if not exists pgtap with schema extensions;

-- A schedule document: weekdays → intervals, plus holidays / workdays / 24/7.
create function pg_temp.doc(p_timezone text, p_weekdays int[], p_intervals jsonb, p_holidays jsonb default '[]',
                            p_workdays jsonb default '{}', p_is_24x7 boolean default false) returns jsonb
language sql as $$
  select jsonb_build_object('timezone', p_timezone, 'is_24x7', p_is_24x7, 'holidays', p_holidays, 'workdays', p_workdays,
    'week', (select jsonb_object_agg(d, case when d = any (p_weekdays) then p_intervals else '[]' end) from generate_series(1, 7) d))
$$;

-- name → chat (own calendar = doc; null doc = no own calendar, i.e. the global one)
create temp table schedules (name text primary key, chat_id bigint not null, doc jsonb);
insert into schedules values
  ('default',            -1009100000000, null),
  ('holiday 2025-01-06', -1009100000001, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]', '["2025-01-06"]')),
  ('holiday 2025-01-13', -1009100000002, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]', '["2025-01-13"]')),
  ('24/7',               -1009100000003, pg_temp.doc('Europe/Moscow', '{}', '[]', p_is_24x7 => true)),
  ('Sat+Sun 10-16',      -1009100000004, pg_temp.doc('Europe/Moscow', '{6,7}', '[["10:00","16:00"]]')),
  ('Yekaterinburg',      -1009100000005, pg_temp.doc('Asia/Yekaterinburg', '{1,2,3,4,5}', '[["09:00","18:00"]]')),
  ('Vladivostok',        -1009100000006, pg_temp.doc('Asia/Vladivostok', '{1,2,3,4,5}', '[["09:00","18:00"]]')),
  ('New Year holidays',  -1009100000007, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]',
     '["2024-12-31","2025-01-01","2025-01-02","2025-01-03","2025-01-04","2025-01-05","2025-01-06","2025-01-07","2025-01-08"]')),
  ('Berlin',             -1009100000008, pg_temp.doc('Europe/Berlin', '{1,2,3,4,5}', '[["09:00","18:00"]]')),
  ('November 2025',      -1009100000009, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]',
     '["2025-11-03","2025-11-04"]', '{"2025-11-01":[["09:00","18:00"]]}')),
  ('lunch',              -1009100000010, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","13:00"],["14:00","18:00"]]')),
  ('with Sunday',        -1009100000011, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]')
                                         || '{"week":{"1":[["09:00","18:00"]],"2":[["09:00","18:00"]],"3":[["09:00","18:00"]],
                                              "4":[["09:00","18:00"]],"5":[["09:00","18:00"]],"6":[],"7":[["10:00","14:00"]]}}'),
  ('evenings to 24:00',  -1009100000012, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5,6,7}', '[["18:00","24:00"]]')),
  ('around midnight',    -1009100000013, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5,6,7}', '[["00:00","02:00"],["22:00","24:00"]]')),
  ('Berlin all day',     -1009100000014, pg_temp.doc('Europe/Berlin', '{1,2,3,4,5,6,7}', '[["00:00","24:00"]]')),
  -- Interval ends and starts inside the hour a DST change skips or repeats.
  ('London DST night',   -1009100000015, pg_temp.doc('Europe/London', '{7}', '[["00:00","01:30"],["02:00","24:00"]]')),
  ('New York DST night', -1009100000016, pg_temp.doc('America/New_York', '{7}', '[["02:30","03:15"],["09:00","18:00"]]')),
  ('Berlin repeated',    -1009100000017, pg_temp.doc('Europe/Berlin', '{7}', '[["00:00","02:30"]]'));

insert into public.chats (id, title) select chat_id, name from schedules;
select sla.set_schedule(null, pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]')) \g /dev/null
select sla.set_schedule(chat_id, doc) from schedules where doc is not null \g /dev/null

-- working_seconds(chat, from, to) in minutes
create temp table working (id text primary key, schedule text, from_at timestamptz, to_at timestamptz, minutes numeric, what text);
insert into working values
  ('M-1',  'default',            '2025-01-06T07:00Z', '2025-01-06T08:00Z',   60, 'Mon 10:00 → 11:00'),
  ('M-2',  'default',            '2025-01-06T14:00Z', '2025-01-07T07:00Z',  120, 'Mon 17:00 → Tue 10:00'),
  ('M-3',  'default',            '2025-01-10T14:55Z', '2025-01-13T06:05Z',   10, 'Fri 17:55 → Mon 09:05'),
  ('M-4',  'default',            '2025-01-06T04:00Z', '2025-01-06T07:00Z',   60, 'Mon 07:00 → 10:00'),
  ('M-5',  'default',            '2025-01-06T07:00Z', '2025-01-06T16:00Z',  480, 'Mon 10:00 → 19:00'),
  ('M-6',  'default',            '2025-01-10T15:00Z', '2025-01-13T06:00Z',    0, 'Fri 18:00 → Mon 09:00'),
  ('M-7',  'holiday 2025-01-06', '2025-01-06T07:00Z', '2025-01-07T07:00Z',   60, 'Mon (holiday) 10:00 → Tue 10:00'),
  ('M-8',  'default',            '2025-01-06T10:00Z', '2025-01-06T08:00Z',    0, 'to < from'),
  ('M-9',  '24/7',               '2025-01-11T22:00Z', '2025-01-12T01:00Z',  180, 'Sun 01:00 → 04:00'),
  ('M-10', 'default',            '2025-01-06T06:00Z', '2025-01-10T15:00Z', 2700, 'Mon 09:00 → Fri 18:00'),
  ('M-11', 'default',            '2025-01-06T07:00Z', '2025-01-06T07:00Z',    0, 'same instant'),
  ('own-lunch-day',     'lunch',             '2025-01-06T06:00Z', '2025-01-06T15:00Z',   480, 'Mon 09:00 → 18:00 minus lunch'),
  ('own-lunch-inside',  'lunch',             '2025-01-06T10:15Z', '2025-01-06T10:45Z',     0, 'Mon 13:15 → 13:45, all lunch'),
  ('own-lunch-across',  'lunch',             '2025-01-06T09:30Z', '2025-01-06T11:30Z',    60, 'Mon 12:30 → 14:30'),
  ('own-sunday',        'with Sunday',       '2025-01-10T14:00Z', '2025-01-13T07:00Z',   60 + 240 + 60, 'Fri 17:00 → Mon 10:00 over a working Sunday'),
  ('own-24:00',         'evenings to 24:00', '2025-01-06T20:00Z', '2025-01-07T16:00Z',    60 + 60, 'Mon 23:00 → Tue 19:00'),
  ('own-midnight',      'around midnight',   '2025-01-06T18:30Z', '2025-01-06T23:30Z',  120 + 120, 'Mon 21:30 → Tue 02:30'),
  ('own-60-days',       'default',           '2025-01-06T06:00Z', '2025-03-07T06:00Z', 44 * 540, 'Mon 6 Jan 09:00 → Fri 7 Mar 09:00: 44 working days'),
  ('own-24/7-days',     '24/7',              '2025-01-06T00:00Z', '2025-01-16T00:00Z', 10 * 1440, '10 days of 24/7'),
  ('own-dst-spring',    'Berlin',            '2025-03-28T08:00Z', '2025-03-31T16:00Z', 2 * 540, 'Fri 09:00 CET → Mon 18:00 CEST'),
  ('own-dst-autumn',    'Berlin',            '2025-10-24T07:00Z', '2025-10-27T17:00Z', 2 * 540, 'Fri 09:00 CEST → Mon 18:00 CET'),
  ('own-dst-23h-day',   'Berlin all day',    '2025-03-29T23:00Z', '2025-03-30T22:00Z',   23 * 60, 'Sun 30 Mar 2025, local midnight to midnight'),
  ('own-dst-25h-day',   'Berlin all day',    '2025-10-25T22:00Z', '2025-10-26T23:00Z',   25 * 60, 'Sun 26 Oct 2025, local midnight to midnight'),
  ('own-workday-sat',   'November 2025',     '2025-10-31T14:00Z', '2025-11-05T07:00Z',   60 + 540 + 60, 'Fri 17:00 → Wed 10:00: Sat works, Mon+Tue off'),
  ('own-fraction',      'default',           '2025-01-06T07:00:00.5Z', '2025-01-06T07:01:00Z', 59 / 60.0, '59.5 s of work floors to 59 s'),
  ('dst-skipped-end',   'London DST night',  '2025-03-30T00:00Z', '2025-03-30T23:00Z',   23 * 60, 'Sun 30 Mar 2025: 01:30 is skipped, the 23-hour day is 23 hours of work, not 23.5'),
  ('dst-skipped-start', 'New York DST night', '2025-03-09T05:00Z', '2025-03-09T14:00Z',  15 + 60, 'Sun 9 Mar 2025: 02:30-03:15 is 03:00-03:15 EDT, then 09:00-10:00'),
  ('dst-repeated-end',  'Berlin repeated',   '2025-10-25T22:00Z', '2025-10-26T02:00Z',   3.5 * 60, 'Sun 26 Oct 2025: 02:30 is read as its later instant (CET)');

-- breach_at(chat, received, T)
create temp table deadlines (id text primary key, schedule text, received timestamptz, minutes integer, breach timestamptz, what text);
insert into deadlines values
  ('D-2',  'default',            '2025-01-06T07:00Z', 60, '2025-01-06T08:00Z', 'Mon 10:00'),
  ('D-3',  'default',            '2025-01-10T14:55Z', 10, '2025-01-13T06:05Z', 'Fri 17:55'),
  ('D-5',  'default',            '2025-01-10T15:05Z', 60, '2025-01-13T07:00Z', 'Fri 18:05'),
  ('D-7',  'holiday 2025-01-13', '2025-01-10T14:50Z', 20, '2025-01-14T06:10Z', 'Fri 17:50, Monday a holiday'),
  ('T-3',  'default',            '2025-01-31T14:30Z', 60, '2025-02-03T06:30Z', 'Fri 17:30'),
  ('T-4',  'default',            '2025-01-31T17:00Z', 60, '2025-02-03T07:00Z', 'Fri 20:00'),
  ('T-5',  'Sat+Sun 10-16',      '2025-02-01T07:30Z', 60, '2025-02-01T08:30Z', 'Sat 10:30'),
  ('T-6',  'Sat+Sun 10-16',      '2025-02-01T12:30Z', 60, '2025-02-02T07:30Z', 'Sat 15:30'),
  ('T-10', 'default',            '2025-01-29T03:00Z', 60, '2025-01-29T07:00Z', 'Wed 06:00'),
  ('X-1',  'default',            '2025-01-10T14:00Z', 60, '2025-01-10T15:00Z', 'Fri 17:00 → the day''s end, not Monday'),
  ('X-2',  'Yekaterinburg',      '2025-01-06T03:30Z', 60, '2025-01-06T05:00Z', 'Mon 08:30 +05'),
  ('X-3',  'Vladivostok',        '2025-01-10T07:30Z', 60, '2025-01-12T23:30Z', 'Fri 17:30 +10 → Monday local, Sunday UTC'),
  ('X-5',  'New Year holidays',  '2024-12-30T14:00Z', 120, '2025-01-09T07:00Z', 'Mon 17:00 before the New Year holidays'),
  ('X-6',  'Berlin',             '2025-03-28T16:30Z', 60, '2025-03-31T07:30Z', 'Fri 17:30 CET, DST starts Sunday'),
  ('X-7',  'November 2025',      '2025-10-31T14:30Z', 60, '2025-11-01T06:30Z', 'Fri 17:30, working Saturday'),
  ('W-1',  'default',            '2025-01-06T07:00Z', 48, '2025-01-06T07:48Z', 'warning at 80 % of 60: Mon 10:00 → 10:48'),
  ('W-2',  'default',            '2025-01-31T14:30Z', 48, '2025-02-03T06:18Z', 'warning at 80 % of 60: Fri 17:30 → Mon 09:18'),
  ('own-lunch-skip',    'lunch',             '2025-01-06T09:30Z', 60, '2025-01-06T11:30Z', 'Mon 12:30 → 14:30 across lunch'),
  ('own-lunch-end',     'lunch',             '2025-01-06T09:00Z', 60, '2025-01-06T10:00Z', 'Mon 12:00 → 13:00, lunch start, not 14:00'),
  ('own-in-lunch',      'lunch',             '2025-01-06T10:30Z', 30, '2025-01-06T11:30Z', 'Mon 13:30 (lunch) → 14:30'),
  ('own-sunday',        'with Sunday',       '2025-01-10T14:30Z', 60, '2025-01-12T07:30Z', 'Fri 17:30 → Sun 10:30'),
  ('own-saturday-in',   'with Sunday',       '2025-01-11T09:00Z', 60, '2025-01-12T08:00Z', 'Sat 12:00 → Sun 11:00'),
  ('own-24:00',         'evenings to 24:00', '2025-01-06T20:30Z', 60, '2025-01-07T15:30Z', 'Mon 23:30 → Tue 18:30'),
  ('own-at-24:00',      'evenings to 24:00', '2025-01-06T20:00Z', 60, '2025-01-06T21:00Z', 'Mon 23:00 → 24:00 exactly'),
  ('own-midnight',      'around midnight',   '2025-01-06T20:30Z', 60, '2025-01-06T21:30Z', 'Mon 23:30 → Tue 00:30 without a gap'),
  ('own-60-days',       'default',           '2025-01-06T06:00Z', 44 * 540, '2025-03-06T15:00Z', '44 working days end Thu 6 Mar 18:00'),
  ('own-dst-autumn',    'Berlin',            '2025-10-24T15:30Z', 60, '2025-10-27T08:30Z', 'Fri 17:30 CEST → Mon 09:30 CET'),
  ('own-dst-23h-day',   'Berlin all day',    '2025-03-29T23:00Z', 23 * 60, '2025-03-30T22:00Z', 'a 23-hour local day is 23 hours of work'),
  ('own-24/7',          '24/7',              '2025-01-11T22:00Z', 180, '2025-01-12T01:00Z', 'Sun 01:00 → 04:00'),
  ('own-zero',          'default',           '2025-01-11T09:00Z',   0, '2025-01-11T09:00Z', 'T = 0 → received, even off hours'),
  ('own-negative',      'default',           '2025-01-06T07:00Z',  -5, '2025-01-06T07:00Z', 'T < 0 → received'),
  ('own-fraction',      'default',           '2025-01-10T14:59:59.25Z', 1, '2025-01-13T06:00:59.25Z', 'fractions of a second carry over'),
  ('dst-skipped-start', 'New York DST night', '2025-03-09T05:00Z', 60, '2025-03-09T13:45Z', 'Sun 9 Mar 2025 00:00 EST: 15 min before the jump ends, 45 min from 09:00 EDT'),
  ('dst-skipped-end',   'London DST night',  '2025-03-30T00:00Z', 120, '2025-03-30T02:00Z', 'Sun 30 Mar 2025 00:00 GMT: 60 min to the jump, 60 min more → 03:00 BST');

-- is_working_time(chat, at)
create temp table instants (schedule text, at timestamptz, working boolean, what text);
insert into instants values
  ('default',           '2025-01-06T06:00Z',        true,  'Mon 09:00, a start is working time'),
  ('default',           '2025-01-06T14:59:59.999Z', true,  'Mon 17:59:59.999'),
  ('default',           '2025-01-06T15:00Z',        false, 'Mon 18:00, an end is not'),
  ('default',           '2025-01-11T09:00Z',        false, 'Sat 12:00'),
  ('holiday 2025-01-06','2025-01-06T09:00Z',        false, 'Mon 12:00 on a holiday'),
  ('lunch',             '2025-01-06T10:30Z',        false, 'Mon 13:30 at lunch'),
  ('November 2025',     '2025-11-01T07:00Z',        true,  'working Saturday 10:00'),
  ('24/7',              '2025-01-12T00:00Z',        true,  'Sun 03:00 in 24/7'),
  ('evenings to 24:00', '2025-01-06T20:59:59Z',     true,  'Mon 23:59:59'),
  ('evenings to 24:00', '2025-01-06T21:00Z',        false, 'Tue 00:00 (Monday''s 24:00)'),
  ('Vladivostok',       '2025-01-12T23:30Z',        true,  'Mon 09:30 +10 while it is Sunday in UTC'),
  ('Berlin',            '2025-03-31T07:00Z',        true,  'Mon 09:00 CEST after the switch'),
  ('Berlin',            '2025-03-31T06:30Z',        false, 'Mon 08:30 CEST (07:30 in CET) is before opening'),
  ('London DST night',  '2025-03-30T00:59Z',        true,  'Sun 00:59 GMT, before the jump'),
  ('New York DST night','2025-03-09T07:00Z',        true,  'Sun 03:00 EDT, the instant of the jump, inside 02:30-03:15'),
  ('New York DST night','2025-03-09T06:59Z',        false, 'Sun 01:59 EST, before 02:30 (skipped) begins');

select plan((select count(*)::int from working) + (select count(*)::int from deadlines) + (select count(*)::int from instants) + 7);

select is(sla.working_seconds(s.chat_id, w.from_at, w.to_at), round(w.minutes * 60)::bigint,
          format('%s working_seconds, %s, %s: %s min', w.id, w.schedule, w.what, w.minutes))
from working w join schedules s on s.name = w.schedule order by w.id;

select is(sla.breach_at(s.chat_id, d.received, d.minutes), d.breach,
          format('%s breach_at, %s, %s + %s min', d.id, d.schedule, d.what, d.minutes))
from deadlines d join schedules s on s.name = d.schedule order by d.id;

select is(sla.is_working_time(s.chat_id, i.at), i.working, format('is_working_time, %s: %s', i.schedule, i.what))
from instants i join schedules s on s.name = i.schedule order by i.at, i.schedule;

-- The snapshot variants give the same answers as the chat variants, row for row.
select is((select count(*)::int from working w join schedules s on s.name = w.schedule
           where sla.working_seconds_in(sla.get_schedule(s.chat_id), w.from_at, w.to_at)
                 is distinct from sla.working_seconds(s.chat_id, w.from_at, w.to_at)), 0,
          'working_seconds_in(snapshot) = working_seconds(chat) on every row');
select is((select count(*)::int from deadlines d join schedules s on s.name = d.schedule
           where sla.breach_at_in(sla.get_schedule(s.chat_id), d.received, d.minutes)
                 is distinct from sla.breach_at(s.chat_id, d.received, d.minutes)), 0,
          'breach_at_in(snapshot) = breach_at(chat) on every row');

-- Unknown chats and the null chat use the global calendar.
select is((select array_agg(sla.working_seconds(c, '2025-01-06T07:00Z', '2025-01-06T08:00Z') order by c)
           from unnest(array[4242, -1009100000000, null]::bigint[]) c), '{3600,3600,3600}'::bigint[],
          'an unknown chat, a chat without a calendar and null all use the global calendar');
select is(sla.breach_at(4242, '2025-01-10T14:00Z', 60), '2025-01-10T15:00Z'::timestamptz, 'breach_at for an unknown chat uses the global calendar');

-- The snapshot variants need no stored calendar at all.
select is(sla.breach_at_in(pg_temp.doc('Europe/Moscow', '{1,2,3,4,5}', '[["09:00","18:00"]]'), '2025-01-10T14:00Z', 60),
          '2025-01-10T15:00Z'::timestamptz, 'breach_at_in works on a document that is stored nowhere');

-- A calendar without any working time cannot give a deadline: a clear error, not an endless loop.
select throws_like(
  $$select sla.breach_at_in('{"timezone":"Europe/Moscow","is_24x7":false,"week":{"1":[]},"holidays":[],"workdays":{}}', '2025-01-06T07:00Z', 60)$$,
  'no working time in the 400 days after%', 'breach_at_in on a calendar without working time raises');
select is(sla.breach_at_in('{"timezone":"Europe/Moscow","is_24x7":false,"week":{"1":[]},"holidays":[],"workdays":{"2026-01-31":[["10:00","11:00"]]}}',
                           '2025-06-01T07:00Z', 60), '2026-01-31T08:00Z'::timestamptz,
          'breach_at_in finds working time 244 idle days away (the bound counts consecutive idle days)');

select * from finish();
rollback;
