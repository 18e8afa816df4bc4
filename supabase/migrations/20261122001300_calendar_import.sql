-- =====================================================================================================
-- Importing a production calendar into the global calendar, from the two formats firms have at hand:
--   * the XML format in common use for Russian production calendars (one file per year):
--       <calendar year="2028"> … <days><day d="MM.DD" t="1|2|3" [f="MM.DD"] [h="…"]/> … </days></calendar>
--     t = 1 day off → holidays; t = 2 shortened working day → short_days; t = 3 working weekend day →
--     transfers. A working weekend day (t = 3, or t = 2 on a Saturday/Sunday) works like the weekday of its
--     partner: the date in its own f attribute, else the day off whose f names it (the day off moved away
--     from it), else Monday. Days not listed follow the week.
--   * an iCalendar (.ics) holiday feed: every VEVENT's dates (DTSTART, up to the exclusive DTEND) are
--     days off. It says nothing about short days or transfers.
-- An import replaces the global calendar's dates of the years the file covers (holidays, and for XML
-- also transfers and short days; what a holiday feed marks as a day off cancels a kept transfer or short
-- day on that date). Other years, the week, the timezone and workdays stay. Importing the same file twice
-- changes nothing the second time (no update, no audit row). A file that cannot be read is refused as a
-- whole with a Russian message naming its line (ICS, malformed XML) or element (XML), and nothing changes.
-- =====================================================================================================

-- The calendar a file describes: {"format", "years": [int], "holidays": [date], "transfers": {date: weekday},
-- "short_days": [date]}; every parser below returns this shape or raises 22023 with a Russian message.
create function sla.import_error(p_message text) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception '%', p_message using errcode = 'invalid_parameter_value';
end $$;
comment on function sla.import_error(text) is 'Refuses a calendar file (22023) with a Russian message for the admin who uploaded it.';

-- "MM.DD" of a given year, or null when it is no such date.
create function sla.xml_calendar_date(p_year integer, p_month_day text) returns date
language sql immutable set search_path = '' as $$
  select case when p_month_day ~ '^\d{2}\.\d{2}$' then sla.date_or_null(p_year || '-' || replace(p_month_day, '.', '-')) end
$$;
comment on function sla.xml_calendar_date(integer, text) is 'A day of the XML format ("MM.DD") in a year; null when malformed or impossible.';

-- One <day> element as {"day", "type", "from"}, checked.
create function sla.xml_calendar_day(p_year integer, p_element xml) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_d text := (xpath('/*/@d', p_element))[1]::text;
  v_t text := (xpath('/*/@t', p_element))[1]::text;
  v_f text := (xpath('/*/@f', p_element))[1]::text;
begin
  if sla.xml_calendar_date(p_year, v_d) is null then
    perform sla.import_error(format('Неверная дата в элементе %s: ожидается d="ММ.ДД" — день %s года.', p_element, p_year));
  end if;
  if v_t is null or v_t not in ('1', '2', '3') then
    perform sla.import_error(format('Неизвестный тип дня в элементе %s: ожидается t="1" (выходной), "2" (сокращённый) или "3" (рабочий).',
                                    p_element));
  end if;
  if v_f is not null and sla.xml_calendar_date(p_year, v_f) is null then
    perform sla.import_error(format('Неверная дата переноса в элементе %s: ожидается f="ММ.ДД".', p_element));
  end if;
  return jsonb_build_object('day', sla.xml_calendar_date(p_year, v_d), 'type', v_t::integer,
                            'from', sla.xml_calendar_date(p_year, v_f), 'element', p_element::text);
end $$;
comment on function sla.xml_calendar_day(integer, xml) is 'One <day> element of the XML format, checked: {day, type, from, element}.';

create function sla.xml_calendar_kinds(p_year integer, p_days jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_twice text;
begin
  select min(d ->> 'element') into v_twice from jsonb_array_elements(p_days) d
  group by d ->> 'day' having count(*) > 1 order by d ->> 'day' limit 1;
  if v_twice is not null then
    perform sla.import_error(format('Дата элемента %s указана в файле дважды.', v_twice));
  end if;
  return (
    with days as (
      select (d ->> 'day')::date as day, (d ->> 'type')::integer as type, (d ->> 'from')::date as moved_from
      from jsonb_array_elements(p_days) d
    ), working_weekends as (
      select w.day, coalesce(extract(isodow from coalesce(w.moved_from,
                               (select min(o.day) from days o where o.type = 1 and o.moved_from = w.day)))::integer, 1) as weekday
      from days w where w.type = 3 or (w.type = 2 and extract(isodow from w.day) >= 6)
    )
    select jsonb_build_object('format', 'xml', 'years', jsonb_build_array(p_year),
      'holidays', coalesce((select jsonb_agg(day order by day) from days where type = 1), '[]'),
      'transfers', coalesce((select jsonb_object_agg(day, weekday) from working_weekends), '{}'),
      'short_days', coalesce((select jsonb_agg(day order by day) from days where type = 2), '[]')));
end $$;
comment on function sla.xml_calendar_kinds(integer, jsonb) is
  'The checked <day> elements of one year as day kinds; a working weekend day works like its partner''s weekday (its f date, else the day off moved from it, else Monday).';

create function sla.parse_calendar_xml(p_content text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_doc xml;
  v_year integer;
  v_days jsonb := '[]';
  v_day xml;
  v_detail text;
begin
  begin
    v_doc := xmlparse(document p_content);
  exception when invalid_xml_document or invalid_xml_content then
    get stacked diagnostics v_detail = pg_exception_detail;
    perform sla.import_error(format('Файл не читается как XML: ошибка разметки в строке %s.',
                                    coalesce(substring(v_detail from 'line (\d+)'), '?')));
  end;
  if (xpath('name(/*)', v_doc))[1]::text <> 'calendar' or coalesce((xpath('/calendar/@year', v_doc))[1]::text, '') !~ '^\d{4}$' then
    perform sla.import_error('Корневой элемент файла должен быть <calendar year="ГГГГ">.');
  end if;
  v_year := (xpath('/calendar/@year', v_doc))[1]::text::integer;
  foreach v_day in array xpath('/calendar/days/day', v_doc) loop
    v_days := v_days || sla.xml_calendar_day(v_year, v_day);
  end loop;
  if v_days = '[]' then
    perform sla.import_error('В файле нет ни одного дня: ожидаются элементы <day> внутри <days>.');
  end if;
  return sla.xml_calendar_kinds(v_year, v_days);
end $$;
comment on function sla.parse_calendar_xml(text) is 'The calendar of a production-calendar XML file, or a Russian error naming the line or element.';

-- The logical lines of an iCalendar text with their first physical line's number: a line starting with a
-- space or tab continues the one before (RFC 5545 folding).
create function sla.ics_lines(p_content text) returns table (number integer, line text)
language sql immutable set search_path = '' as $$
  with physical as (
    select n::integer as n, rtrim(l, E'\r') as l from unnest(regexp_split_to_array(p_content, '\n')) with ordinality p (l, n)
  ), numbered as (
    select n, l, count(*) filter (where l !~ '^[ \t]') over (order by n) as logical from physical
  )
  select min(n)::integer, string_agg(case when l ~ '^[ \t]' then substr(l, 2) else l end, '' order by n)
  from numbered where logical > 0
  group by logical having string_agg(l, '') <> ''
  order by 1
$$;
comment on function sla.ics_lines(text) is 'Unfolded iCalendar content lines, each with the number of the physical line it starts on; blank lines dropped.';

-- The date of a DTSTART/DTEND value (YYYYMMDD, optionally followed by a time), or null.
create function sla.ics_date(p_value text) returns date
language sql immutable set search_path = '' as $$
  select case when p_value ~ '^\d{8}(T\d{6}Z?)?$'
              then sla.date_or_null(format('%s-%s-%s', left(p_value, 4), substr(p_value, 5, 2), substr(p_value, 7, 2))) end
$$;
comment on function sla.ics_date(text) is 'The date of an iCalendar DATE or DATE-TIME value; null when malformed.';

create function sla.parse_calendar_ics(p_content text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_line record;
  v_name text;
  v_value text;
  v_event integer;        -- line where the open VEVENT began; null outside events
  v_start date;
  v_end date;
  v_first boolean := true;
  v_ended boolean := false;
  v_days date[] := '{}';
begin
  for v_line in select * from sla.ics_lines(p_content) loop
    v_name := upper(substring(v_line.line from '^[A-Za-z-]+'));
    v_value := substring(v_line.line from ':(.*)$');
    if v_first and upper(v_line.line) <> 'BEGIN:VCALENDAR' then
      perform sla.import_error(format('Строка %s: файл iCalendar должен начинаться с BEGIN:VCALENDAR.', v_line.number));
    end if;
    v_first := false;
    if upper(v_line.line) = 'BEGIN:VEVENT' then
      if v_event is not null then
        perform sla.import_error(format('Строка %s: новое событие внутри события из строки %s (нет END:VEVENT).', v_line.number, v_event));
      end if;
      v_event := v_line.number; v_start := null; v_end := null;
    elsif upper(v_line.line) = 'END:VEVENT' then
      if v_event is null or v_start is null or v_end <= v_start then
        perform sla.import_error(format('Строка %s: %s.', v_line.number, case when v_event is null then 'END:VEVENT без BEGIN:VEVENT'
          when v_start is null then format('у события из строки %s нет DTSTART', v_event) else 'DTEND события не позже DTSTART' end));
      end if;
      v_days := v_days || array(select generate_series(v_start, coalesce(v_end - 1, v_start), interval '1 day')::date);
      v_event := null;
    elsif v_event is not null and v_name in ('DTSTART', 'DTEND') and sla.ics_date(v_value) is null then
      perform sla.import_error(format('Строка %s: не разобрать дату «%s» в %s (ожидается ГГГГММДД).', v_line.number, v_value, v_name));
    elsif v_event is not null and v_name in ('DTSTART', 'DTEND') then
      if v_name = 'DTSTART' then v_start := sla.ics_date(v_value); else v_end := sla.ics_date(v_value); end if;
    elsif v_event is not null and v_name = 'RRULE' then
      perform sla.import_error(format('Строка %s: повторяющиеся события (RRULE) не поддерживаются — нужен календарь с отдельными датами.', v_line.number));
    elsif upper(v_line.line) = 'END:VCALENDAR' then
      v_ended := true;
    end if;
  end loop;
  if v_event is not null or not v_ended then
    perform sla.import_error(case when v_event is not null then format('Событие из строки %s не закрыто (нет END:VEVENT).', v_event)
                                  else 'Нет строки END:VCALENDAR: файл обрезан или это не iCalendar.' end);
  end if;
  if v_days = '{}' then
    perform sla.import_error('В файле нет ни одного события с датой (VEVENT с DTSTART).');
  end if;
  return jsonb_build_object('format', 'ics', 'transfers', '{}'::jsonb, 'short_days', '[]'::jsonb,
    'years', (select jsonb_agg(distinct extract(year from d)::integer) from unnest(v_days) d),
    'holidays', (select jsonb_agg(distinct d) from unnest(v_days) d));
end $$;
comment on function sla.parse_calendar_ics(text) is 'The days off of an iCalendar holiday feed, or a Russian error naming the line.';

-- ---------------------------------------------------------------------------------------------------
-- What an import changes, and applying it.
-- ---------------------------------------------------------------------------------------------------

-- The global calendar's day kinds after importing a parsed file: the file's years take the file's dates
-- for every kind it describes (an .ics describes holidays only); its holidays also cancel any kept
-- transfer or short day on those dates.
create function sla.imported_calendar(p_global public.calendars, p_file jsonb) returns public.calendars
language plpgsql stable set search_path = '' as $$
declare
  v_years integer[] := array(select jsonb_array_elements_text(p_file -> 'years')::integer);
  v_all_kinds boolean := p_file ->> 'format' = 'xml';
  v_holidays date[] := array(select jsonb_array_elements_text(p_file -> 'holidays')::date);
  v_result public.calendars := p_global;
begin
  v_result.holidays := array(select d from unnest(p_global.holidays) d where extract(year from d)::integer <> all (v_years)
                             union select unnest(v_holidays) order by 1);
  v_result.transfers := coalesce((select jsonb_object_agg(t.key, t.value) from jsonb_each(p_global.transfers) t
                                  where not (v_all_kinds and extract(year from t.key::date)::integer = any (v_years))
                                    and t.key::date <> all (v_holidays)), '{}') || (p_file -> 'transfers');
  v_result.short_days := array(select d from unnest(p_global.short_days) d
                               where not (v_all_kinds and extract(year from d)::integer = any (v_years)) and d <> all (v_holidays)
                               union select jsonb_array_elements_text(p_file -> 'short_days')::date order by 1);
  return v_result;
end $$;
comment on function sla.imported_calendar(public.calendars, jsonb) is
  'The global calendar row as it would be after importing a parsed calendar file (only its day kinds differ).';

-- Added and removed entries of one kind: dates (holidays, short_days) or date → weekday (transfers).
create function sla.kind_changes(p_before jsonb, p_after jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select case when jsonb_typeof(p_after) = 'object' then jsonb_build_object(
      'added', coalesce((select jsonb_object_agg(key, value) from jsonb_each(p_after) a where not p_before @> jsonb_build_object(key, value)), '{}'),
      'removed', coalesce((select jsonb_object_agg(key, value) from jsonb_each(p_before) b where not p_after @> jsonb_build_object(key, value)), '{}'))
    else jsonb_build_object(
      'added', coalesce((select jsonb_agg(e order by e) from jsonb_array_elements(p_after) e where not p_before @> jsonb_build_array(e)), '[]'),
      'removed', coalesce((select jsonb_agg(e order by e) from jsonb_array_elements(p_before) e where not p_after @> jsonb_build_array(e)), '[]'))
    end
$$;
comment on function sla.kind_changes(jsonb, jsonb) is 'What differs between two versions of one day kind: {added, removed}.';

create function sla.import_calendar(p_content text, p_apply boolean) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_content text := ltrim(replace(coalesce(p_content, ''), chr(65279), ''), E' \t\r\n'); -- a BOM is no content
  v_file jsonb;
  v_global public.calendars;
  v_after public.calendars;
  v_preview jsonb;
begin
  if octet_length(v_content) > 1048576 then
    perform sla.import_error('Файл больше 1 МБ: производственный календарь на год занимает несколько килобайт.');
  end if;
  v_file := case when v_content like '<%' then sla.parse_calendar_xml(v_content)
                 when upper(v_content) like 'BEGIN:VCALENDAR%' then sla.parse_calendar_ics(v_content) end;
  if v_file is null then
    perform sla.import_error('Неизвестный формат файла: ожидается XML производственного календаря или календарь iCalendar (.ics).');
  end if;
  select * into v_global from public.calendars c where c.chat_id is null for update;
  v_after := sla.imported_calendar(v_global, v_file);
  v_preview := jsonb_build_object('format', v_file -> 'format', 'years', v_file -> 'years',
    'holidays', sla.kind_changes(to_jsonb(v_global.holidays), to_jsonb(v_after.holidays)),
    'transfers', sla.kind_changes(v_global.transfers, v_after.transfers),
    'short_days', sla.kind_changes(to_jsonb(v_global.short_days), to_jsonb(v_after.short_days)));
  v_preview := v_preview || jsonb_build_object('changes', (
    select coalesce(sum(case jsonb_typeof(c.value) when 'array' then jsonb_array_length(c.value)
                                                  else (select count(*) from jsonb_object_keys(c.value)) end), 0)
    from jsonb_each(v_preview - 'format' - 'years') k, jsonb_each(k.value) c));
  if p_apply and (v_preview ->> 'changes')::integer > 0 then
    update public.calendars set holidays = v_after.holidays, transfers = v_after.transfers, short_days = v_after.short_days
    where chat_id is null;
  end if;
  return v_preview || jsonb_build_object('applied', p_apply and (v_preview ->> 'changes')::integer > 0);
end $$;
comment on function sla.import_calendar(text, boolean) is
  'Imports a production calendar (XML or .ics, told apart by content) into the global calendar: returns {format, years, holidays/transfers/short_days: {added, removed}, changes, applied}; p_apply false = preview only. A bad file raises 22023 with a Russian message and changes nothing.';

create function public.import_calendar(p_content text, p_apply boolean default false) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if not authz.is_admin() then
    raise exception 'only an admin may import the production calendar' using errcode = 'insufficient_privilege';
  end if;
  return sla.import_calendar(p_content, p_apply);
end $$;
comment on function public.import_calendar(text, boolean) is
  'Console (admin): preview (p_apply false) or apply a production-calendar file to the global calendar; see sla.import_calendar.';

grant execute on function sla.import_calendar(text, boolean), sla.import_error(text), sla.xml_calendar_date(integer, text),
  sla.xml_calendar_day(integer, xml), sla.xml_calendar_kinds(integer, jsonb), sla.parse_calendar_xml(text), sla.ics_lines(text),
  sla.ics_date(text), sla.parse_calendar_ics(text), sla.imported_calendar(public.calendars, jsonb), sla.kind_changes(jsonb, jsonb)
  to service_role;
grant execute on function public.import_calendar(text, boolean) to authenticated;
