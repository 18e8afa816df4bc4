-- The bot's view of people and chats: who a Telegram user is (table-driven precedence), the bot joining
-- and leaving groups, and a chat's configuration health with console visibility.
begin;
create extension if not exists pgtap with schema extensions;
select plan(22);
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

-- Configuration health: one row per check, in display order, with a plain-text Russian detail.
update public.chats set last_message_at = '2025-01-06T07:00:00Z' where id = -1003100000001;
select results_eq($$select key, ok, detail from public.chat_health(-1003100000001) where key <> 'calendar'$$, $$values
  ('sla_enabled',  true, 'Контроль ответов включён (порог 60 мин)'),
  ('monitoring',   true, 'Бот отслеживает чат'),
  ('accountant',   true, 'Бухгалтер: Бухгалтер Анна'),
  ('recipients',   true, 'Получатели уведомлений о просрочках: руководители чата (1)'),
  ('bot_can_read', true, 'Бот видит все сообщения группы'),
  ('last_message', true, 'Последнее сообщение: 06.01.2025 10:00 (МСК)')$$,
  'health of a well configured chat: its own manager is the recipient, the global one is not counted');
insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1003100000009, 800003, 'accountant'), (-1003100000009, 800004, 'accountant');
select results_eq($$select key, ok, detail from public.chat_health(-1003100000009) where key <> 'calendar'$$, $$values
  ('sla_enabled',  false, 'Контроль ответов выключен — подключите чат командой /connect КОД или в консоли'),
  ('monitoring',   false, 'Мониторинг выключен — бот был удалён из группы'),
  ('accountant',   true,  'Бухгалтер: id 800003 и ещё 1'),
  ('recipients',   true,  'Получатели уведомлений о просрочках: общие руководители (1)'),
  ('bot_can_read', false, 'Бот видит не все сообщения группы — сделайте его администратором группы или отключите privacy mode у @BotFather'),
  ('last_message', false, 'Сообщений в чате ещё не было')$$,
  'health of a neglected chat: every problem says what to do; without managers of its own the global ones count');
delete from public.chat_staff where chat_id = -1003100000009;
update public.settings set global_manager_telegram_ids = '{}';
update public.chats set bot_can_read_all = null where id = -1003100000009;
select results_eq($$select key, ok, detail from public.chat_health(-1003100000009) where key in ('accountant', 'recipients', 'bot_can_read')$$,
  $$values ('accountant', false, 'Бухгалтер не назначен — предупреждения некому отправлять'),
           ('recipients', false, 'Нет руководителей для уведомлений о просрочках — назначьте их в консоли'),
           ('bot_can_read', null::boolean, 'Пока неизвестно, видит ли бот все сообщения группы')$$,
  'no accountant, nobody to alert, and a read-all state not known yet');
select is((select format('%s %s', ok, detail) from public.chat_health(-1003100000001) where key = 'calendar'),
          (select format('%s %s', (c ->> 'ok')::boolean, c ->> 'detail') from sla.calendar_coverage(now()) c),
          'the last check is the production calendar''s coverage (cases in 17_calendar_coverage.sql)');
select is_empty($$select * from public.chat_health(-1003100000404)$$, 'an unknown chat has no health');

-- Console users see health only for chats they may read.
select is(tests.as_user('accountant', 'exists (select from public.chat_health(-1001000000001))'), 'true',
          'an accountant sees the health of their own chat');
select is(tests.as_user('accountant', 'exists (select from public.chat_health(-1003100000001))'), 'false', 'but not of another chat');
select is(tests.as_user('observer', 'exists (select from public.chat_health(-1003100000001))'), 'true', 'an observer sees every chat');

select * from finish();
rollback;
