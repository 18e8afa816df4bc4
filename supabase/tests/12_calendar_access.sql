-- Who may read and change calendars, table-driven: the RLS policies of public.calendars and the console
-- RPCs public.get_chat_schedule / public.set_chat_schedule, for every role (demo users of seed.sql),
-- a logged-in stranger without a staff row, and anon. Chat A is the accountant's, chat B is not, chat C
-- has no calendar of its own.
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql

insert into public.chats (id, title) values (-1009300000001, 'A'), (-1009300000002, 'B'), (-1009300000003, 'C');
insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary) values (-1009300000001, 700003, 'accountant', true);
insert into public.calendars (chat_id) values (-1009300000001), (-1009300000002);

-- Runs one statement as a user, like PostgREST does, then rolls it back. Returns the statement's text
-- result, or "<sqlstate> <message>" when it failed.
create function pg_temp.attempt(p_who text, p_sql text) returns text language plpgsql as $$
declare
  v_uid uuid := coalesce((select u.id from auth.users u where u.email = p_who || '@buhbot.local'), '00000000-0000-4000-a000-0000000000ff');
  v_result text;
begin
  perform set_config('request.jwt.claims', json_build_object('sub', v_uid, 'role', 'authenticated')::text, true);
  perform set_config('role', case when p_who = 'anon' then 'anon' else 'authenticated' end, true);
  execute p_sql into v_result;
  raise exception using errcode = 'HT000', message = coalesce(v_result, 'null');
exception when others then
  perform set_config('role', 'postgres', true);
  return case when sqlstate = 'HT000' then sqlerrm else sqlstate || ' ' || sqlerrm end;
end $$;

create temp table cases (who text, what text, sql text, expected text);
insert into cases
select who, 'sees', $$select string_agg(label, ',' order by label) from (
                        select case chat_id when -1009300000001 then 'A' when -1009300000002 then 'B' else 'global' end label
                        from public.calendars where chat_id is null or chat_id in (-1009300000001, -1009300000002)) visible$$, expected
from (values ('admin', 'A,B,global'), ('manager', 'A,B,global'), ('observer', 'A,B,global'), ('accountant', 'A,global'),
             ('stranger', 'null'), ('anon', '42501 permission denied for table calendars')) v(who, expected);
insert into cases
select who, what, format($$with changed as (%s returning 1) select count(*)::text from changed$$, statement), expected
from (values
  ('update A',      $$update public.calendars set timezone = 'Asia/Omsk' where chat_id = -1009300000001$$),
  ('update global', $$update public.calendars set timezone = 'Asia/Omsk' where chat_id is null$$),
  ('delete A',      $$delete from public.calendars where chat_id = -1009300000001$$),
  ('delete global', $$delete from public.calendars where chat_id is null$$)) s(what, statement)
cross join lateral (values
  ('admin',      case when what = 'delete global' then '0' else '1' end),
  ('manager',    case when what in ('update A', 'delete A') then '1' else '0' end),
  ('accountant', '0'), ('observer', '0'), ('stranger', '0')) e(who, expected);
insert into cases values
  ('admin',      'insert C',      $$insert into public.calendars (chat_id) values (-1009300000003) returning 'ok'$$, 'ok'),
  ('manager',    'insert C',      $$insert into public.calendars (chat_id) values (-1009300000003) returning 'ok'$$, 'ok'),
  ('accountant', 'insert C',      $$insert into public.calendars (chat_id) values (-1009300000003) returning 'ok'$$,
                                  '42501 new row violates row-level security policy for table "calendars"'),
  ('observer',   'insert C',      $$insert into public.calendars (chat_id) values (-1009300000003) returning 'ok'$$,
                                  '42501 new row violates row-level security policy for table "calendars"'),
  ('admin',      'insert global', $$insert into public.calendars (chat_id) values (null) returning 'ok'$$,
                                  '23505 duplicate key value violates unique constraint "calendars_one_global"'),
  ('manager',    'insert global', $$insert into public.calendars (chat_id) values (null) returning 'ok'$$,
                                  '42501 new row violates row-level security policy for table "calendars"'),
  ('manager',    'bad week via the table', $$update public.calendars set week = '{"9": []}' where chat_id = -1009300000001 returning 'ok'$$,
                                  '22023 schedule: weekday "9" is outside 1-7 (1 = Monday … 7 = Sunday)');

-- Console RPCs. "inherited" tells whether the chat follows the global calendar.
insert into cases
select who, 'get_chat_schedule ' || chat, format('select public.get_chat_schedule(%s) ->> %L', id, 'inherited'), expected
from (values ('A', '-1009300000001'), ('B', '-1009300000002'), ('C', '-1009300000003'), ('global', 'null')) c(chat, id)
cross join lateral (values
  ('admin',      case chat when 'C' then 'true' else 'false' end),
  ('manager',    case chat when 'C' then 'true' else 'false' end),
  ('observer',   case chat when 'C' then 'true' else 'false' end),
  ('accountant', case chat when 'A' then 'false' when 'global' then 'false' else '42501 not allowed to read this calendar' end),
  ('stranger',   '42501 not allowed to read this calendar'),
  ('anon',       '42501 permission denied for function get_chat_schedule')) e(who, expected);
insert into cases
select who, 'set_chat_schedule ' || chat, format($$select public.set_chat_schedule(%s, '{"timezone": "Asia/Omsk", "week": {"1": [["10:00", "19:00"]]}}') #>> '{schedule,timezone}'$$, id), expected
from (values ('A', '-1009300000001'), ('C', '-1009300000003'), ('global', 'null')) c(chat, id)
cross join lateral (values
  ('admin',      'Asia/Omsk'),
  ('manager',    case chat when 'global' then '42501 only an admin may change the global calendar' else 'Asia/Omsk' end),
  ('observer',   case chat when 'global' then '42501 only an admin may change the global calendar' else '42501 only a manager or an admin may change a chat calendar' end),
  ('accountant', case chat when 'global' then '42501 only an admin may change the global calendar' else '42501 only a manager or an admin may change a chat calendar' end),
  ('stranger',   case chat when 'global' then '42501 only an admin may change the global calendar' else '42501 only a manager or an admin may change a chat calendar' end),
  ('anon',       '42501 permission denied for function set_chat_schedule')) e(who, expected);
insert into cases values
  ('admin',   'get_chat_schedule of an unknown chat', 'select public.get_chat_schedule(4242)::text', 'P0002 chat 4242 not found'),
  ('manager', 'set_chat_schedule with a bad document',
   $$select public.set_chat_schedule(-1009300000001, '{"timezone": "Europe/Moscow", "week": {"1": [["18:00", "09:00"]]}}')::text$$,
   '22023 schedule: interval 18:00-09:00 in week.1 must end after it starts'),
  ('manager', 'set_chat_schedule(null document) → follow the global calendar',
   $$select public.set_chat_schedule(-1009300000001, null) ->> 'inherited'$$, 'true'),
  ('manager', 'get_chat_schedule shows the editable and the effective document',
   $$select format('%s %s', r #>> '{schedule,holidays}', r #>> '{effective,timezone}') from public.get_chat_schedule(-1009300000001) r$$,
   '[] Europe/Moscow');

select plan((select count(*)::int from cases) + 2);

select is(pg_temp.attempt(who, sql), expected, format('%s: %s', who, what)) from cases order by what, who;

-- Changes through the console are audited with the acting user.
select tests.act_as('manager') \g /dev/null
select public.set_chat_schedule(-1009300000002, '{"timezone": "Europe/Samara", "week": {"1": [["09:00", "18:00"]]}}') \g /dev/null
reset role;
select is((select format('%s %s %s %s', actor_id, action, row_key, new_row ->> 'timezone') from public.audit_log
           where table_name = 'calendars' order by id desc limit 1),
          '00000000-0000-4000-a000-000000000002 UPDATE -1009300000002 Europe/Samara', 'a manager''s calendar change is in the audit log');
select is(sla.get_schedule(-1009300000002) ->> 'timezone', 'Europe/Samara', 'and is what working time is computed from');

select * from finish();
rollback;
