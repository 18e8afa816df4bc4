-- The message log: every message stored first, idempotent, edits as versions, unknown chats registered,
-- who wrote it decided from chat_staff and the global managers, HTML escaping for bot texts.
begin;
create extension if not exists pgtap with schema extensions;
select plan(31);
\ir helpers/sla_fixture.psql

-- HTML escaping (Telegram HTML parse mode), table-driven.
select is(sla.html_escape(t.input), t.expected, format('html_escape(%s)', coalesce(t.input, 'null')))
from (values ('a<b>&"c"', 'a&lt;b&gt;&amp;&quot;c&quot;'), ('ООО «Ромашка»', 'ООО «Ромашка»'),
             ('&amp;', '&amp;amp;'), ('<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'),
             (null, '')) t (input, expected);

-- Unknown chats are registered with SLA off, monitoring on and the default threshold.
update public.settings set default_threshold_minutes = 45;
select is(public.record_message('{"chat_id":-1009999000001,"chat_title":"Новый <клиент>","chat_type":"supergroup",
  "message_id":1,"sender_telegram_id":555001,"kind":"text","text":"Добрый день","sent_at":"2025-01-06T07:00:00Z"}',
  '2025-01-06T07:00:01Z') - 'message_row_id',
  '{"duplicate":false,"sender_kind":"client","sla_enabled":false,"monitoring_enabled":true,"answered":0,"chat_id":-1009999000001}',
  'record_message answers for a message of an unknown chat');
select is((select (c.title, c.chat_type, c.sla_enabled, c.monitoring_enabled, c.threshold_minutes)::text
           from public.chats c where c.id = -1009999000001),
          '("Новый <клиент>",supergroup,f,t,45)', 'the unknown chat is registered: SLA off, monitoring on, default threshold');
select is((select c.last_message_at from public.chats c where c.id = -1009999000001), '2025-01-06T07:00:00Z',
          'last_message_at records the message time');

do $$ begin perform public.record_message('{"chat_id":-1009999000001,"chat_title":"","message_id":2,"sender_telegram_id":555001,
  "kind":"text","text":"ещё","sent_at":"2025-01-06T07:01:00Z"}'); end $$;
select is((select c.title from public.chats c where c.id = -1009999000001), 'Новый <клиент>', 'a message without a title keeps the stored one');
do $$ begin perform public.record_message('{"chat_id":-1009999000001,"chat_title":"Переименован","message_id":3,"sender_telegram_id":555001,
  "kind":"text","text":"ещё","sent_at":"2025-01-06T07:02:00Z"}'); end $$;
select is((select c.title from public.chats c where c.id = -1009999000001), 'Переименован', 'a renamed group gets its new title');

-- Who wrote it, table-driven: staff role in the chat, else global manager, else client; bots and our own
-- outgoing messages are 'bot'.
do $$ begin perform pg_temp.chat(-1002000000001); end $$;
select is(pg_temp.say(-1002000000001, 100 + t.n, t.sender, '2025-01-06T07:00:00Z', 'текст', 'text', t.is_bot)
          ->> 'sender_kind', t.expected, t.what)
from (values (1, 800001::bigint, false, 'accountant', 'the chat''s accountant'),
             (2, 800002, false, 'manager', 'the chat''s manager'),
             (3, 900001, false, 'manager', 'a global manager'),
             (4, 555001, false, 'client', 'anyone else is a client'),
             (5, 555002, true, 'bot', 'a bot'),
             (6, 800001, true, 'bot', 'a bot flag wins over a staff id')) t (n, sender, is_bot, expected, what);
select is(public.record_message('{"chat_id":-1002000000001,"message_id":107,"direction":"out","sender_telegram_id":666,
  "kind":"text","text":"Ответ бота","sent_at":"2025-01-06T07:00:00Z"}') ->> 'sender_kind', 'bot', 'our own outgoing messages are bot');

-- The same message twice changes nothing.
select is(pg_temp.ask(-1002000000001, 200, '2025-01-06T07:00:00Z') ->> 'action', 'opened', 'a request opens');
select is(pg_temp.say(-1002000000001, 200, 555001, '2025-01-06T07:00:00Z') -> 'duplicate', 'true', 'the same message again is a duplicate');
select is(public.classify_message(-1002000000001, 200, 'REQUEST', 'rules', '2025-01-06T07:00:05Z') ->> 'action', 'duplicate',
          'classifying it again is a duplicate');
select is((select count(*) from public.messages m where m.chat_id = -1002000000001 and m.message_id = 200), 1::bigint,
          'it is stored once');
select is((select count(*) from public.requests r where r.chat_id = -1002000000001), 1::bigint, 'it opened one request');
select is((select message_count from pg_temp.req(-1002000000001)), 1, 'and did not join it twice');

-- Edits are new versions; the first stays as it was.
select is(pg_temp.say(-1002000000001, 200, 555001, '2025-01-06T07:03:00Z', 'Когда будет готова декларация за 2024?',
                      'text', false, 2) -> 'duplicate', 'false', 'an edit is stored');
select is((select array_agg(m.version || ':' || m.text order by m.version) from public.messages m
           where m.chat_id = -1002000000001 and m.message_id = 200),
          array['1:Когда будет готова декларация?', '2:Когда будет готова декларация за 2024?'], 'as a second version');
select is(public.classify_message(-1002000000001, 200, 'REQUEST', 'rules') ->> 'action', 'duplicate',
          'an edited message does not open a second request');

-- Media metadata is kept.
do $$ begin perform pg_temp.say(-1002000000001, 300, 555001, '2025-01-06T07:05:00Z', null, 'document'); end $$;
select is((select m.kind from public.messages m where m.chat_id = -1002000000001 and m.message_id = 300), 'document',
          'a document is stored with its kind');
select is(public.record_message('{"chat_id":-1002000000001,"message_id":301,"sender_telegram_id":555001,"kind":"document",
  "media":{"file_name":"акт.pdf","file_size":1024},"sent_at":"2025-01-06T07:06:00Z"}') ->> 'duplicate', 'false', 'with media');
select is((select m.media from public.messages m where m.chat_id = -1002000000001 and m.message_id = 301),
          '{"file_name":"акт.pdf","file_size":1024}'::jsonb, 'media metadata is stored as given');

-- Bad input is refused loudly; the log is append-only for everyone but the SLA functions.
select throws_ok($$select public.record_message('{"text":"no ids"}')$$, '22023', null, 'chat_id and message_id are required');
select ok(not has_table_privilege('service_role', 'public.messages', 'UPDATE')
          and not has_table_privilege('service_role', 'public.messages', 'DELETE')
          and not has_table_privilege('authenticated', 'public.messages', 'INSERT'),
          'nobody may update, delete or insert messages directly');

select * from finish();
rollback;
