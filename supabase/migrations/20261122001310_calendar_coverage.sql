-- =====================================================================================================
-- Calendar coverage: the production calendar never silently runs out.
--
-- The global calendar covers a year once it lists any holiday in it (every Russian year has the New Year
-- holidays); it is covered until 31 December of the last such year. It is short when the firm's current
-- year is not covered, or — from 1 November on, in the firm's timezone — next year is not. The console
-- (dashboard, calendar page), /diagnose (the `calendar` row of public.chat_health) and the relay's
-- metric buhbot_calendar_covered_until_timestamp_seconds (alert CalendarNotCovered) all read it here.
-- =====================================================================================================

create function sla.calendar_coverage(p_now timestamptz) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('covered_until', c.covered_until, 'needed_until', c.needed_until,
    'ok', coalesce(c.covered_until >= c.needed_until, false),
    -- The instant coverage ends (the firm's midnight after the last covered day); 0 when nothing is covered.
    'covered_until_epoch', coalesce(extract(epoch from (c.covered_until + 1)::timestamp at time zone c.zone)::bigint, 0),
    'detail', case when c.covered_until >= c.needed_until
                     then format('Производственный календарь заполнен по %s', to_char(c.covered_until, 'DD.MM.YYYY'))
                   when c.covered_until is null
                     then 'Производственный календарь не заполнен — загрузите его в консоли (Настройки → Общий календарь)'
                   else format('Производственный календарь заполнен только по %s — загрузите календарь на %s год в консоли (Настройки → Общий календарь)',
                               to_char(c.covered_until, 'DD.MM.YYYY'), extract(year from c.covered_until)::integer + 1) end)
  from (select g.timezone as zone,
               make_date(extract(year from (select max(h) from unnest(g.holidays) h))::integer, 12, 31) as covered_until,
               make_date(extract(year from today)::integer + case when extract(month from today) >= 11 then 1 else 0 end, 12, 31)
                 as needed_until
        from public.calendars g
        cross join lateral (select (p_now at time zone g.timezone)::date as today) t
        where g.chat_id is null) c
$$;
comment on function sla.calendar_coverage(timestamptz) is
  'Coverage of the global calendar at p_now: {covered_until, needed_until, ok, covered_until_epoch, detail (Russian sentence)}. Short = the current year, or from 1 November the next one, has no holidays.';

create function public.calendar_coverage() returns jsonb
language sql stable security definer set search_path = '' as $$
  select sla.calendar_coverage(now()) where authz.role() is not null
$$;
comment on function public.calendar_coverage() is 'Console: sla.calendar_coverage at the server''s clock, for staff (null for anyone else).';

grant execute on function sla.calendar_coverage(timestamptz) to service_role;
grant execute on function public.calendar_coverage() to authenticated;
