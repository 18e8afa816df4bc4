-- =====================================================================================================
-- Calendars: when a chat's working time runs.
--
-- One row per calendar: the global default (chat_id null, exactly one) and optional per-chat calendars.
-- A calendar is an IANA timezone, for each ISO weekday (1 = Mon … 7 = Sun) zero or more [start, end)
-- intervals in local wall-clock time ("HH:MM", end may be "24:00" = end of day), a 24/7 switch, and the
-- day kinds of a production calendar:
--   * holidays   — dates with no working time;
--   * transfers  — a weekend date that works like a given ISO weekday ({"2025-11-01": 1}: Saturday 1 Nov
--                  works with the calendar's own Monday hours; a calendar with no Monday hours does not
--                  work then; one that already works on that date's weekday keeps its own hours);
--   * short_days — pre-holiday dates whose working time ends one hour earlier (Labour Code art. 95): the
--                  day's last interval loses 60 minutes, one shorter than that disappears and the rest
--                  comes off the one before;
--   * workdays   — a chat's own exceptions: a date listed there works exactly those intervals, whatever
--                  the other kinds say.
--
-- Decided rules (tested in supabase/tests/10_*.sql):
--   * A chat without a calendar of its own uses the global calendar, whatever the global calendar says
--     at the moment of the computation (no copy is made when a chat is created).
--   * A chat with its own calendar uses its own timezone, week and 24/7 switch. The global day kinds still
--     apply to it, read as dates in the chat's timezone, except that the chat's own lists win for the
--     dates they mention: a chat's workday, transfer or short day cancels a global holiday on that date,
--     a chat's holiday cancels a global workday, transfer or short day on that date.
--   * A 24/7 calendar is working time at every instant: week and every day kind (its own and the global
--     ones) are ignored; they are kept so that switching 24/7 off restores them.
--   * A date cannot be a holiday and also a workday, transfer or short day in the same calendar; a
--     transfer names a weekday 1-7; a calendar that is not 24/7 needs at least one working interval in
--     its week.
--
-- The document shape (sla.get_schedule / sla.set_schedule):
--   {"timezone":"Europe/Moscow","is_24x7":false,
--    "week":{"1":[["09:00","13:00"],["14:00","18:00"]],…,"7":[]},
--    "holidays":["2025-01-01"],"workdays":{"2025-11-01":[["09:00","18:00"]]},
--    "transfers":{"2025-11-01":1},"short_days":["2025-04-30"]}
-- sla.get_schedule returns the *effective* document (own calendar merged with the global one, or the
-- global one), complete on its own, so callers may snapshot it and pass it to the *_in functions of
-- 20261122001100_working_time.sql. The merged documents are kept ready in sla.effective_schedules.
-- sla.set_schedule(chat, null) removes a chat's own calendar (it follows the global one again).
-- =====================================================================================================

create table public.calendars (
  id bigint generated always as identity primary key,
  chat_id bigint unique references public.chats (id) on update cascade on delete cascade,
  timezone text not null default 'Europe/Moscow',
  is_24x7 boolean not null default false,
  week jsonb not null default '{"1":[["09:00","18:00"]],"2":[["09:00","18:00"]],"3":[["09:00","18:00"]],
    "4":[["09:00","18:00"]],"5":[["09:00","18:00"]],"6":[],"7":[]}',
  holidays date[] not null default '{}',
  workdays jsonb not null default '{}',
  transfers jsonb not null default '{}',
  short_days date[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.calendars is
  'Working-time calendars: the global default (chat_id null) and per-chat calendars. Rules in the banner of 20261122001000_calendars.sql.';
comment on column public.calendars.chat_id is 'The chat this calendar belongs to; null = the global default calendar (exactly one).';
comment on column public.calendars.timezone is 'IANA timezone in which week intervals, holidays and workdays are read.';
comment on column public.calendars.is_24x7 is 'Every instant is working time; week, holidays and workdays are then ignored.';
comment on column public.calendars.week is 'ISO weekday "1" (Mon) … "7" (Sun) → sorted, non-overlapping [["HH:MM","HH:MM"],…] intervals, start inclusive, end exclusive.';
comment on column public.calendars.holidays is 'Dates (local to the calendar) with no working time; sorted, unique.';
comment on column public.calendars.workdays is 'Date "YYYY-MM-DD" → intervals: that date works exactly these intervals instead of its weekday''s.';
comment on column public.calendars.transfers is 'Date "YYYY-MM-DD" → ISO weekday 1-7: a weekend date that works with the hours of that weekday.';
comment on column public.calendars.short_days is 'Pre-holiday dates (local to the calendar) whose working time ends one hour earlier; sorted, unique.';
create unique index calendars_one_global on public.calendars ((chat_id is null)) where chat_id is null;

-- ---------------------------------------------------------------------------------------------------
-- Validation. Every way into the table (sla.set_schedule, the console, a DBA's UPDATE) passes the same
-- trigger, so a stored calendar is always well-formed. Errors name the problem (SQLSTATE 22023).
-- ---------------------------------------------------------------------------------------------------

create function sla.schedule_error(p_message text) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception 'schedule: %', p_message using errcode = 'invalid_parameter_value';
end $$;
comment on function sla.schedule_error(text) is 'Raises a schedule validation error (22023) with a message prefixed "schedule: ".';

create function sla.assert_timezone(p_timezone text) returns void
language plpgsql stable set search_path = '' as $$
begin
  -- pg_timezone_names lists IANA names only; abbreviations (MSK) and POSIX offsets (UTC+3) are refused.
  if p_timezone is null or not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = p_timezone) then
    perform sla.schedule_error(format('unknown timezone %s (expected an IANA name such as "Europe/Moscow")',
                                      coalesce(to_jsonb(p_timezone)::text, 'null')));
  end if;
end $$;
comment on function sla.assert_timezone(text) is 'Fails unless the argument is an IANA timezone name.';

create function sla.date_or_null(p_value text) returns date
language plpgsql immutable set search_path = '' as $$
begin
  if p_value !~ '^\d{4}-\d{2}-\d{2}$' then
    return null;
  end if;
  return p_value::date;
exception when datetime_field_overflow or invalid_datetime_format then
  return null;
end $$;
comment on function sla.date_or_null(text) is 'A strict YYYY-MM-DD date, or null when malformed or impossible (30 February).';

create function sla.to_date(p_where text, p_value text) returns date
language plpgsql immutable set search_path = '' as $$
begin
  if sla.date_or_null(p_value) is not null then
    return sla.date_or_null(p_value);
  end if;
  raise exception 'schedule: bad date % in % (expected YYYY-MM-DD)', to_jsonb(p_value), p_where
    using errcode = 'invalid_parameter_value';
end $$;
comment on function sla.to_date(text, text) is 'Parses a strict YYYY-MM-DD date or fails naming where it came from.';

-- "HH:MM" from 00:00 to 23:59, plus "24:00" meaning the end of the day.
create function sla.assert_time(p_where text, p_value jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if jsonb_typeof(p_value) is distinct from 'string' or not (p_value #>> '{}' ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$') then
    perform sla.schedule_error(format('bad time %s in %s (expected "HH:MM" from 00:00 to 24:00)', p_value, p_where));
  end if;
end $$;
comment on function sla.assert_time(text, jsonb) is 'Fails unless the value is a "HH:MM" string between 00:00 and 24:00.';

create function sla.normalize_intervals(p_where text, p_intervals jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_interval jsonb;
  v_previous jsonb;
begin
  if jsonb_typeof(p_intervals) is distinct from 'array' then
    perform sla.schedule_error(format('%s must be a list of ["HH:MM", "HH:MM"] intervals', p_where));
  end if;
  -- "HH:MM" strings sort like the times they name, so text order is time order.
  for v_interval in select e from jsonb_array_elements(p_intervals) e order by e ->> 0, e ->> 1 loop
    if jsonb_typeof(v_interval) is distinct from 'array' or jsonb_array_length(v_interval) <> 2 then
      perform sla.schedule_error(format('bad interval %s in %s (expected ["HH:MM", "HH:MM"])', v_interval, p_where));
    end if;
    perform sla.assert_time(p_where, v_interval -> 0);
    perform sla.assert_time(p_where, v_interval -> 1);
    if v_interval ->> 1 <= v_interval ->> 0 then
      perform sla.schedule_error(format('interval %s-%s in %s must end after it starts',
                                        v_interval ->> 0, v_interval ->> 1, p_where));
    end if;
    if v_interval ->> 0 < v_previous ->> 1 then
      perform sla.schedule_error(format('intervals %s-%s and %s-%s in %s overlap', v_previous ->> 0,
                                        v_previous ->> 1, v_interval ->> 0, v_interval ->> 1, p_where));
    end if;
    v_previous := v_interval;
  end loop;
  return coalesce((select jsonb_agg(e order by e ->> 0) from jsonb_array_elements(p_intervals) e), '[]');
end $$;
comment on function sla.normalize_intervals(text, jsonb) is
  'Validates a list of [start, end) "HH:MM" intervals (end after start, no overlaps) and returns it sorted; p_where names the list in errors.';

create function sla.normalize_week(p_week jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_weekday text;
begin
  if jsonb_typeof(p_week) is distinct from 'object' then
    perform sla.schedule_error('week must be an object of weekdays "1" (Monday) … "7" (Sunday)');
  end if;
  select k into v_weekday from jsonb_object_keys(p_week) k where k !~ '^[1-7]$' order by k limit 1;
  if found then
    perform sla.schedule_error(format('weekday %s is outside 1-7 (1 = Monday … 7 = Sunday)', to_jsonb(v_weekday)));
  end if;
  return (select jsonb_object_agg(d::text, sla.normalize_intervals('week.' || d, coalesce(p_week -> d::text, '[]')))
          from generate_series(1, 7) d);
end $$;
comment on function sla.normalize_week(jsonb) is 'Validates the week object and returns it with all seven weekdays present (missing = no hours).';

create function sla.normalize_workdays(p_workdays jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_result jsonb := '{}'::jsonb;
  v_day record;
begin
  if jsonb_typeof(p_workdays) is distinct from 'object' then
    perform sla.schedule_error('workdays must be an object of "YYYY-MM-DD" dates to intervals');
  end if;
  for v_day in select key, value from jsonb_each(p_workdays) loop
    perform sla.to_date('workdays', v_day.key);
    if v_day.value = '[]' then
      perform sla.schedule_error(format('workdays.%s has no intervals (list the date in holidays to make it a day off)', v_day.key));
    end if;
    v_result := v_result || jsonb_build_object(v_day.key, sla.normalize_intervals('workdays.' || v_day.key, v_day.value));
  end loop;
  return v_result;
end $$;
comment on function sla.normalize_workdays(jsonb) is 'Validates the workdays object (date keys, non-empty interval lists) and returns it normalized.';

create function sla.normalize_transfers(p_transfers jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_problem text;
begin
  if jsonb_typeof(p_transfers) is distinct from 'object' then
    perform sla.schedule_error('transfers must be an object of "YYYY-MM-DD" dates to weekdays 1-7');
  end if;
  perform sla.to_date('transfers', k) from jsonb_object_keys(p_transfers) k;
  -- A weekday is a plain JSON number 1-7: "1" (text) and 1.0 are refused alike.
  select format('transfers.%s must be a weekday 1-7 (1 = Monday … 7 = Sunday), not %s', t.key, t.value) into v_problem
  from jsonb_each(p_transfers) t where t.value::text !~ '^[1-7]$' order by t.key limit 1;
  if v_problem is not null then
    perform sla.schedule_error(v_problem);
  end if;
  return p_transfers;
end $$;
comment on function sla.normalize_transfers(jsonb) is 'Validates the transfers object (date keys, weekday 1-7 values).';

-- The first date of a calendar that is a holiday and also another day kind, or null.
create function sla.holiday_clash(p_calendar public.calendars) returns text
language sql immutable set search_path = '' as $$
  select format('%s is both a holiday and a %s', to_char(h.d, 'YYYY-MM-DD'), k.kind)
  from unnest(p_calendar.holidays) h (d)
  cross join lateral (values (1, 'workday', p_calendar.workdays ? to_char(h.d, 'YYYY-MM-DD')),
                             (2, 'transfer', p_calendar.transfers ? to_char(h.d, 'YYYY-MM-DD')),
                             (3, 'short day', h.d = any (p_calendar.short_days))) k (n, kind, clash)
  where k.clash
  order by h.d, k.n
  limit 1
$$;
comment on function sla.holiday_clash(public.calendars) is 'Names the first date that is a holiday and also a workday, transfer or short day; null when none.';

create function sla.calendars_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_clash text;
begin
  if tg_op = 'UPDATE' and (old.chat_id is null) <> (new.chat_id is null) then
    raise exception 'a calendar cannot switch between global and per-chat' using errcode = 'invalid_parameter_value';
  end if;
  if tg_op = 'INSERT' or new.timezone is distinct from old.timezone then
    perform sla.assert_timezone(new.timezone);
  end if;
  new.week := sla.normalize_week(new.week);
  new.workdays := sla.normalize_workdays(new.workdays);
  new.transfers := sla.normalize_transfers(new.transfers);
  new.holidays := array(select distinct d from unnest(new.holidays) d where d is not null order by d);
  new.short_days := array(select distinct d from unnest(new.short_days) d where d is not null order by d);
  v_clash := sla.holiday_clash(new);
  if v_clash is not null then
    perform sla.schedule_error(v_clash);
  end if;
  if not new.is_24x7 and not exists (select 1 from jsonb_each(new.week) w where w.value <> '[]') then
    perform sla.schedule_error('the week has no working hours (add intervals or set is_24x7)');
  end if;
  return new;
end $$;
comment on function sla.calendars_check() is 'Trigger: validates and normalizes a calendar row before it is stored.';

create trigger validate before insert or update on public.calendars for each row execute function sla.calendars_check();
create trigger touch before update on public.calendars for each row execute function authz.touch_updated_at();
create trigger audit after insert or update or delete on public.calendars
  for each row execute function authz.audit('chat_id');
