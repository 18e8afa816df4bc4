-- =====================================================================================================
-- Calendars: when a chat's working time runs.
--
-- One row per calendar: the global default (chat_id null, exactly one) and optional per-chat calendars.
-- A calendar is an IANA timezone, for each ISO weekday (1 = Mon … 7 = Sun) zero or more [start, end)
-- intervals in local wall-clock time ("HH:MM", end may be "24:00" = end of day), a 24/7 switch, holiday
-- dates and extra working dates with their own intervals (a date listed in workdays uses exactly those
-- intervals instead of its weekday's; used for Russian transferred working Saturdays).
--
-- Decided rules (tested in supabase/tests/10_*.sql):
--   * A chat without a calendar of its own uses the global calendar, whatever the global calendar says
--     at the moment of the computation (no copy is made when a chat is created).
--   * A chat with its own calendar uses its own timezone, week and 24/7 switch. The global holidays and
--     workdays still apply to it, read as dates in the chat's timezone, except that the chat's own lists
--     win for the dates they mention: a chat's workday cancels a global holiday on that date, a chat's
--     holiday cancels a global workday on that date.
--   * A 24/7 calendar is working time at every instant: week, holidays and workdays (its own and the
--     global ones) are ignored; they are kept so that switching 24/7 off restores them.
--   * A date cannot be a holiday and a workday in the same calendar; a calendar that is not 24/7 needs at
--     least one working interval in its week.
--
-- The document shape (sla.get_schedule / sla.set_schedule):
--   {"timezone":"Europe/Moscow","is_24x7":false,
--    "week":{"1":[["09:00","13:00"],["14:00","18:00"]],…,"7":[]},
--    "holidays":["2025-01-01"],"workdays":{"2025-11-01":[["09:00","18:00"]]}}
-- sla.get_schedule returns the *effective* document (own calendar merged with the global one, or the
-- global one), complete on its own, so callers may snapshot it and pass it to the *_in functions of
-- 20261122001100_working_time.sql. The merged documents are kept ready in sla.effective_schedules.
-- sla.set_schedule(chat, null) removes a chat's own calendar (it follows the global one again).
-- =====================================================================================================

create schema if not exists sla;
comment on schema sla is 'SLA engine internals (working time, requests, tick); not exposed through PostgREST.';
grant usage on schema sla to service_role;

create table public.calendars (
  id bigint generated always as identity primary key,
  chat_id bigint unique references public.chats (id) on update cascade on delete cascade,
  timezone text not null default 'Europe/Moscow',
  is_24x7 boolean not null default false,
  week jsonb not null default '{"1":[["09:00","18:00"]],"2":[["09:00","18:00"]],"3":[["09:00","18:00"]],
    "4":[["09:00","18:00"]],"5":[["09:00","18:00"]],"6":[],"7":[]}',
  holidays date[] not null default '{}',
  workdays jsonb not null default '{}',
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

create function sla.to_date(p_where text, p_value text) returns date
language plpgsql immutable set search_path = '' as $$
begin
  if p_value ~ '^\d{4}-\d{2}-\d{2}$' then
    begin
      return p_value::date;
    exception when datetime_field_overflow or invalid_datetime_format then
      null; -- reported below, with the place it came from
    end;
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

create function sla.calendars_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_clash date;
begin
  if tg_op = 'UPDATE' and (old.chat_id is null) <> (new.chat_id is null) then
    raise exception 'a calendar cannot switch between global and per-chat' using errcode = 'invalid_parameter_value';
  end if;
  if tg_op = 'INSERT' or new.timezone is distinct from old.timezone then
    perform sla.assert_timezone(new.timezone);
  end if;
  new.week := sla.normalize_week(new.week);
  new.workdays := sla.normalize_workdays(new.workdays);
  new.holidays := array(select distinct d from unnest(new.holidays) d where d is not null order by d);
  select d into v_clash from unnest(new.holidays) d where new.workdays ? to_char(d, 'YYYY-MM-DD') limit 1;
  if found then
    perform sla.schedule_error(format('%s is both a holiday and a workday', to_char(v_clash, 'YYYY-MM-DD')));
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

-- ---------------------------------------------------------------------------------------------------
-- Documents
-- ---------------------------------------------------------------------------------------------------

create function sla.calendar_document(p_calendar public.calendars) returns jsonb
language sql stable as $$
  select jsonb_build_object('timezone', p_calendar.timezone, 'is_24x7', p_calendar.is_24x7, 'week', p_calendar.week,
                            'holidays', to_jsonb(p_calendar.holidays), 'workdays', p_calendar.workdays)
$$;
comment on function sla.calendar_document(public.calendars) is 'One calendar row as a schedule document, exactly as stored (no global merge).';

create function sla.effective_document(p_own public.calendars, p_global public.calendars) returns jsonb
language plpgsql stable as $$
begin
  if p_own.is_24x7 then
    return sla.calendar_document(p_own);
  end if;
  return sla.calendar_document(p_own) || jsonb_build_object(
    'holidays', to_jsonb(array(select distinct d from unnest(p_global.holidays || p_own.holidays) d
                               where not p_own.workdays ? to_char(d, 'YYYY-MM-DD') order by d)),
    'workdays', (p_global.workdays - array(select to_char(d, 'YYYY-MM-DD') from unnest(p_own.holidays) d))
                || p_own.workdays);
end $$;
comment on function sla.effective_document(public.calendars, public.calendars) is
  'The document a chat''s working time is computed from: its own calendar merged with the global holidays and workdays (own dates win; 24/7 takes nothing global).';

-- The merged documents of chats with their own calendar, kept by the trigger below, because merging
-- costs several times more than the computation itself and sla.breach_at runs for every request.
-- Derived data only: public.calendars is the truth.
create table sla.effective_schedules (
  chat_id bigint primary key references public.chats (id) on update cascade on delete cascade,
  document jsonb not null
);
comment on table sla.effective_schedules is
  'Cache: sla.effective_document of every chat calendar, refreshed by sla.calendars_refresh(); read by sla.get_schedule.';
alter table sla.effective_schedules enable row level security; -- no policies: only definer functions use it

create function sla.calendars_refresh() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'DELETE' and old.chat_id is null then
    raise exception 'the global calendar cannot be removed, only changed' using errcode = 'invalid_parameter_value';
  end if;
  -- Refreshes run one at a time, each reading the calendars after the previous one committed, so a chat
  -- calendar saved while the global one changes never keeps the old global dates.
  lock table sla.effective_schedules in share row exclusive mode;
  if tg_op <> 'DELETE' and new.chat_id is null then -- the global calendar changed: every merge changes
    delete from sla.effective_schedules;
    insert into sla.effective_schedules (chat_id, document)
    select own.chat_id, sla.effective_document(own, global)
    from public.calendars own cross join public.calendars global
    where own.chat_id is not null and global.chat_id is null;
    return null;
  end if;
  if tg_op <> 'INSERT' then
    delete from sla.effective_schedules e where e.chat_id = old.chat_id;
  end if;
  if tg_op <> 'DELETE' then
    insert into sla.effective_schedules (chat_id, document)
    select new.chat_id, sla.effective_document(new, global) from public.calendars global where global.chat_id is null
    on conflict (chat_id) do update set document = excluded.document;
  end if;
  return null;
end $$;
comment on function sla.calendars_refresh() is
  'Trigger: keeps sla.effective_schedules in step with public.calendars (a global change refreshes every chat).';
create trigger refresh after insert or update or delete on public.calendars
  for each row execute function sla.calendars_refresh();

-- The global default: Mon–Fri 09:00–18:00 Europe/Moscow (the column defaults). Holidays come from
-- 20261122001200_production_calendar_ru.sql.
insert into public.calendars (chat_id) values (null);

create function sla.get_schedule(p_chat_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_document jsonb;
  v_global public.calendars;
begin
  select e.document into v_document from sla.effective_schedules e where e.chat_id = p_chat_id;
  if found then
    return v_document;
  end if;
  select * into v_global from public.calendars c where c.chat_id is null;
  return sla.calendar_document(v_global);
end $$;
comment on function sla.get_schedule(bigint) is
  'Effective schedule document of a chat (own calendar merged with the global holidays/workdays), or the global one for null, an unknown chat or a chat without its own calendar. Safe to snapshot.';

-- The firm's own clock: reports, survey campaigns and anything not tied to one chat read time here.
create function sla.firm_timezone() returns text
language sql stable security definer set search_path = '' as $$
  select c.timezone from public.calendars c where c.chat_id is null
$$;
comment on function sla.firm_timezone() is 'The firm''s timezone: the IANA zone of the global calendar.';

create function public.firm_timezone() returns text
language sql stable security definer set search_path = '' as $$ select sla.firm_timezone() $$;
comment on function public.firm_timezone() is 'Console: the firm''s timezone (the global calendar''s IANA zone) for dates in reports.';

-- How a Russian accountant names a zone: by its offset from Moscow. Russia keeps no daylight saving time,
-- so the offsets are fixed; a zone outside the list is shown by its IANA name.
create function sla.zone_label(p_timezone text) returns text
language sql immutable parallel safe as $$
  select coalesce(case z.offset_hours when 0 then 'МСК' when -1 then 'МСК−1' else 'МСК+' || z.offset_hours end, p_timezone)
  from (values (1)) one (x)
  left join (values ('Europe/Moscow', 0), ('Europe/Simferopol', 0), ('Europe/Volgograd', 0), ('Europe/Kirov', 0),
                    ('Europe/Kaliningrad', -1),
                    ('Europe/Samara', 1), ('Europe/Ulyanovsk', 1), ('Europe/Astrakhan', 1), ('Europe/Saratov', 1),
                    ('Asia/Yekaterinburg', 2), ('Asia/Omsk', 3),
                    ('Asia/Novosibirsk', 4), ('Asia/Krasnoyarsk', 4), ('Asia/Barnaul', 4), ('Asia/Tomsk', 4),
                    ('Asia/Novokuznetsk', 4), ('Asia/Irkutsk', 5),
                    ('Asia/Chita', 6), ('Asia/Yakutsk', 6), ('Asia/Khandyga', 6),
                    ('Asia/Vladivostok', 7), ('Asia/Ust-Nera', 7),
                    ('Asia/Magadan', 8), ('Asia/Sakhalin', 8), ('Asia/Srednekolymsk', 8),
                    ('Asia/Kamchatka', 9), ('Asia/Anadyr', 9)) z (name, offset_hours) on z.name = p_timezone
$$;
comment on function sla.zone_label(text) is
  'Zone name for Russian texts: МСК, МСК−1 … МСК+9 for Russian zones, the IANA name for any other.';

grant execute on function sla.firm_timezone(), sla.zone_label(text) to service_role;
grant execute on function public.firm_timezone() to authenticated, service_role;

create function sla.parse_holidays(p_holidays jsonb) returns date[]
language plpgsql immutable set search_path = '' as $$
declare
  v_item jsonb;
  v_result date[] := '{}'::date[];
begin
  if jsonb_typeof(p_holidays) is distinct from 'array' then
    perform sla.schedule_error('holidays must be a list of "YYYY-MM-DD" dates');
  end if;
  for v_item in select jsonb_array_elements(p_holidays) loop
    if jsonb_typeof(v_item) <> 'string' then
      perform sla.schedule_error(format('bad date %s in holidays (expected YYYY-MM-DD)', v_item));
    end if;
    v_result := v_result || sla.to_date('holidays', v_item #>> '{}');
  end loop;
  return v_result;
end $$;
comment on function sla.parse_holidays(jsonb) is 'The holidays list of a document as dates, or a named error.';

create function sla.store_calendar(p_chat_id bigint, p_timezone text, p_is_24x7 boolean, p_week jsonb,
                                   p_holidays date[], p_workdays jsonb) returns void
language plpgsql set search_path = '' as $$
begin
  if p_chat_id is null then
    update public.calendars set timezone = p_timezone, is_24x7 = p_is_24x7, week = p_week, holidays = p_holidays,
      workdays = p_workdays where chat_id is null;
  else
    insert into public.calendars (chat_id, timezone, is_24x7, week, holidays, workdays)
    values (p_chat_id, p_timezone, p_is_24x7, p_week, p_holidays, p_workdays)
    on conflict (chat_id) do update set timezone = excluded.timezone, is_24x7 = excluded.is_24x7, week = excluded.week,
      holidays = excluded.holidays, workdays = excluded.workdays;
  end if;
end $$;
comment on function sla.store_calendar(bigint, text, boolean, jsonb, date[], jsonb) is
  'Upserts a calendar row (the row trigger validates it); used by sla.set_schedule.';

create function sla.reset_schedule(p_chat_id bigint) returns jsonb
language plpgsql set search_path = '' as $$
begin
  if p_chat_id is null then
    raise exception 'the global calendar cannot be removed, only changed' using errcode = 'invalid_parameter_value';
  end if;
  delete from public.calendars c where c.chat_id = p_chat_id;
  return sla.get_schedule(p_chat_id);
end $$;
comment on function sla.reset_schedule(bigint) is 'Removes a chat''s own calendar so that it follows the global one again; returns the new effective document.';

create function sla.set_schedule(p_chat_id bigint, p_schedule jsonb) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_key text;
  v_holidays date[];
begin
  if p_schedule is null then
    return sla.reset_schedule(p_chat_id);
  end if;
  if jsonb_typeof(p_schedule) is distinct from 'object' then
    perform sla.schedule_error('the document must be a JSON object');
  end if;
  select k into v_key from jsonb_object_keys(p_schedule) k
  where k not in ('timezone', 'is_24x7', 'week', 'holidays', 'workdays') order by k limit 1;
  if found then
    perform sla.schedule_error(format('unknown key %s (allowed: timezone, is_24x7, week, holidays, workdays)', to_jsonb(v_key)));
  end if;
  if jsonb_typeof(p_schedule -> 'timezone') is distinct from 'string' then
    perform sla.schedule_error('timezone is required (an IANA name such as "Europe/Moscow")');
  end if;
  if jsonb_typeof(coalesce(p_schedule -> 'is_24x7', 'false')) <> 'boolean' then
    perform sla.schedule_error('is_24x7 must be true or false');
  end if;
  v_holidays := sla.parse_holidays(coalesce(p_schedule -> 'holidays', '[]'));
  if p_chat_id is not null and not exists (select 1 from public.chats c where c.id = p_chat_id) then
    raise exception 'chat % is not registered', p_chat_id using errcode = 'foreign_key_violation';
  end if;
  perform sla.store_calendar(p_chat_id, p_schedule ->> 'timezone', coalesce((p_schedule ->> 'is_24x7')::boolean, false),
                             coalesce(p_schedule -> 'week', '{}'), v_holidays, coalesce(p_schedule -> 'workdays', '{}'));
  return sla.get_schedule(p_chat_id);
end $$;

comment on function sla.set_schedule(bigint, jsonb) is
  'Replaces a calendar from a schedule document (chat_id null = the global calendar; a null document removes the chat''s own calendar). A bad document raises 22023 "schedule: <problem>" and changes nothing. Missing keys: is_24x7 false, week days without hours, no holidays/workdays. Returns the effective document.';

grant execute on function sla.get_schedule(bigint), sla.set_schedule(bigint, jsonb), sla.reset_schedule(bigint),
  sla.store_calendar(bigint, text, boolean, jsonb, date[], jsonb), sla.parse_holidays(jsonb),
  sla.schedule_error(text), sla.to_date(text, text), sla.calendar_document(public.calendars),
  sla.effective_document(public.calendars, public.calendars) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Who may read and change calendars (same matrix as chats): every staff member reads the global
-- calendar; chat calendars are read by whoever sees the chat; managers and admins change chat
-- calendars; only admins change the global calendar; nobody deletes it.
-- ---------------------------------------------------------------------------------------------------

alter table public.calendars enable row level security;
create policy calendars_select on public.calendars for select to authenticated
  using ((chat_id is null and (select authz.role()) is not null) or (select authz.sees_all_chats())
         or chat_id in (select authz.my_chat_ids()));
create policy calendars_manager_insert on public.calendars for insert to authenticated
  with check ((select authz.is_manager()) and (chat_id is not null or (select authz.is_admin())));
create policy calendars_manager_update on public.calendars for update to authenticated
  using ((select authz.is_manager()) and (chat_id is not null or (select authz.is_admin())))
  with check ((select authz.is_manager()) and (chat_id is not null or (select authz.is_admin())));
create policy calendars_manager_delete on public.calendars for delete to authenticated
  using (chat_id is not null and (select authz.is_manager()));

-- ---------------------------------------------------------------------------------------------------
-- Console RPCs (PostgREST, authenticated). The checks mirror the policies above, with clear messages.
-- ---------------------------------------------------------------------------------------------------

create function public.get_chat_schedule(p_chat_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if authz.role() is null
     or (p_chat_id is not null and not authz.sees_all_chats() and p_chat_id not in (select authz.my_chat_ids())) then
    raise exception 'not allowed to read this calendar' using errcode = 'insufficient_privilege';
  end if;
  if p_chat_id is not null and not exists (select 1 from public.chats c where c.id = p_chat_id) then
    raise exception 'chat % not found', p_chat_id using errcode = 'no_data_found';
  end if;
  return (
    select jsonb_build_object('chat_id', p_chat_id, 'inherited', p_chat_id is not null and own.id is null,
                              'schedule', sla.calendar_document(coalesce(own, global)),
                              'effective', sla.get_schedule(p_chat_id))
    from public.calendars global
    left join public.calendars own on own.chat_id = p_chat_id
    where global.chat_id is null);
end $$;
comment on function public.get_chat_schedule(bigint) is
  'Console: {chat_id, inherited, schedule, effective}. schedule = the editable document (the chat''s own calendar, or the global one when inherited = true); effective = what working time is computed from. Null chat = the global calendar.';

create function public.set_chat_schedule(p_chat_id bigint, p_schedule jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if p_chat_id is null and not authz.is_admin() then
    raise exception 'only an admin may change the global calendar' using errcode = 'insufficient_privilege';
  end if;
  if not authz.is_manager() then
    raise exception 'only a manager or an admin may change a chat calendar' using errcode = 'insufficient_privilege';
  end if;
  perform sla.set_schedule(p_chat_id, p_schedule);
  return public.get_chat_schedule(p_chat_id);
end $$;
comment on function public.set_chat_schedule(bigint, jsonb) is
  'Console: replaces a chat''s calendar (manager/admin) or the global one (null chat, admin only); a null document makes the chat follow the global calendar again. Returns get_chat_schedule.';

grant execute on function public.get_chat_schedule(bigint), public.set_chat_schedule(bigint, jsonb) to authenticated;
