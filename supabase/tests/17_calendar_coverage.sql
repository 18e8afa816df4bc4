-- Calendar coverage, table-driven (sla.calendar_coverage at pinned instants): covered until 31 December of
-- the last year with holidays; short when this year, or from 1 November in the firm's timezone next year,
-- has none. The same verdict reaches the console (public.calendar_coverage) and the relay's gauge.
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql

create temp table cases (holidays date[], at timestamptz, ok boolean, detail text, what text);
insert into cases values
  ('{2026-01-01,2027-01-01}', '2027-10-31T20:59:59Z', true,  'Производственный календарь заполнен по 31.12.2027', '31 Oct 23:59 Moscow: next year not needed yet'),
  ('{2026-01-01,2027-01-01}', '2027-10-31T21:00Z',    false, 'Производственный календарь заполнен только по 31.12.2027 — загрузите календарь на 2028 год в консоли (Настройки → Общий календарь)',
                                                                '1 Nov 00:00 Moscow: next year is missing'),
  ('{2026-01-01,2027-01-01,2028-01-01}', '2027-11-15T09:00Z', true, 'Производственный календарь заполнен по 31.12.2028', 'November with next year imported'),
  ('{2026-01-01}',            '2027-02-01T09:00Z',    false, 'Производственный календарь заполнен только по 31.12.2026 — загрузите календарь на 2027 год в консоли (Настройки → Общий календарь)',
                                                                'the current year itself is missing'),
  ('{}',                      '2027-02-01T09:00Z',    false, 'Производственный календарь не заполнен — загрузите его в консоли (Настройки → Общий календарь)',
                                                                'no holidays at all');

select plan((select count(*)::int from cases) + 5);

create function pg_temp.coverage(p_holidays date[], p_at timestamptz) returns jsonb language plpgsql as $$
begin
  update public.calendars set holidays = p_holidays, transfers = '{}', short_days = '{}', workdays = '{}' where chat_id is null;
  return sla.calendar_coverage(p_at);
end $$;

select is(format('%s %s', (c ->> 'ok')::boolean, c ->> 'detail'), format('%s %s', k.ok, k.detail), k.what)
from cases k cross join lateral pg_temp.coverage(k.holidays, k.at) c order by k.at, k.what;

-- The instant coverage ends: Moscow midnight after 31 Dec 2027; 0 when nothing is covered.
select is((pg_temp.coverage('{2027-01-01}', '2027-06-01T00:00Z') ->> 'covered_until_epoch')::bigint,
          extract(epoch from '2027-12-31T21:00Z'::timestamptz)::bigint, 'covered until the firm''s midnight after 31 Dec 2027');
select is((public.relay_metrics('2027-06-01T00:00Z') ->> 'calendar_covered_until_timestamp_seconds')::bigint,
          extract(epoch from '2027-12-31T21:00Z'::timestamptz)::bigint, 'the relay exports that instant');
select is((pg_temp.coverage('{}', '2027-06-01T00:00Z') ->> 'covered_until_epoch')::bigint, 0::bigint, '0 when nothing is covered');

-- The console reads it at the server clock; only staff.
select pg_temp.coverage('{2027-01-01}', now()) \g /dev/null
select is(tests.as_user('observer', $$public.calendar_coverage() ->> 'covered_until'$$), '2027-12-31', 'staff read the coverage');
select is(tests.as_user('anon', $$public.calendar_coverage()$$), 'error 42501', 'anon may not');

select * from finish();
rollback;
