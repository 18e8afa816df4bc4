-- THE rule for what opens a request and what answers one, as tables a product person can read; then the
-- edges around it: the tick's fallback label, a late label after an edit, the warning instant in seconds,
-- a tick at exactly breach_at, and the tick's pg_cron cadence for both pg_cron branches.
-- Times: Mon 2025-01-06 07:00Z = 10:00 MSK, threshold 60.
begin;
create extension if not exists pgtap with schema extensions;
select plan(67);
\ir helpers/sla_fixture.psql

-- One stored message through public.record_message (+ public.classify_message when a label is given).
create function pg_temp.opens(p_chat bigint, p_kind text, p_text text, p_command boolean, p_version integer,
                              p_sender bigint, p_label text, p_source text) returns text language plpgsql as $$
begin
  perform public.record_message(jsonb_build_object('chat_id', p_chat, 'message_id', 1, 'version', p_version,
    'sender_telegram_id', p_sender, 'sender_is_bot', p_sender = 555002, 'kind', p_kind, 'text', p_text,
    'is_command', p_command, 'sent_at', '2025-01-06T07:00:00Z'), '2025-01-06T07:00:00Z');
  return public.classify_message(p_chat, 1, p_label, p_source, '2025-01-06T07:00:00Z') ->> 'action';
end $$;

-- 1. What opens a request. Each row: its own chat (state: on | sla_off | monitoring_off | open = already
-- has an open request); kind × text × command × version × sender × label/source → opened | joined |
-- ignored | awaiting. Sender 555001 client, 800001 accountant, 800002 manager, 555002 a bot.
create temp table opening (n int, state text, kind text, txt text, command boolean, version int, sender bigint,
                           label text, source text, expected text, what text);
insert into opening values
  (1,  'on', 'text', 'Где акт?', false, 1, 555001, 'REQUEST', 'rules', 'opened', 'a client''s question opens'),
  (2,  'on', 'text', 'Уточню: за май', false, 1, 555001, 'CLARIFICATION', 'llm', 'opened', 'a clarification opens too'),
  (3,  'on', 'text', 'Спасибо!', false, 1, 555001, 'GRATITUDE', 'rules', 'ignored', 'thanks never open'),
  (4,  'on', 'text', 'Купите слона', false, 1, 555001, 'SPAM', 'cache', 'ignored', 'spam never opens'),
  (5,  'on', 'text', 'Какие реквизиты?', false, 1, 555001, 'REQUEST', 'faq', 'ignored', 'answered by the FAQ: nothing opens'),
  (6,  'on', 'text', 'Где акт?', false, 1, 555001, 'REQUEST', 'fallback', 'opened', 'a fallback REQUEST opens'),
  (7,  'on', 'text', 'Где акт?', false, 1, 555001, null, null, 'awaiting', 'no label yet: awaiting the LLM or the fallback'),
  (8,  'on', 'text', '/menu', true, 1, 555001, 'REQUEST', 'rules', 'ignored', 'a command never opens'),
  (9,  'on', 'text', '/menu', true, 1, 555001, null, null, 'ignored', 'a command awaits no label'),
  (10, 'on', 'text', 'Где акт? (исправлено)', false, 2, 555001, 'REQUEST', 'rules', 'ignored', 'an edit never opens'),
  (11, 'on', 'voice', null, false, 1, 555001, null, null, 'opened', 'a voice message always opens, no label needed'),
  (12, 'on', 'voice', 'голосовое', false, 1, 555001, 'GRATITUDE', 'rules', 'opened', 'a voice message opens whatever its caption says'),
  (13, 'on', 'document', 'Вот акт, проверьте', false, 1, 555001, 'REQUEST', 'rules', 'opened', 'a document with a caption opens'),
  (14, 'on', 'document', null, false, 1, 555001, null, null, 'ignored', 'a bare document never opens'),
  (15, 'on', 'photo', null, false, 1, 555001, 'REQUEST', 'rules', 'ignored', 'a bare photo never opens, whatever the label'),
  (16, 'on', 'photo', 'Чек за май', false, 1, 555001, 'REQUEST', 'rules', 'opened', 'a photo with a caption opens'),
  (17, 'on', 'sticker', null, false, 1, 555001, 'REQUEST', 'rules', 'ignored', 'a sticker never opens'),
  (18, 'on', 'reaction', null, false, 1, 555001, null, null, 'ignored', 'a reaction never opens'),
  (19, 'on', 'service', null, false, 1, 555001, null, null, 'ignored', 'a service message never opens'),
  (20, 'on', 'text', '   ', false, 1, 555001, null, null, 'ignored', 'blank text awaits nothing'),
  (21, 'on', 'text', 'Где акт?', false, 1, 800001, 'REQUEST', 'rules', 'ignored', 'the accountant never opens'),
  (22, 'on', 'text', 'Где акт?', false, 1, 800002, 'REQUEST', 'rules', 'ignored', 'a manager never opens'),
  (23, 'on', 'text', 'Где акт?', false, 1, 555002, 'REQUEST', 'rules', 'ignored', 'a bot never opens'),
  (24, 'sla_off', 'text', 'Где акт?', false, 1, 555001, 'REQUEST', 'rules', 'ignored', 'SLA off: nothing opens'),
  (25, 'sla_off', 'text', 'Какие реквизиты?', false, 1, 555001, 'REQUEST', 'faq', 'ignored', 'SLA off: the FAQ label stands as the rules'''),
  (26, 'monitoring_off', 'text', 'Где акт?', false, 1, 555001, 'REQUEST', 'rules', 'ignored', 'monitoring off: nothing opens'),
  (27, 'open', 'text', 'И ещё вопрос', false, 1, 555001, 'REQUEST', 'rules', 'joined', 'with an open request a question joins it'),
  (28, 'open', 'voice', null, false, 1, 555001, null, null, 'joined', 'with an open request a voice message joins it'),
  (29, 'open', 'text', 'Спасибо', false, 1, 555001, 'GRATITUDE', 'rules', 'ignored', 'thanks do not join');
do $$ begin
  perform pg_temp.chat(-1002000002000 - o.n, o.state <> 'sla_off') from opening o;
  update public.chats set monitoring_enabled = false where id in (select -1002000002000 - n from opening where state = 'monitoring_off');
  -- an earlier open request (message 0, 06:00Z)
  perform public.record_message(jsonb_build_object('chat_id', -1002000002000 - o.n, 'message_id', 0, 'sender_telegram_id', 555001,
            'kind', 'text', 'text', 'Первый вопрос', 'sent_at', '2025-01-06T06:30:00Z'), '2025-01-06T06:30:00Z'),
          public.classify_message(-1002000002000 - o.n, 0, 'REQUEST', 'rules', '2025-01-06T06:30:00Z')
  from opening o where o.state = 'open';
end $$;
select is(pg_temp.opens(-1002000002000 - o.n, o.kind, o.txt, o.command, o.version, o.sender, o.label, o.source), o.expected,
          format('%s. %s', o.n, o.what))
from opening o order by o.n;
select is((select m.label_source from public.messages m where m.chat_id = -1002000002025), 'rules',
          'the downgraded FAQ label is stored as the rules''');

-- 2. What answers. Each row: a chat with an open request (07:00Z), then one message at 07:30Z.
-- direction 'out' = the bot's own message, posted for on_behalf_of.
create temp table answering (n int, direction text, sender bigint, kind text, txt text, command boolean,
                             on_behalf_of bigint, answers int, what text);
insert into answering values
  (1, 'in', 800001, 'text', 'Готово', false, null, 1, 'the accountant''s message answers'),
  (2, 'in', 800001, 'text', '/diagnose', true, null, 0, '/diagnose by the accountant answers nothing'),
  (3, 'in', 800001, 'text', '/mystats', true, null, 0, '/mystats answers nothing'),
  (4, 'in', 800001, 'text', '/help', true, null, 0, '/help answers nothing'),
  (5, 'in', 800001, 'text', '/template', true, null, 0, 'the /template command itself answers nothing'),
  (6, 'out', 555000, 'text', 'Добрый день! Документы готовы.', false, 800001, 1, 'the bot''s /template reply for the accountant answers'),
  (7, 'out', 555000, 'text', 'Добрый день!', false, 800002, 0, 'a reply posted for a manager is no accountant''s answer'),
  (8, 'out', 555000, 'text', '💡 Ответ из FAQ', false, null, 0, 'the bot''s own message (FAQ, receipt) answers nothing'),
  (9, 'in', 800001, 'sticker', null, false, null, 0, 'a sticker answers nothing'),
  (10, 'in', 800002, 'text', 'Сейчас узнаю', false, null, 0, 'a manager''s message is no accountant''s answer');
do $$ begin
  perform pg_temp.chat(-1002000002100 - a.n), pg_temp.ask(-1002000002100 - a.n, 1, '2025-01-06T07:00:00Z') from answering a;
end $$;
select is((public.record_message(jsonb_build_object('chat_id', -1002000002100 - a.n, 'message_id', 2, 'direction', a.direction,
             'sender_telegram_id', a.sender, 'sender_is_bot', a.direction = 'out', 'kind', a.kind, 'text', a.txt,
             'is_command', a.command, 'on_behalf_of', a.on_behalf_of, 'sent_at', '2025-01-06T07:30:00Z'),
           '2025-01-06T07:30:00Z') ->> 'answered')::int, a.answers, format('answer %s. %s', a.n, a.what))
from answering a order by a.n;
select is((select (r.answered_by_telegram_id, r.response_working_seconds)::text from pg_temp.req(-1002000002106) r), '(800001,1800)',
          'the /template reply is credited to the accountant');

-- 3. The fallback: no label 60 s after arrival → REQUEST (fallback), timed from the message's own time.
do $$ begin
  perform pg_temp.chat(-1002000002201), pg_temp.chat(-1002000002202);
  perform public.record_message('{"chat_id":-1002000002201,"message_id":1,"sender_telegram_id":555001,"kind":"text",
    "text":"Посмотрите, пожалуйста","sent_at":"2025-01-06T07:00:00Z"}', '2025-01-06T07:00:05Z');
  perform pg_temp.ask(-1002000002202, 1, '2025-01-06T06:50:00Z');
  perform public.record_message('{"chat_id":-1002000002202,"message_id":2,"sender_telegram_id":555001,"kind":"text",
    "text":"И вот ещё","sent_at":"2025-01-06T07:00:00Z"}', '2025-01-06T07:00:00Z');
end $$;
select is(sla.tick('2025-01-06T07:01:04Z') ->> 'fallbacks', '2', '59 s after it arrived: not yet (only the two that arrived at 07:00:00 are)');
select is((select m.label from public.messages m where m.chat_id = -1002000002201), null, 'so it has no label yet');
select is(sla.tick('2025-01-06T07:01:05Z') ->> 'fallbacks', '1', '60 s after it arrived: labelled by the fallback');
select is((select (m.label, m.label_source, r.received_at, r.first_message_row_id = m.id)::text
           from public.messages m join public.requests r on r.id = m.request_id where m.chat_id = -1002000002201),
          '(REQUEST,fallback,"2025-01-06 07:00:00+00",t)', 'it opened a request timed from its own time');
select is((select (r.message_count, m.label_source)::text from public.messages m join public.requests r on r.id = m.request_id
           where m.chat_id = -1002000002202 and m.message_id = 2), '(2,fallback)', 'with an open request it joined it');
select is(sla.tick('2025-01-06T07:02:00Z') ->> 'fallbacks', '0', 'each message is labelled once');
select is(public.classify_message(-1002000002201, 1, 'GRATITUDE', 'llm') ->> 'action', 'duplicate',
          'a label arriving after the fallback changes nothing');
select is((select (relay.m ->> 'classifier_fallbacks')::int >= 2 from public.relay_metrics('2025-01-06T07:05:00Z') relay (m)), true,
          'the fallbacks are counted in the relay''s metrics');

-- 4. A late label of a message edited in between: the original version opens, at the original time.
do $$ begin
  perform pg_temp.chat(-1002000002301);
  perform pg_temp.say(-1002000002301, 1, 555001, '2025-01-06T07:00:00Z', 'Когда декларация?');
  perform pg_temp.say(-1002000002301, 1, 555001, '2025-01-06T07:20:00Z', 'Когда декларация за 2024?', 'text', false, 1736148000);
end $$;
select is(public.classify_message(-1002000002301, 1, 'REQUEST', 'llm', '2025-01-06T07:20:01Z') ->> 'action', 'opened', 'the late label opens');
select is((select (r.received_at, r.breach_at, m.version)::text from pg_temp.req(-1002000002301) r join public.messages m on m.id = r.first_message_row_id),
          '("2025-01-06 07:00:00+00","2025-01-06 08:00:00+00",1)', 'at the original message''s time, linking the original version');

-- 5. The warning instant in working seconds: 80 % of 1 minute is 48 s, of 2 minutes 96 s — also across a
-- lunch break (interval ends 13:00 MSK, the 96 s straddle it).
do $$ begin
  perform pg_temp.chat(-1002000002401), pg_temp.chat(-1002000002402), pg_temp.chat(-1002000002403);
  update public.chats set threshold_minutes = 1 where id = -1002000002401;
  update public.chats set threshold_minutes = 2 where id in (-1002000002402, -1002000002403);
  perform sla.set_schedule(-1002000002403, '{"timezone":"Europe/Moscow","is_24x7":false,
    "week":{"1":[["09:00","13:00"],["14:00","18:00"]],"2":[],"3":[],"4":[],"5":[],"6":[],"7":[]}}');
  perform pg_temp.ask(-1002000002401, 1, '2025-01-06T07:00:00Z'), pg_temp.ask(-1002000002402, 1, '2025-01-06T07:00:00Z'),
          pg_temp.ask(-1002000002403, 1, '2025-01-06T09:59:30Z');
end $$;
select is((select (r.warn_at, r.breach_at)::text from pg_temp.req(-1002000002401) r),
          '("2025-01-06 07:00:48+00","2025-01-06 07:01:00+00")', 'a 1-minute threshold warns at 48 s');
select is((select (r.warn_at, r.breach_at)::text from pg_temp.req(-1002000002402) r),
          '("2025-01-06 07:01:36+00","2025-01-06 07:02:00+00")', 'a 2-minute threshold warns at 96 s');
select is((select (r.warn_at, r.breach_at)::text from pg_temp.req(-1002000002403) r),
          '("2025-01-06 11:01:06+00","2025-01-06 11:01:30+00")', '96 working seconds across the lunch break: 30 s before, 66 s after');
select is(sla.working_seconds(-1002000002403, '2025-01-06T09:59:30Z', (pg_temp.req(-1002000002403)).warn_at), 96::bigint,
          'and working_seconds measures exactly 96 s to it');
select is(sla.tick('2025-01-06T07:00:48Z') ->> 'warnings', '1', 'the tick raises the 1-minute threshold''s warning');

-- 6. A tick at exactly breach_at raises nothing; an answer in that same second is on time, and nothing stays.
do $$ begin perform pg_temp.chat(-1002000002501), pg_temp.ask(-1002000002501, 1, '2025-01-06T07:00:00Z'); end $$;
select is((select count(*) from (select sla.tick('2025-01-06T08:00:00Z')) t, public.alerts a
           where a.chat_id = -1002000002501 and a.kind = 'breach'), 0::bigint, 'the tick at exactly breach_at raises no breach');
select is(pg_temp.say(-1002000002501, 2, 800001, '2025-01-06T08:00:00Z', 'Готово') ->> 'answered', '1', 'answered in that second');
select is((select (r.breached, (select count(*) from public.alerts a where a.request_id = r.id and a.kind = 'breach'),
                   (select count(*) from public.sla_events e where e.request_id = r.id and e.kind = 'breach'))::text
           from pg_temp.req(-1002000002501) r), '(f,0,0)', 'on time: no breach alert, no breach event');
select is((select count(*) from public.alert_deliveries d join public.outbox o on o.id = d.outbox_id
           where d.chat_id = -1002000002501 and o.kind = 'breach'), 0::bigint, 'and no breach message');

-- 7. The tick's cadence by pg_cron version, and the job the migration scheduled for the installed one.
select is(sla.tick_schedule(v), expected, format('pg_cron %s: %s', v, expected))
from (values ('1.4-1', '* * * * *'), ('1.4.2', '* * * * *'), ('1.5', '30 seconds'), ('1.6.4', '30 seconds'),
             ('1.10', '30 seconds'), ('2.0', '30 seconds')) t (v, expected);
select is((select j.schedule from cron.job j where j.jobname = 'sla-tick'),
          (select sla.tick_schedule(e.extversion) from pg_extension e where e.extname = 'pg_cron'),
          'sla-tick is scheduled for the installed pg_cron');

select * from finish();
rollback;
