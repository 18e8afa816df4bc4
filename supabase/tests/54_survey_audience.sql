-- Who gets a survey (feedback.audience), one row per case, and the console's preview counting the same
-- rows: the preview's "now" is what starting the survey delivers, its "later" what the tick delivers after
-- the cooldown. Only managers and admins may ask. Clock pinned at 2027-07-10 06:00Z: a manual survey then
-- rates [2027-04-10 06:00Z, 2027-07-10 06:00Z).
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql
select plan(21);

create temp table cases (chat bigint, title text, sla boolean, monitoring boolean, said_at timestamptz,
                         sender bigint, surveyed_at timestamptz, reminded_at timestamptz, expected text);
insert into cases values
  (-1002000000001, 'клиент писал в июне',                   true,  true,  '2027-06-01 08:00Z', 555001, null, null, null),
  (-1002000000002, 'SLA выключен',                          false, true,  '2027-06-01 08:00Z', 555001, null, null, 'sla_off'),
  (-1002000000003, 'бот удалён из группы',                  true,  false, '2027-06-01 08:00Z', 555001, null, null, 'bot_removed'),
  (-1002000000004, 'клиент писал в марте, не в периоде',    true,  true,  '2027-03-01 08:00Z', 555001, null, null, 'no_client_message'),
  (-1002000000005, 'писал только бухгалтер',                true,  true,  '2027-06-01 08:00Z', 700003, null, null, 'no_client_message'),
  (-1002000000006, 'клиент писал ровно в начале периода',   true,  true,  '2027-04-10 06:00Z', 555001, null, null, null),
  (-1002000000007, 'клиент писал ровно в момент запуска',   true,  true,  '2027-07-10 06:00Z', 555001, null, null, 'no_client_message'),
  (-1002000000008, 'опрос был 18 часов назад',              true,  true,  '2027-06-01 08:00Z', 555001, '2027-07-09 12:00Z', null, 'cooldown'),
  (-1002000000009, 'опрос был 2 дня назад',                 true,  true,  '2027-06-01 08:00Z', 555001, '2027-07-08 06:00Z', null, null),
  (-1002000000010, 'напоминание было 6 часов назад',        true,  true,  '2027-06-01 08:00Z', 555001, '2027-07-07 06:00Z', '2027-07-10 00:00Z', 'cooldown'),
  (-1002000000011, 'опрос ровно 24 часа назад',             true,  true,  '2027-06-01 08:00Z', 555001, '2027-07-09 06:00Z', null, null),
  (-1002000000012, 'SLA выключен и нет сообщений клиентов', false, true,  null,                null,   null, null, 'sla_off');

insert into public.chats (id, title, chat_type, sla_enabled, monitoring_enabled)
select chat, title, 'supergroup', sla, monitoring from cases;
insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
select chat, 700003, 'accountant', true, 'Ольга Бухгалтер' from cases;
select public.record_message(jsonb_build_object('chat_id', chat, 'message_id', 1, 'sender_telegram_id', sender,
         'sender_name', 'Отправитель', 'kind', 'text', 'text', 'Добрый день', 'sent_at', said_at), said_at)
from cases where said_at is not null;
insert into public.surveys (kind, title, chat_ids, period_from, period_to, quarter, started_at, expires_at, created_by)
select 'manual', 'прошлый опрос', array_agg(chat), '2027-03-01', '2027-07-01', '2027-04-01', '2027-07-07 06:00Z',
       '2027-07-30 06:00Z', 'test'
from cases where surveyed_at is not null;
insert into public.survey_deliveries (survey_id, chat_id, delivered_at, remind_at, reminded_at, expires_at)
select (select id from public.surveys where title = 'прошлый опрос'), chat, surveyed_at, surveyed_at + interval '1 day',
       reminded_at, '2027-07-30 06:00Z'
from cases where surveyed_at is not null;

-- 1. The rule, case by case.
select is(a.reason, c.expected, c.title)
from cases c join feedback.audience((select array_agg(chat) from cases), '2027-04-10 06:00Z', '2027-07-10 06:00Z',
                                    '2027-07-10 06:00Z') a on a.chat_id = c.chat
order by c.chat desc;

-- 2. The preview counts those rows; starting the survey delivers exactly its "now", the tick after the
-- cooldown its "later".
select is(feedback.preview((select array_agg(chat) from cases), '2027-07-10 06:00Z'),
  '{"chats": 12, "now": 4, "later": 2, "never": 6,
    "skipped": {"sla_off": 2, "bot_removed": 1, "no_client_message": 3, "cooldown": 2}}'::jsonb,
  'the preview counts chats by reason');
select is(feedback.preview(array[-1002000000001, -1002000000004, -1009999999999], '2027-07-10 06:00Z'),
  '{"chats": 2, "now": 1, "later": 0, "never": 1,
    "skipped": {"sla_off": 0, "bot_removed": 0, "no_client_message": 1, "cooldown": 0}}'::jsonb,
  'chosen chats only; an unknown id counts nowhere');
select feedback.start_manual_survey((select array_agg(chat) from cases), 'летний', 'staff 700002', '2027-07-10 06:00Z');
select is((select array_agg(d.chat_id order by d.chat_id desc) from public.survey_deliveries d
            join public.surveys s on s.id = d.survey_id where s.title = 'летний'),
  (select array_agg(chat order by chat desc) from cases where expected is null),
  'the start delivers at once to the chats the preview counted as "now"');
select is(feedback.tick('2027-07-11 00:00Z') ->> 'delivered', '2', 'the chats in cooldown get it once the cooldown is over');

-- 3. Who may ask (server clock; the scope does not matter here).
select ok(tests.as_user('manager', 'public.survey_preview(null)') like '{"now": %', 'a manager previews a survey');
select ok(tests.as_user('admin', 'public.survey_preview(array[-1002000000001])') like '{"now": %', 'an admin previews a survey');
select is(tests.as_user('accountant', 'public.survey_preview(null)'), 'error 42501', 'an accountant may not');
select is(tests.as_user('observer', 'public.survey_preview(null)'), 'error 42501', 'an observer may not');
select is(tests.as_user('anon', 'public.survey_preview(null)'), 'error 42501', 'anonymous callers may not');

select * from finish();
rollback;
