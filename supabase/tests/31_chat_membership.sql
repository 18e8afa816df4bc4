-- The bot's view of people and chats: who a Telegram user is (table-driven precedence), the bot joining
-- and leaving groups, and a chat's configuration health with console visibility.
begin;
create extension if not exists pgtap with schema extensions;
select plan(19);
\ir helpers/sla_fixture.psql
\ir helpers/act_as.psql
do $$ begin perform pg_temp.chat(-1003100000001); end $$;

-- Role precedence: admin > manager (console, chat or global) > accountant (console or chat) > observer > client.
select is(sla.telegram_role(t.telegram_id, t.chat_id), t.role, format('%s in chat %s is %s', t.who, t.chat_id, t.role))
from (values
  ('console admin',       700001::bigint, null::bigint,    'admin'),
  ('console manager',     700002, null,                    'manager'),
  ('console accountant',  700003, null,                    'accountant'),
  ('console observer',    700004, null,                    'observer'),
  ('chat accountant',     800001, -1003100000001,          'accountant'),
  ('chat accountant elsewhere', 800001, -1001000000002,    'client'),
  ('chat manager',        800002, -1003100000001,          'manager'),
  ('global manager',      900001, null,                    'manager'),
  ('anyone else',         555001, -1003100000001,          'client')
) t (who, telegram_id, chat_id, role);

select is(public.telegram_identity(800001, -1003100000001),
          '{"role":"accountant","name":"Бухгалтер Анна","timezone":"Europe/Moscow"}', 'identity: role, staff name, chat timezone');

-- Bot added to an unknown group: registered with SLA off; removed: monitoring off; re-added: on again.
select is(public.set_chat_membership(-1003100000009, 'Новая группа', 'group', true, false),
          '{"chat_id":-1003100000009,"sla_enabled":false,"monitoring_enabled":true,"registered":true}', 'bot added: group registered, SLA off');
select is(public.set_chat_membership(-1003100000009, '', 'group', false),
          '{"chat_id":-1003100000009,"sla_enabled":false,"monitoring_enabled":false,"registered":false}', 'bot removed: monitoring off');
select is((select (title, bot_can_read_all) from public.chats where id = -1003100000009)::text, '("Новая группа",f)',
          'an empty title and an unknown read-all state keep what was known');
select is(public.set_chat_membership(-1003100000001, 'ООО Тест', 'supergroup', true, true) ->> 'sla_enabled', 'true',
          'an existing connected chat keeps SLA on');

-- Configuration health.
update public.chats set last_message_at = '2025-01-06T07:00:00Z' where id = -1003100000001;
select is(public.chat_health(-1003100000001) - 'chat_id',
  '{"title":"ООО Тест","sla_enabled":true,"monitoring_enabled":true,"threshold_minutes":60,"bot_can_read_all":true,
    "last_message_at":"2025-01-06T07:00:00+00:00","accountants":[{"telegram_user_id":800001,"name":"Бухгалтер Анна","is_primary":true}],
    "managers":1,"global_managers":1}', 'health of a well configured chat');
select is(public.chat_health(-1003100000404), null, 'an unknown chat has no health');

-- Console users see health only for chats they may read.
select is(tests.as_user('accountant', 'public.chat_health(-1001000000001) is not null'), 'true',
          'an accountant sees the health of their own chat');
select is(tests.as_user('accountant', 'public.chat_health(-1003100000001) is not null'), 'false', 'but not of another chat');
select is(tests.as_user('observer', 'public.chat_health(-1003100000001) is not null'), 'true', 'an observer sees every chat');

select * from finish();
rollback;
