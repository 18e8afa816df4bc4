-- Working time on random calendars around DST changes (seeded, so every run checks the same 1,200 cases):
-- week intervals drawn mostly from the night hours where clocks jump, in zones whose changes skip or repeat
-- 02:00, 00:00, half an hour (Lord Howe), 02:45 (Chatham) or a whole day (Samoa, 30 Dec 2011), with short
-- days and transfers on the change dates. Two invariants must hold for every case:
--   * working time never exceeds elapsed time: working_seconds(a, b) <= b - a;
--   * the deadline is exact: working_seconds(t, breach_at(t, T)) = 60·T.
begin;
create extension if not exists pgtap with schema extensions;
select plan(4);
select setseed(0.20250330);

-- A minute of the day: half of them in the night hours 00:00–04:00, the rest anywhere (1440 = "24:00").
create function pg_temp.random_minute() returns integer language sql as $$
  select case when random() < 0.5 then floor(random() * 241)::integer else floor(random() * 1441)::integer end
$$;
create function pg_temp.hhmm(p_minute integer) returns text language sql as $$
  select lpad((p_minute / 60)::text, 2, '0') || ':' || lpad((p_minute % 60)::text, 2, '0')
$$;

-- Up to three intervals: distinct cut points, sorted, taken in pairs.
create function pg_temp.random_intervals(p_at_least_one boolean) returns jsonb language plpgsql as $$
declare
  v_count integer := floor(random() * 4)::integer;
  v_cuts integer[] := '{}';
  v_minute integer;
  v_result jsonb := '[]';
begin
  if p_at_least_one then v_count := greatest(v_count, 1); end if;
  while cardinality(v_cuts) < 2 * v_count loop
    v_minute := pg_temp.random_minute();
    if v_minute <> all (v_cuts) then v_cuts := v_cuts || v_minute; end if;
  end loop;
  v_cuts := array(select c from unnest(v_cuts) c order by c);
  for i in 1 .. v_count loop
    v_result := v_result || jsonb_build_array(jsonb_build_array(pg_temp.hhmm(v_cuts[2 * i - 1]), pg_temp.hhmm(v_cuts[2 * i])));
  end loop;
  return v_result;
end $$;

create temp table changes (zone text, day date);
insert into changes values
  ('Europe/London', '2025-03-30'), ('Europe/London', '2025-10-26'), ('America/New_York', '2025-03-09'),
  ('America/New_York', '2025-11-02'), ('Europe/Berlin', '2025-03-30'), ('Europe/Berlin', '2025-10-26'),
  ('Australia/Lord_Howe', '2025-04-06'), ('Australia/Lord_Howe', '2025-10-05'), ('America/Santiago', '2025-04-06'),
  ('America/Santiago', '2025-09-07'), ('America/Havana', '2025-03-09'), ('America/Havana', '2025-11-02'),
  ('Asia/Beirut', '2025-03-30'), ('Asia/Beirut', '2025-10-26'), ('Pacific/Chatham', '2025-04-06'),
  ('Pacific/Chatham', '2025-09-28'), ('Pacific/Apia', '2011-12-30');

create temp table cases (n integer primary key, doc jsonb, from_at timestamptz, to_at timestamptz, minutes integer);
do $$
declare
  v_change changes;
  v_week jsonb;
  v_working_day integer;
  v_from timestamptz;
begin
  for i in 1 .. 1200 loop
    select * into v_change from changes order by zone, day offset floor(random() * (select count(*) from changes)) limit 1;
    v_working_day := 1 + floor(random() * 7)::integer;
    select jsonb_object_agg(d, pg_temp.random_intervals(d = v_working_day)) into v_week from generate_series(1, 7) d;
    v_from := (v_change.day::timestamp at time zone v_change.zone) + make_interval(secs => floor(random() * 72 * 3600) - 36 * 3600);
    insert into cases values (i,
      jsonb_build_object('timezone', v_change.zone, 'is_24x7', false, 'week', v_week, 'holidays', '[]'::jsonb, 'workdays', '{}'::jsonb,
        'transfers', case when random() < 0.3 then jsonb_build_object(v_change.day, 1 + floor(random() * 7)::integer) else '{}' end,
        'short_days', case when random() < 0.3 then jsonb_build_array(v_change.day) else '[]' end),
      v_from, v_from + make_interval(secs => floor(random() * 72 * 3600)), 1 + floor(random() * 2000)::integer);
  end loop;
end $$;

select is((select count(*)::int from cases), 1200, '1,200 random cases');
select is((select count(distinct doc ->> 'timezone')::int from cases), 9, 'every zone of the list is drawn');

select is((select coalesce(string_agg(format('#%s %s..%s: %s s > %s s', n, from_at, to_at, w, e), '; '), 'none')
           from (select n, from_at, to_at, sla.working_seconds_in(doc, from_at, to_at) as w,
                        floor(extract(epoch from to_at - from_at))::bigint as e from cases) r
           where w > e),
          'none', 'working time never exceeds elapsed time');

select is((select coalesce(string_agg(format('#%s from %s + %s min → %s measures %s s', n, from_at, minutes, b, w), '; '), 'none')
           from (select n, from_at, minutes, b, sla.working_seconds_in(doc, from_at, b) as w
                 from cases, lateral (select sla.breach_at_in(doc, from_at, minutes) as b) x) r
           where w <> minutes * 60),
          'none', 'working_seconds(t, breach_at(t, T)) = 60·T on every case');

select * from finish();
rollback;
