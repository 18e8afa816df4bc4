-- The request lifecycle: open, join, answer every earlier open request, what
-- answers and what does not, labels, SLA/monitoring gates, snapshots, late labels, manual resolve.
-- Times: Mon 2025-01-06 07:00Z = 10:00 MSK; threshold 60 → breach_at 08:00Z, warn_at (80 %) 07:48Z.
begin;
create extension if not exists pgtap with schema extensions;
select plan(60);
\ir helpers/sla_fixture.psql

-- Join: later messages join the open request and never move its timer.
do $$ begin perform pg_temp.chat(-1002000000101); end $$;
select is(pg_temp.ask(-1002000000101, 1, '2025-01-06T07:00:00Z'),
          jsonb_build_object('action', 'opened', 'request_id', (pg_temp.req(-1002000000101)).id, 'breach_at', '2025-01-06T08:00:00+00:00',
                             'label_source', 'rules'),
          'a REQUEST opens a request with its breach_at');
select is((select (r.warn_at, r.next_alert_at, r.threshold_minutes, r.warning_percent)::text from pg_temp.req(-1002000000101) r),
          '("2025-01-06 07:48:00+00","2025-01-06 07:48:00+00",60,80)', 'warn_at at 80 % of the threshold, snapshotted');
select is(pg_temp.ask(-1002000000101, 2, '2025-01-06T07:40:00Z') ->> 'action', 'joined', 'a second REQUEST joins the open one');
select is(pg_temp.ask(-1002000000101, 3, '2025-01-06T07:55:00Z', 'CLARIFICATION', 'llm') ->> 'action', 'joined',
          'a CLARIFICATION joins the open one');
select is((select (r.received_at, r.breach_at, r.message_count, r.first_message_id)::text from pg_temp.req(-1002000000101) r),
          '("2025-01-06 07:00:00+00","2025-01-06 08:00:00+00",3,1)', 'the first message''s timer keeps running');
select is((select count(*) from public.requests r where r.chat_id = -1002000000101), 1::bigint, 'one request');
select is((select array_agg(m.request_id is not null order by m.message_id) from public.messages m where m.chat_id = -1002000000101),
          '{t,t,t}', 'every joined message points at the request');

-- Answer: an accountant message answers every open request received before it, metrics frozen.
select is(pg_temp.say(-1002000000101, 4, 800001, '2025-01-06T07:58:00Z', 'Готово') -> 'answered', '1', 'the accountant answers');
select is((select (r.status, r.answered_at, r.answered_by_telegram_id, r.answer_message_id, r.response_working_seconds, r.breached, r.next_alert_at)::text
           from pg_temp.req(-1002000000101) r),
          '(answered,"2025-01-06 07:58:00+00",800001,4,3480,f,)', 'answered: time, who, which message, working seconds, on time');
select is(pg_temp.ask(-1002000000101, 5, '2025-01-06T08:10:00Z') ->> 'action', 'opened', 'after the answer a REQUEST opens a new request');
select is(pg_temp.say(-1002000000101, 6, 800001, '2025-01-06T08:09:59Z', 'старое') -> 'answered', '0',
          'an accountant message sent before the request (delivered late) does not answer it');
select is((pg_temp.req(-1002000000101)).status, 'open', 'so it stays open');
select is(pg_temp.say(-1002000000101, 7, 800001, '2025-01-06T08:10:00Z', 'в ту же секунду, но позже') -> 'answered', '1',
          'an answer in the same second but after it (higher message id) answers it');

-- Answer at breach_at is on time; one second later is a breach. Table-driven, one chat per row.
create temp table timing (chat bigint, answer_at timestamptz, expected text, what text) on commit drop;
insert into timing values
  (-1002000000111, '2025-01-06T07:59:59Z', '(answered,f,3599)', 'answer a second before breach_at: on time'),
  (-1002000000112, '2025-01-06T08:00:00Z', '(answered,f,3600)', 'answer exactly at breach_at: on time'),
  (-1002000000113, '2025-01-06T08:00:01Z', '(answered,t,3601)', 'answer a second after breach_at: breached');
do $$ begin
  perform pg_temp.chat(t.chat), pg_temp.ask(t.chat, 1, '2025-01-06T07:00:00Z') from timing t;
  perform pg_temp.say(t.chat, 2, 800001, t.answer_at, 'Ответ') from timing t;
end $$;
select is((select (r.status, r.breached, r.response_working_seconds)::text from pg_temp.req(t.chat) r), t.expected, t.what)
from timing t;

-- What answers and what does not, table-driven: each row has its own chat with an open request.
do $$ begin perform pg_temp.chat(-1002000000120 - n) from generate_series(1, 10) n; end $$;
select is((pg_temp.say(t.chat, 2, t.sender, '2025-01-06T07:30:00Z', 'ок', t.kind, t.is_bot, t.version) ->> 'answered')::int,
          t.answers, t.what)
from (select t.*, pg_temp.ask(t.chat, 1, '2025-01-06T07:00:00Z') opened
      from (values (-1002000000121::bigint, 800001::bigint, 'text', false, 1, 1, 'accountant text answers'),
                   (-1002000000122, 800001, 'voice', false, 1, 1, 'accountant voice answers'),
                   (-1002000000123, 800001, 'document', false, 1, 1, 'accountant document answers'),
                   (-1002000000124, 800001, 'caption', false, 1, 1, 'accountant caption answers'),
                   (-1002000000125, 800001, 'sticker', false, 1, 0, 'a sticker never answers'),
                   (-1002000000126, 800001, 'reaction', false, 1, 0, 'a reaction never answers'),
                   (-1002000000127, 800001, 'service', false, 1, 0, 'a service message never answers'),
                   (-1002000000128, 800002, 'text', false, 1, 0, 'a manager''s message is not an accountant''s answer'),
                   (-1002000000129, 555002, 'text', true, 1, 0, 'a bot never answers'),
                   (-1002000000130, 800001, 'text', false, 2, 0, 'an edit of an older message is not a new answer')
           ) t (chat, sender, kind, is_bot, version, answers, what)
      offset 0) t;

-- Labels and gates, table-driven: what a labelled client message does in a chat with no open request.
do $$ begin
  perform pg_temp.chat(-1002000000140 - n) from generate_series(1, 6) n;
  perform pg_temp.chat(-1002000000150 - n, n = 2) from generate_series(1, 4) n;  -- -…152 has SLA on
  update public.chats set monitoring_enabled = false where id in (-1002000000153, -1002000000154);
  update public.chats set sla_enabled = true where id = -1002000000153;
end $$;
select is(pg_temp.ask(t.chat, 1, '2025-01-06T07:00:00Z', t.label, t.source) ->> 'action', t.action, t.what)
from (values (-1002000000141::bigint, 'REQUEST', 'rules', 'opened', 'REQUEST opens'),
             (-1002000000142, 'CLARIFICATION', 'llm', 'opened', 'CLARIFICATION without an open request opens one'),
             (-1002000000143, 'GRATITUDE', 'rules', 'ignored', 'GRATITUDE opens nothing'),
             (-1002000000144, 'SPAM', 'cache', 'ignored', 'SPAM opens nothing'),
             (-1002000000145, 'REQUEST', 'faq', 'ignored', 'a message the FAQ answered opens nothing'),
             (-1002000000146, 'REQUEST', 'fallback', 'opened', 'a fallback REQUEST opens'),
             (-1002000000151, 'REQUEST', 'rules', 'ignored', 'SLA off: nothing opens'),
             (-1002000000152, 'REQUEST', 'rules', 'opened', 'SLA on and monitoring on: opens'),
             (-1002000000153, 'REQUEST', 'rules', 'ignored', 'monitoring off (bot removed): nothing opens'),
             (-1002000000154, 'REQUEST', 'rules', 'ignored', 'SLA and monitoring off: nothing opens')) t (chat, label, source, action, what);
select is(pg_temp.ask(-1002000000141, 2, '2025-01-06T07:05:00Z', 'GRATITUDE') ->> 'action', 'ignored', 'GRATITUDE does not join');
select is((select (r.status, r.message_count)::text from pg_temp.req(-1002000000141) r), '(open,1)', 'nor close the open request');
select is((select m.label || '/' || m.label_source from public.messages m where m.chat_id = -1002000000141 and m.message_id = 2),
          'GRATITUDE/rules', 'the label is stored anyway');
select is((select (pg_temp.say(-1002000000141, 3, 555002, '2025-01-06T07:06:00Z', 'Когда?', 'text', true) ->> 'sender_kind')
           || '/' || (public.classify_message(-1002000000141, 3, 'REQUEST', 'rules') ->> 'action')), 'bot/ignored',
          'a bot''s message never opens or joins a request');
select is(pg_temp.ask(-1002000000141, 4, '2025-01-06T07:07:00Z', 'REQUEST') ->> 'action', 'joined', 'a client REQUEST still joins');

-- Snapshots: settings changed after a request opened affect new requests only.
do $$ begin
  perform pg_temp.chat(-1002000000161);
  perform pg_temp.ask(-1002000000161, 1, '2025-01-06T07:00:00Z');
  update public.chats set threshold_minutes = 30 where id = -1002000000161;
  update public.settings set warning_percent = 50;
  perform sla.set_schedule(-1002000000161, '{"timezone":"Asia/Vladivostok","is_24x7":true}');
end $$;
select is((select (r.threshold_minutes, r.warning_percent, r.warn_at, r.breach_at, sla.schedule_of(r.schedule_id) ->> 'timezone')::text from pg_temp.req(-1002000000161) r),
          '(60,80,"2025-01-06 07:48:00+00","2025-01-06 08:00:00+00",Europe/Moscow)', 'the open request keeps its snapshot');
select is(pg_temp.say(-1002000000161, 2, 800001, '2025-01-06T08:30:00Z', 'Ответ') -> 'answered', '1', 'it is answered');
select is((pg_temp.req(-1002000000161)).response_working_seconds, 5400::bigint, 'measured in its snapshotted calendar (not 24/7)');
do $$ begin perform pg_temp.ask(-1002000000161, 3, '2025-01-06T20:00:00Z'); end $$;
select is((select (r.threshold_minutes, r.warning_percent, r.warn_at, r.breach_at, sla.schedule_of(r.schedule_id) ->> 'timezone')::text
           from pg_temp.req(-1002000000161) r),
          '(30,50,"2025-01-06 20:15:00+00","2025-01-06 20:30:00+00",Asia/Vladivostok)', 'a new request uses the new settings');
do $$ begin
  update public.settings set warning_percent = 0;
  perform pg_temp.ask(-1002000000152, 2, '2025-01-06T07:30:00Z');
  perform pg_temp.chat(-1002000000162), pg_temp.ask(-1002000000162, 1, '2025-01-06T07:00:00Z');
  update public.settings set warning_percent = 80;
  perform pg_temp.chat(-1002000000163), pg_temp.ask(-1002000000163, 1, '2025-01-31T14:30:00Z');
end $$;
select is((select (r.warn_at, r.message_count)::text from pg_temp.req(-1002000000152) r), '("2025-01-06 07:48:00+00",2)',
          'a request joined after the warning percent changed keeps its warn_at');
select is((select (r.warn_at, r.next_alert_at)::text from pg_temp.req(-1002000000162) r),
          '(,"2025-01-06 08:00:00+00")', 'warning percent 0: no warn_at, the tick waits for breach_at');
select is((pg_temp.req(-1002000000163)).warn_at, '2025-02-03T06:18:00Z'::timestamptz,
          'received Fri 17:30 MSK warns Mon 09:18 MSK ');

-- Late labels: the classifier may answer after later messages were stored.
do $$ begin
  perform pg_temp.chat(-1002000000171);
  perform pg_temp.say(-1002000000171, 1, 555001, '2025-01-06T07:00:00Z');
  perform pg_temp.say(-1002000000171, 2, 800001, '2025-01-06T07:05:00Z', 'Ответ');
end $$;
select is(public.classify_message(-1002000000171, 1, 'REQUEST', 'llm') ->> 'action', 'opened', 'a late REQUEST label still records the request');
select is((select (r.status, r.answered_at, r.response_working_seconds, r.breached)::text from pg_temp.req(-1002000000171) r),
          '(answered,"2025-01-06 07:05:00+00",300,f)', 'already answered by the accountant message that followed it');
do $$ begin
  perform pg_temp.ask(-1002000000171, 3, '2025-01-06T08:00:00Z');
  perform pg_temp.say(-1002000000171, 4, 555001, '2025-01-06T08:01:00Z');
  perform pg_temp.say(-1002000000171, 5, 800001, '2025-01-06T08:05:00Z', 'Ответ');
end $$;
select is(public.classify_message(-1002000000171, 4, 'REQUEST', 'llm') ->> 'request_id', ((pg_temp.req(-1002000000171)).id)::text,
          'a late label joins the request that was open when the message was sent');
select is((select count(*) from public.requests r where r.chat_id = -1002000000171), 2::bigint, 'no extra request');
select throws_ok($$select public.classify_message(-1002000000171, 999, 'REQUEST', 'rules')$$, 'P0002', null,
                 'classifying a message that was never stored is an error');

-- Manual resolve closes without inventing response metrics.
do $$ begin perform pg_temp.chat(-1002000000181); perform pg_temp.ask(-1002000000181, 1, '2025-01-06T07:00:00Z'); end $$;
select is(sla.resolve_request((pg_temp.req(-1002000000181)).id, 'Руководитель Борис', '2025-01-06T07:30:00Z') - 'request_id',
          '{"ok":true,"reason":"Запрос закрыт","chat_id":-1002000000181}', 'resolve closes the request');
select is((select (r.status, r.resolved_at, r.resolved_by, r.answered_at, r.response_working_seconds, r.breached, r.next_alert_at)::text
           from pg_temp.req(-1002000000181) r),
          '(resolved,"2025-01-06 07:30:00+00","Руководитель Борис",,,f,)', 'no answer time, no response metrics, not breached');
select is(sla.resolve_request((pg_temp.req(-1002000000181)).id, 'x', '2025-01-06T07:31:00Z') ->> 'reason', 'Запрос уже закрыт',
          'resolving twice says it is already closed');
select is(sla.resolve_request(-1, 'x') -> 'ok', 'false', 'an unknown request cannot be resolved');
select is(pg_temp.say(-1002000000181, 2, 800001, '2025-01-06T07:40:00Z', 'Ответ') -> 'answered', '0',
          'a later accountant message does not turn a resolved request into an answered one');
do $$ begin perform pg_temp.ask(-1002000000181, 3, '2025-01-06T09:00:00Z'); end $$;
select is(sla.resolve_request((pg_temp.req(-1002000000181)).id, 'x', '2025-01-06T10:30:00Z') -> 'ok', 'true',
          'a request can be resolved after its breach_at');
select is((pg_temp.req(-1002000000181)).breached, true, 'then it counts as breached (it was unanswered at breach_at)');

select * from finish();
rollback;
