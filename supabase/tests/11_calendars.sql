-- Calendars: the seeded Russian production calendar, schedule documents (normalisation, every kind of
-- bad document → its own error and no change), and how a chat's own calendar combines with the global one.
begin;
create extension if not exists pgtap with schema extensions;

create function pg_temp.week(p_weekdays int[], p_intervals jsonb) returns jsonb language sql as $$
  select jsonb_object_agg(d, case when d = any (p_weekdays) then p_intervals else '[]' end) from generate_series(1, 7) d
$$;
create function pg_temp.office(p_extra jsonb default '{}') returns jsonb language sql as $$
  select jsonb_build_object('timezone', 'Europe/Moscow', 'week', pg_temp.week('{1,2,3,4,5}', '[["09:00","18:00"]]')) || p_extra
$$;

-- Bad documents: each must fail with exactly this message (SQLSTATE 22023).
create temp table bad_documents (name text, doc jsonb, message text);
insert into bad_documents values
  ('not an object',        '[]', 'the document must be a JSON object'),
  ('unknown key',          pg_temp.office('{"lunch": true}'), 'unknown key "lunch" (allowed: timezone, is_24x7, week, holidays, workdays, transfers, short_days)'),
  ('no timezone',          pg_temp.office() - 'timezone', 'timezone is required (an IANA name such as "Europe/Moscow")'),
  ('unknown timezone',     pg_temp.office('{"timezone": "Mars/Olympus"}'), 'unknown timezone "Mars/Olympus" (expected an IANA name such as "Europe/Moscow")'),
  ('abbreviation',         pg_temp.office('{"timezone": "MSK"}'), 'unknown timezone "MSK" (expected an IANA name such as "Europe/Moscow")'),
  ('is_24x7 not boolean',  pg_temp.office('{"is_24x7": "yes"}'), 'is_24x7 must be true or false'),
  ('week not an object',   pg_temp.office('{"week": []}'), 'week must be an object of weekdays "1" (Monday) … "7" (Sunday)'),
  ('weekday 8',            pg_temp.office('{"week": {"8": [["09:00","18:00"]]}}'), 'weekday "8" is outside 1-7 (1 = Monday … 7 = Sunday)'),
  ('weekday 0',            pg_temp.office('{"week": {"0": [["09:00","18:00"]]}}'), 'weekday "0" is outside 1-7 (1 = Monday … 7 = Sunday)'),
  ('weekday by name',      pg_temp.office('{"week": {"Mon": [["09:00","18:00"]]}}'), 'weekday "Mon" is outside 1-7 (1 = Monday … 7 = Sunday)'),
  ('weekday not a list',   pg_temp.office('{"week": {"1": "09:00-18:00"}}'), 'week.1 must be a list of ["HH:MM", "HH:MM"] intervals'),
  ('three times',          pg_temp.office('{"week": {"1": [["09:00","12:00","18:00"]]}}'), 'bad interval ["09:00", "12:00", "18:00"] in week.1 (expected ["HH:MM", "HH:MM"])'),
  ('hour 25',              pg_temp.office('{"week": {"1": [["09:00","25:00"]]}}'), 'bad time "25:00" in week.1 (expected "HH:MM" from 00:00 to 24:00)'),
  ('24:30',                pg_temp.office('{"week": {"1": [["09:00","24:30"]]}}'), 'bad time "24:30" in week.1 (expected "HH:MM" from 00:00 to 24:00)'),
  ('one-digit hour',       pg_temp.office('{"week": {"1": [["9:00","18:00"]]}}'), 'bad time "9:00" in week.1 (expected "HH:MM" from 00:00 to 24:00)'),
  ('time as number',       pg_temp.office('{"week": {"1": [[9, 18]]}}'), 'bad time 9 in week.1 (expected "HH:MM" from 00:00 to 24:00)'),
  ('end before start',     pg_temp.office('{"week": {"2": [["18:00","09:00"]]}}'), 'interval 18:00-09:00 in week.2 must end after it starts'),
  ('end = start',          pg_temp.office('{"week": {"2": [["09:00","09:00"]]}}'), 'interval 09:00-09:00 in week.2 must end after it starts'),
  ('overlap',              pg_temp.office('{"week": {"3": [["09:00","13:00"],["12:00","18:00"]]}}'), 'intervals 09:00-13:00 and 12:00-18:00 in week.3 overlap'),
  ('overlap, unsorted',    pg_temp.office('{"week": {"3": [["12:00","18:00"],["09:00","13:00"]]}}'), 'intervals 09:00-13:00 and 12:00-18:00 in week.3 overlap'),
  ('interval inside',      pg_temp.office('{"week": {"4": [["09:00","18:00"],["10:00","11:00"]]}}'), 'intervals 09:00-18:00 and 10:00-11:00 in week.4 overlap'),
  ('holidays not a list',  pg_temp.office('{"holidays": "2025-01-01"}'), 'holidays must be a list of "YYYY-MM-DD" dates'),
  ('30 February',          pg_temp.office('{"holidays": ["2025-02-30"]}'), 'bad date "2025-02-30" in holidays (expected YYYY-MM-DD)'),
  ('Russian date format',  pg_temp.office('{"holidays": ["01.05.2025"]}'), 'bad date "01.05.2025" in holidays (expected YYYY-MM-DD)'),
  ('date as number',       pg_temp.office('{"holidays": [20250101]}'), 'bad date 20250101 in holidays (expected YYYY-MM-DD)'),
  ('workdays not object',  pg_temp.office('{"workdays": ["2025-11-01"]}'), 'workdays must be an object of "YYYY-MM-DD" dates to intervals'),
  ('31 November',          pg_temp.office('{"workdays": {"2025-11-31": [["09:00","18:00"]]}}'), 'bad date "2025-11-31" in workdays (expected YYYY-MM-DD)'),
  ('bad workday interval', pg_temp.office('{"workdays": {"2025-11-01": [["10:00","09:00"]]}}'), 'interval 10:00-09:00 in workdays.2025-11-01 must end after it starts'),
  ('empty workday',        pg_temp.office('{"workdays": {"2025-11-01": []}}'), 'workdays.2025-11-01 has no intervals (list the date in holidays to make it a day off)'),
  ('holiday and workday',  pg_temp.office('{"holidays": ["2025-11-01"], "workdays": {"2025-11-01": [["09:00","18:00"]]}}'), '2025-11-01 is both a holiday and a workday'),
  ('transfers not object', pg_temp.office('{"transfers": ["2025-11-01"]}'), 'transfers must be an object of "YYYY-MM-DD" dates to weekdays 1-7'),
  ('transfer bad date',    pg_temp.office('{"transfers": {"01.11.2025": 1}}'), 'bad date "01.11.2025" in transfers (expected YYYY-MM-DD)'),
  ('transfer weekday 8',   pg_temp.office('{"transfers": {"2025-11-01": 8}}'), 'transfers.2025-11-01 must be a weekday 1-7 (1 = Monday … 7 = Sunday), not 8'),
  ('transfer as text',     pg_temp.office('{"transfers": {"2025-11-01": "1"}}'), 'transfers.2025-11-01 must be a weekday 1-7 (1 = Monday … 7 = Sunday), not "1"'),
  ('transfer fraction',    pg_temp.office('{"transfers": {"2025-11-01": 1.5}}'), 'transfers.2025-11-01 must be a weekday 1-7 (1 = Monday … 7 = Sunday), not 1.5'),
  ('short_days not list',  pg_temp.office('{"short_days": "2025-04-30"}'), 'short_days must be a list of "YYYY-MM-DD" dates'),
  ('short day 31 April',   pg_temp.office('{"short_days": ["2025-04-31"]}'), 'bad date "2025-04-31" in short_days (expected YYYY-MM-DD)'),
  ('holiday and transfer', pg_temp.office('{"holidays": ["2025-11-01"], "transfers": {"2025-11-01": 1}}'), '2025-11-01 is both a holiday and a transfer'),
  ('holiday and short day', pg_temp.office('{"holidays": ["2025-04-30"], "short_days": ["2025-04-30"]}'), '2025-04-30 is both a holiday and a short day'),
  ('no working hours',     pg_temp.office('{"week": {}}'), 'the week has no working hours (add intervals or set is_24x7)');

insert into public.chats (id, title) values (-1009200000001, 'own calendar'), (-1009200000002, 'no calendar'),
  (-1009200000003, 'Vladivostok'), (-1009200000004, '24/7');

select plan(2 * (select count(*)::int from bad_documents) + 31);

-- ---- The production calendar seeded by 20261122001200 (global, before anything here changes it) ----
select ok(sla.get_schedule(null) -> 'holidays' @> '["2025-01-01","2025-05-02","2025-05-08","2025-06-13","2025-11-03","2025-12-31","2026-01-09","2026-03-09","2026-05-11","2026-12-31","2027-05-03","2027-06-14"]',
          'the global calendar lists the 2025–2027 days off, moved days included');
select is(format('%s %s', sla.get_schedule(null) -> 'transfers' -> '2025-11-01', sla.get_schedule(null) -> 'short_days' ? '2025-11-01'),
          '1 t', 'Saturday 1 Nov 2025 works as a Monday, an hour shorter');
select is(sla.working_seconds(null, '2024-12-31T21:00Z', '2025-12-31T21:00Z') / 60, 247 * 540 - 4 * 60::bigint,
          '2025: 247 working days of 09:00–18:00, four of them an hour shorter');
select is(sla.working_seconds(null, '2025-12-31T21:00Z', '2026-12-31T21:00Z') / 60, 247 * 540 - 4 * 60::bigint,
          '2026: 247 working days of 09:00–18:00, four of them an hour shorter');
select is(sla.working_seconds(null, '2024-12-31T21:00Z', '2025-01-31T21:00Z') / 60, 17 * 540::bigint, 'January 2025 has 17 working days');
select is(sla.breach_at(4242, '2025-10-31T14:30Z', 60), '2025-11-01T06:30Z'::timestamptz,
          'Fri 31 Oct 2025 17:30 + 60 min → the working Saturday 09:30');
select is(sla.breach_at(null, '2025-12-30T14:00Z', 120), '2026-01-12T07:00Z'::timestamptz,
          'Tue 30 Dec 2025 17:00 + 120 min → Mon 12 Jan 2026 10:00, after the New Year days off');

-- ---- Documents: accepted ones come back complete and normalised ----
select is(sla.set_schedule(null, pg_temp.office()), pg_temp.office('{"is_24x7": false, "holidays": [], "workdays": {}, "transfers": {}, "short_days": []}'),
          'a document without is_24x7 and day kinds is stored with their defaults');
select is(sla.set_schedule(-1009200000001, '{"timezone": "Asia/Yekaterinburg",
            "week": {"1": [["14:00","18:00"],["09:00","13:00"]], "5": [["13:00","24:00"],["09:00","13:00"]]},
            "holidays": ["2025-03-10", "2025-01-02", "2025-03-10"], "workdays": {"2025-01-04": [["10:00","14:00"]]},
            "transfers": {"2025-01-11": 1}, "short_days": ["2025-03-07", "2025-01-10", "2025-03-07"]}'),
          '{"timezone": "Asia/Yekaterinburg", "is_24x7": false,
            "week": {"1": [["09:00","13:00"],["14:00","18:00"]], "2": [], "3": [], "4": [], "5": [["09:00","13:00"],["13:00","24:00"]], "6": [], "7": []},
            "holidays": ["2025-01-02", "2025-03-10"], "workdays": {"2025-01-04": [["10:00","14:00"]]},
            "transfers": {"2025-01-11": 1}, "short_days": ["2025-01-10", "2025-03-07"]}'::jsonb,
          'intervals are sorted, weekdays completed, holidays and short days sorted and deduplicated; adjacent intervals and 24:00 are fine');
select is(sla.set_schedule(-1009200000004, '{"timezone": "UTC", "is_24x7": true}') -> 'is_24x7', 'true'::jsonb,
          'a 24/7 calendar needs no week');
select is(sla.get_schedule(-1009200000002), sla.get_schedule(null), 'a chat without a calendar of its own gets the global document');
select is(sla.get_schedule(4242), sla.get_schedule(null), 'an unknown chat gets the global document');

-- ---- Bad documents: the named error, and nothing changed ----
create temp table calendars_before as select chat_id, to_jsonb(c) - 'updated_at' as row from public.calendars c;
select throws_ok(format('select sla.set_schedule(-1009200000001, %L)', b.doc), '22023', 'schedule: ' || b.message,
                 'chat calendar, ' || b.name)
from bad_documents b order by b.name;
select throws_ok(format('select sla.set_schedule(null, %L)', b.doc), '22023', 'schedule: ' || b.message,
                 'global calendar, ' || b.name)
from bad_documents b order by b.name;
select is((select count(*)::int from public.calendars c join calendars_before b on b.chat_id is not distinct from c.chat_id
           where to_jsonb(c) - 'updated_at' = b.row), (select count(*)::int from calendars_before),
          'no bad document changed any calendar');
select throws_ok($$select sla.set_schedule(4242, '{"timezone": "UTC", "is_24x7": true}')$$, '23503', 'chat 4242 is not registered',
                 'a calendar for an unregistered chat is refused');
select throws_ok($$select sla.set_schedule(null, null)$$, '22023', 'the global calendar cannot be removed, only changed',
                 'the global calendar cannot be removed');
select throws_ok($$update public.calendars set week = '{"1": [["09:00","13:00"],["12:00","18:00"]]}' where chat_id is null$$, '22023',
                 'schedule: intervals 09:00-13:00 and 12:00-18:00 in week.1 overlap', 'a direct UPDATE passes the same validation');

-- ---- Own calendar + global calendar ----
-- Global: Moscow office hours, holidays 8 Jan and 3 Nov 2025, Saturday 1 Nov 2025 a working day.
select sla.set_schedule(null, pg_temp.office('{"holidays": ["2025-01-08", "2025-11-03"], "workdays": {"2025-11-01": [["09:00","17:00"]]}}')) \g /dev/null
select sla.set_schedule(-1009200000001, pg_temp.office('{"holidays": ["2025-01-09"]}')) \g /dev/null
select is(sla.get_schedule(-1009200000001) -> 'holidays', '["2025-01-08", "2025-01-09", "2025-11-03"]'::jsonb,
          'a chat''s own holiday is added to the global ones');
select is(sla.working_seconds(-1009200000001, '2025-01-08T06:00Z', '2025-01-10T06:00Z'), 0::bigint,
          'Wed 8 Jan (global holiday) and Thu 9 Jan (own holiday) are both off');
select is(sla.working_seconds(-1009200000002, '2025-01-08T06:00Z', '2025-01-10T06:00Z'), 9 * 3600::bigint,
          'a chat without its own calendar works Thu 9 Jan');
select sla.set_schedule(-1009200000001, pg_temp.office('{"holidays": ["2025-11-01"], "workdays": {"2025-01-08": [["10:00","12:00"]]}}')) \g /dev/null
select is(sla.working_seconds(-1009200000001, '2025-01-07T21:00Z', '2025-01-08T21:00Z'), 2 * 3600::bigint,
          'a chat''s own workday cancels the global holiday on that date');
select is(sla.is_working_time(-1009200000001, '2025-11-01T07:00Z'), false, 'a chat''s own holiday cancels the global working Saturday');
select is(sla.get_schedule(-1009200000001) - 'week',
          '{"timezone": "Europe/Moscow", "is_24x7": false, "holidays": ["2025-11-01", "2025-11-03"], "workdays": {"2025-01-08": [["10:00","12:00"]]},
            "transfers": {}, "short_days": []}'::jsonb,
          'the effective document shows the merge');
select sla.set_schedule(-1009200000003, '{"timezone": "Asia/Vladivostok", "week": {"1": [["09:00","18:00"]], "2": [["09:00","18:00"]], "3": [["09:00","18:00"]], "4": [["09:00","18:00"]], "5": [["09:00","18:00"]]}}') \g /dev/null
select is(array[sla.is_working_time(-1009200000003, '2025-01-08T00:00Z'), sla.is_working_time(-1009200000003, '2025-01-08T23:00Z')],
          array[false, true], 'global holidays are dates in the chat''s timezone: Wed 8 Jan off in Vladivostok, Thu 9 Jan 09:00 +10 working');
select is(sla.is_working_time(-1009200000004, '2025-01-08T10:00Z'), true, 'a 24/7 chat ignores the global holidays');
select is(sla.get_schedule(-1009200000004) -> 'holidays', '[]'::jsonb, 'a 24/7 chat''s effective document carries no global holidays');
select sla.set_schedule(null, pg_temp.office('{"holidays": ["2025-01-10"]}')) \g /dev/null
select is(array[sla.is_working_time(-1009200000002, '2025-01-10T07:00Z'), sla.is_working_time(-1009200000003, '2025-01-10T01:00Z')],
          array[false, false], 'a change of the global calendar reaches chats at once, with or without their own calendar');
update public.chats set id = -1009200000033 where id = -1009200000003;
select is(array[sla.get_schedule(-1009200000033) ->> 'timezone', sla.get_schedule(-1009200000003) ->> 'timezone'],
          array['Asia/Vladivostok', 'Europe/Moscow'], 'a group → supergroup migration moves the chat''s calendar to the new id');
select throws_ok($$delete from public.calendars where chat_id is null$$, '22023', 'the global calendar cannot be removed, only changed',
                 'the global calendar cannot be deleted, even by the owner');
select throws_ok($$update public.calendars set chat_id = -1009200000002 where chat_id is null$$, '22023',
                 'a calendar cannot switch between global and per-chat', 'the global calendar cannot become a chat''s');
select is(sla.set_schedule(-1009200000001, null), sla.get_schedule(null), 'a null document makes the chat follow the global calendar again');
select is((select count(*)::int from public.calendars where chat_id = -1009200000001), 0, '… and removes its own calendar');

select * from finish();
rollback;
