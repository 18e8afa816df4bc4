-- =====================================================================================================
-- Schedule documents: a chat's effective calendar as one JSON document (its own calendar merged with the
-- global day kinds, rules in 20261122001000_calendars.sql), kept ready in
-- sla.effective_schedules; reading and replacing a calendar as a document (sla.get_schedule,
-- sla.set_schedule); the firm's timezone and how texts name a zone.
-- =====================================================================================================

-- ---------------------------------------------------------------------------------------------------
-- Documents
-- ---------------------------------------------------------------------------------------------------

create function sla.calendar_document(p_calendar public.calendars) returns jsonb
language sql stable as $$
  select jsonb_build_object('timezone', p_calendar.timezone, 'is_24x7', p_calendar.is_24x7, 'week', p_calendar.week,
                            'holidays', to_jsonb(p_calendar.holidays), 'workdays', p_calendar.workdays,
                            'transfers', p_calendar.transfers, 'short_days', to_jsonb(p_calendar.short_days))
$$;
comment on function sla.calendar_document(public.calendars) is 'One calendar row as a schedule document, exactly as stored (no global merge).';

create function sla.effective_document(p_own public.calendars, p_global public.calendars) returns jsonb
language plpgsql stable as $$
declare
  v_own_holidays text[] := array(select to_char(d, 'YYYY-MM-DD') from unnest(p_own.holidays) d);
begin
  if p_own.is_24x7 then
    return sla.calendar_document(p_own);
  end if;
  -- Own dates win: a global holiday gives way to the chat's own working kinds, and every global working
  -- kind gives way to the chat's own holiday.
  return sla.calendar_document(p_own) || jsonb_build_object(
    'holidays', to_jsonb(array(select distinct d from unnest(p_global.holidays || p_own.holidays) d
                               where not p_own.workdays ? to_char(d, 'YYYY-MM-DD')
                                 and not p_own.transfers ? to_char(d, 'YYYY-MM-DD')
                                 and d <> all (p_own.short_days) order by d)),
    'workdays', (p_global.workdays - v_own_holidays) || p_own.workdays,
    'transfers', (p_global.transfers - v_own_holidays) || p_own.transfers,
    'short_days', to_jsonb(array(select distinct d from unnest(p_global.short_days || p_own.short_days) d
                                 where d <> all (p_own.holidays) order by d)));
end $$;
comment on function sla.effective_document(public.calendars, public.calendars) is
  'The document a chat''s working time is computed from: its own calendar merged with the global day kinds (own dates win; 24/7 takes nothing global).';

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

create function sla.parse_dates(p_where text, p_dates jsonb) returns date[]
language plpgsql immutable set search_path = '' as $$
declare
  v_item jsonb;
  v_result date[] := '{}'::date[];
begin
  if jsonb_typeof(p_dates) is distinct from 'array' then
    perform sla.schedule_error(format('%s must be a list of "YYYY-MM-DD" dates', p_where));
  end if;
  for v_item in select jsonb_array_elements(p_dates) loop
    if jsonb_typeof(v_item) <> 'string' then
      perform sla.schedule_error(format('bad date %s in %s (expected YYYY-MM-DD)', v_item, p_where));
    end if;
    v_result := v_result || sla.to_date(p_where, v_item #>> '{}');
  end loop;
  return v_result;
end $$;
comment on function sla.parse_dates(text, jsonb) is 'A date list of a document (holidays, short_days) as dates, or an error naming the list.';

create function sla.store_calendar(p_calendar public.calendars) returns void
language plpgsql set search_path = '' as $$
begin
  if p_calendar.chat_id is null then
    update public.calendars set timezone = p_calendar.timezone, is_24x7 = p_calendar.is_24x7, week = p_calendar.week,
      holidays = p_calendar.holidays, workdays = p_calendar.workdays, transfers = p_calendar.transfers,
      short_days = p_calendar.short_days
    where chat_id is null;
  else
    insert into public.calendars (chat_id, timezone, is_24x7, week, holidays, workdays, transfers, short_days)
    values (p_calendar.chat_id, p_calendar.timezone, p_calendar.is_24x7, p_calendar.week, p_calendar.holidays,
            p_calendar.workdays, p_calendar.transfers, p_calendar.short_days)
    on conflict (chat_id) do update set timezone = excluded.timezone, is_24x7 = excluded.is_24x7, week = excluded.week,
      holidays = excluded.holidays, workdays = excluded.workdays, transfers = excluded.transfers,
      short_days = excluded.short_days;
  end if;
end $$;
comment on function sla.store_calendar(public.calendars) is
  'Upserts a calendar row from its chat_id and document columns (the row trigger validates it); used by sla.set_schedule.';

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
  v_calendar public.calendars;
begin
  if p_schedule is null then
    return sla.reset_schedule(p_chat_id);
  end if;
  if jsonb_typeof(p_schedule) is distinct from 'object' then
    perform sla.schedule_error('the document must be a JSON object');
  end if;
  select k into v_key from jsonb_object_keys(p_schedule) k
  where k not in ('timezone', 'is_24x7', 'week', 'holidays', 'workdays', 'transfers', 'short_days') order by k limit 1;
  if found then
    perform sla.schedule_error(format('unknown key %s (allowed: timezone, is_24x7, week, holidays, workdays, transfers, short_days)',
                                      to_jsonb(v_key)));
  end if;
  if jsonb_typeof(p_schedule -> 'timezone') is distinct from 'string' then
    perform sla.schedule_error('timezone is required (an IANA name such as "Europe/Moscow")');
  end if;
  if jsonb_typeof(coalesce(p_schedule -> 'is_24x7', 'false')) <> 'boolean' then
    perform sla.schedule_error('is_24x7 must be true or false');
  end if;
  v_calendar.chat_id := p_chat_id;
  v_calendar.timezone := p_schedule ->> 'timezone';
  v_calendar.is_24x7 := coalesce((p_schedule ->> 'is_24x7')::boolean, false);
  v_calendar.week := coalesce(p_schedule -> 'week', '{}');
  v_calendar.holidays := sla.parse_dates('holidays', coalesce(p_schedule -> 'holidays', '[]'));
  v_calendar.workdays := coalesce(p_schedule -> 'workdays', '{}');
  v_calendar.transfers := coalesce(p_schedule -> 'transfers', '{}');
  v_calendar.short_days := sla.parse_dates('short_days', coalesce(p_schedule -> 'short_days', '[]'));
  if p_chat_id is not null and not exists (select 1 from public.chats c where c.id = p_chat_id) then
    raise exception 'chat % is not registered', p_chat_id using errcode = 'foreign_key_violation';
  end if;
  perform sla.store_calendar(v_calendar);
  return sla.get_schedule(p_chat_id);
end $$;

comment on function sla.set_schedule(bigint, jsonb) is
  'Replaces a calendar from a schedule document (chat_id null = the global calendar; a null document removes the chat''s own calendar). A bad document raises 22023 "schedule: <problem>" and changes nothing. Missing keys: is_24x7 false, week days without hours, no holidays/workdays/transfers/short_days. Returns the effective document.';

grant execute on function sla.get_schedule(bigint), sla.set_schedule(bigint, jsonb), sla.reset_schedule(bigint),
  sla.store_calendar(public.calendars), sla.parse_dates(text, jsonb),
  sla.schedule_error(text), sla.to_date(text, text), sla.date_or_null(text), sla.calendar_document(public.calendars),
  sla.effective_document(public.calendars, public.calendars) to service_role;
