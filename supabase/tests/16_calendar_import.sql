-- Importing a production calendar (sla.import_calendar / public.import_calendar), with the fixture files
-- in fixtures/: the preview of what changes, applying it, importing the same file again (nothing changes,
-- no audit row), what the imported days do to working time, who may import, and a table of broken files —
-- each refused with its own Russian message naming the line or element, changing nothing.
-- Run from the repository root (as the pgtap suite does): the fixtures are read with psql.
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql
\set calendar_xml `cat supabase/tests/fixtures/production_calendar_2028.xml`
\set holidays_ics `cat supabase/tests/fixtures/holidays_2029.ics`
create temp table files (name text primary key, content text);
insert into files values ('xml', :'calendar_xml'), ('ics', :'holidays_ics');

create function pg_temp.file(p_name text) returns text language sql as $$ select content from files where name = p_name $$;
create function pg_temp.global_row() returns jsonb language sql as $$
  select to_jsonb(c) - 'updated_at' from public.calendars c where c.chat_id is null
$$;
create function pg_temp.audit_rows() returns bigint language sql as $$
  select count(*) from public.audit_log where table_name = 'calendars'
$$;

-- Broken files: each must be refused with exactly this message (SQLSTATE 22023).
create temp table bad_files (name text, content text, message text);
insert into bad_files values
  ('empty',                '', 'Неизвестный формат файла: ожидается XML производственного календаря или календарь iCalendar (.ics).'),
  ('plain text',           ' 01.01.2028 выходной', 'Неизвестный формат файла: ожидается XML производственного календаря или календарь iCalendar (.ics).'),
  ('XML tag mismatch',     E'<calendar year="2028">\n<days>\n<day d="01.01" t="1">\n</days>\n</calendar>',
                           'Файл не читается как XML: ошибка разметки в строке 4.'),
  ('XML other root',       '<holidays year="2028"/>', 'Корневой элемент файла должен быть <calendar year="ГГГГ">.'),
  ('XML no year',          '<calendar><days><day d="01.01" t="1"/></days></calendar>', 'Корневой элемент файла должен быть <calendar year="ГГГГ">.'),
  ('XML no days',          '<calendar year="2028"><days/></calendar>', 'В файле нет ни одного дня: ожидаются элементы <day> внутри <days>.'),
  ('XML 30 February',      '<calendar year="2028"><days><day d="01.01" t="1"/><day d="02.30" t="1"/></days></calendar>',
                           'Неверная дата в элементе <day d="02.30" t="1"/>: ожидается d="ММ.ДД" — день 2028 года.'),
  ('XML day first',        '<calendar year="2028"><days><day d="23.02" t="1"/></days></calendar>',
                           'Неверная дата в элементе <day d="23.02" t="1"/>: ожидается d="ММ.ДД" — день 2028 года.'),
  ('XML type 4',           '<calendar year="2028"><days><day d="01.01" t="4"/></days></calendar>',
                           'Неизвестный тип дня в элементе <day d="01.01" t="4"/>: ожидается t="1" (выходной), "2" (сокращённый) или "3" (рабочий).'),
  ('XML no type',          '<calendar year="2028"><days><day d="01.01"/></days></calendar>',
                           'Неизвестный тип дня в элементе <day d="01.01"/>: ожидается t="1" (выходной), "2" (сокращённый) или "3" (рабочий).'),
  ('XML bad from',         '<calendar year="2028"><days><day d="05.08" t="1" f="5.6"/></days></calendar>',
                           'Неверная дата переноса в элементе <day d="05.08" t="1" f="5.6"/>: ожидается f="ММ.ДД".'),
  ('XML date twice',       '<calendar year="2028"><days><day d="01.01" t="1"/><day d="01.01" t="2"/></days></calendar>',
                           'Дата элемента <day d="01.01" t="1"/> указана в файле дважды.'),
  ('ICS cut short',        E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20290101\nEND:VEVENT\n', 'Нет строки END:VCALENDAR: файл обрезан или это не iCalendar.'),
  ('ICS bad date',         E'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2029-01-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
                           'Строка 4: не разобрать дату «2029-01-01» в DTSTART (ожидается ГГГГММДД).'),
  ('ICS 30 February',      E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20290230\nEND:VEVENT\nEND:VCALENDAR',
                           'Строка 3: не разобрать дату «20290230» в DTSTART (ожидается ГГГГММДД).'),
  ('ICS no DTSTART',       E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Праздник\nEND:VEVENT\nEND:VCALENDAR', 'Строка 4: у события из строки 2 нет DTSTART.'),
  ('ICS end before start', E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20290105\nDTEND;VALUE=DATE:20290105\nEND:VEVENT\nEND:VCALENDAR',
                           'Строка 5: DTEND события не позже DTSTART.'),
  ('ICS nested event',     E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20290101\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR',
                           'Строка 4: новое событие внутри события из строки 2 (нет END:VEVENT).'),
  ('ICS stray end',        E'BEGIN:VCALENDAR\nEND:VEVENT\nEND:VCALENDAR', 'Строка 2: END:VEVENT без BEGIN:VEVENT.'),
  ('ICS open event',       E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20290101\nEND:VCALENDAR', 'Событие из строки 2 не закрыто (нет END:VEVENT).'),
  ('ICS recurring',        E'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20290101\nRRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR',
                           'Строка 4: повторяющиеся события (RRULE) не поддерживаются — нужен календарь с отдельными датами.'),
  ('ICS no events',        E'BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR', 'В файле нет ни одного события с датой (VEVENT с DTSTART).'),
  ('ICS other first line', E'BEGIN:VCALENDARX\nEND:VCALENDAR', 'Строка 1: файл iCalendar должен начинаться с BEGIN:VCALENDAR.'),
  ('too big',              '<calendar year="2028">' || repeat(' ', 1048576) || '</calendar>',
                           'Файл больше 1 МБ: производственный календарь на год занимает несколько килобайт.');

select plan(15 + (select count(*)::int from bad_files) + 1);

-- ---- XML: preview, apply, apply again ----
create temp table before_import as select pg_temp.global_row() as row, pg_temp.audit_rows() as audit;
select is(sla.import_calendar(pg_temp.file('xml'), false),
          '{"format": "xml", "years": [2028], "applied": false, "changes": 21,
            "holidays": {"added": ["2028-01-01", "2028-01-02", "2028-01-03", "2028-01-04", "2028-01-05", "2028-01-06", "2028-01-07",
                                   "2028-01-08", "2028-01-10", "2028-02-23", "2028-03-08", "2028-05-01", "2028-05-08", "2028-05-09",
                                   "2028-06-12", "2028-11-04"], "removed": []},
            "transfers": {"added": {"2028-05-06": 1}, "removed": {}},
            "short_days": {"added": ["2028-02-22", "2028-03-07", "2028-06-09", "2028-11-03"], "removed": []}}'::jsonb,
          'XML preview: 16 days off, Saturday 6 May works as Monday 8 May (the day off moved from it), 4 short days');
select is(pg_temp.global_row(), (select row from before_import), 'a preview changes nothing');
select is((sla.import_calendar(pg_temp.file('xml'), true) ->> 'applied')::boolean, true, 'XML applied');
select is(sla.working_seconds(null, '2028-05-05T21:00Z', '2028-05-09T21:00Z') / 3600, 9::bigint,
          'Sat 6 May 2028 works 09:00-18:00, Mon 8 and Tue 9 May are off');
select is(sla.working_seconds(null, '2028-02-21T21:00Z', '2028-02-22T21:00Z') / 3600, 8::bigint, 'Tue 22 Feb 2028 is an hour shorter');
select ok(sla.get_schedule(null) -> 'holidays' @> '["2025-01-01", "2026-01-09", "2027-06-14"]', 'other years are untouched');
select is(pg_temp.audit_rows(), (select audit + 1 from before_import), 'the import is one audited change of the global calendar');
create temp table after_import as select pg_temp.global_row() as row, pg_temp.audit_rows() as audit;
select is(sla.import_calendar(pg_temp.file('xml'), true) - 'format' - 'years',
          '{"applied": false, "changes": 0, "holidays": {"added": [], "removed": []}, "transfers": {"added": {}, "removed": {}},
            "short_days": {"added": [], "removed": []}}'::jsonb, 'importing the same XML again finds nothing to change');
select is(format('%s %s', pg_temp.global_row() = (select row from after_import), pg_temp.audit_rows() = (select audit from after_import)),
          't t', '… and changes nothing, not even the audit log');

-- A file for the same year replaces that year's dates: one day off less, one transfer gone.
select is(sla.import_calendar(replace(replace(pg_temp.file('xml'), '<day d="05.06" t="3"/>', ''), '<day d="11.04" t="1" h="7"/>', ''), false)
            - 'format' - 'years' - 'applied',
          '{"changes": 2, "holidays": {"added": [], "removed": ["2028-11-04"]}, "transfers": {"added": {}, "removed": {"2028-05-06": 1}},
            "short_days": {"added": [], "removed": []}}'::jsonb, 'a new version of a year shows what it removes');

-- ---- iCalendar holiday feed ----
select is(sla.import_calendar(pg_temp.file('ics'), true) - 'holidays',
          '{"format": "ics", "years": [2029], "applied": true, "changes": 15, "transfers": {"added": {}, "removed": {}},
            "short_days": {"added": [], "removed": []}}'::jsonb, 'ICS applied: 15 days off of 2029 (a folded header line, an 8-day event)');
select is(sla.working_seconds(null, '2028-12-31T21:00Z', '2029-01-09T21:00Z') / 3600, 9::bigint, '1–8 Jan 2029 off, Wed 9 Jan works');
select is((sla.import_calendar(pg_temp.file('ics'), true) ->> 'changes')::int, 0, 'importing the same ICS again changes nothing');

-- ---- Who may import ----
select is(tests.as_user('admin', $$public.import_calendar('BEGIN:VCALENDAR' || chr(10) || 'BEGIN:VEVENT' || chr(10) || 'DTSTART:20290101' || chr(10)
                                  || 'END:VEVENT' || chr(10) || 'END:VCALENDAR') ->> 'changes'$$), '14',
          'an admin may import (here: a preview of a one-day 2029 feed, which would drop the other 14 days off of 2029)');
select is(array[tests.as_user('manager', $$public.import_calendar('x')$$), tests.as_user('observer', $$public.import_calendar('x')$$),
                tests.as_user('anon', $$public.import_calendar('x')$$)],
          array['error 42501', 'error 42501', 'error 42501'], 'managers, observers and anon may not');

-- ---- Broken files ----
create temp table before_bad as select pg_temp.global_row() as row;
select throws_ok(format('select sla.import_calendar(%L, true)', b.content), '22023', b.message, 'refused: ' || b.name)
from bad_files b order by b.name;
select is(pg_temp.global_row(), (select row from before_bad), 'no broken file changed the calendar');

select * from finish();
rollback;
