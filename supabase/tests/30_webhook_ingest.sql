-- Webhook intake: update ids claimed once (dedup), invalid updates recorded as failed, and the hot-path
-- RPC public.ingest_message — claim + migration + record_message + classify_message in one transaction.
begin;
create extension if not exists pgtap with schema extensions;
select plan(32);
\ir helpers/sla_fixture.psql
\ir helpers/act_as.psql

-- A client message of chat -1003000000001 as the webhook sends it.
create function pg_temp.msg(p_chat bigint, p_id bigint, p_from bigint, p_at timestamptz, p_text text default 'Где мой счёт?')
returns jsonb language sql as $$
  select jsonb_build_object('chat_id', p_chat, 'chat_title', 'ООО Тест', 'chat_type', 'supergroup', 'message_id', p_id,
    'sender_telegram_id', p_from, 'sender_is_bot', false, 'sender_name', 'Иван', 'kind', 'text', 'text', p_text, 'sent_at', p_at)
$$;
do $$ begin perform pg_temp.chat(-1003000000001); perform pg_temp.chat(-1003000000002, false); end $$;

-- Claiming: the first delivery wins, every later one is refused.
select is(public.claim_update(900000001, 'callback_query', 42, p_now => '2025-01-06T07:00:00Z'), true, 'first claim of an update id succeeds');
select is(public.claim_update(900000001, 'callback_query', 42), false, 'a redelivered update id is refused');
select is((select (status, finished_at) from public.telegram_updates where update_id = 900000001)::text, '(processing,)',
          'a claimed update is processing until finished');
select lives_ok($$ select public.finish_update(900000001, 'done', null, '2025-01-06T07:00:01Z') $$, 'finish_update marks it done');
select lives_ok($$ select public.finish_update(900000001, 'failed', 'late', '2025-01-06T07:00:02Z') $$, 'a later failure');
select is((select (status, error, finished_at) from public.telegram_updates where update_id = 900000001)::text,
          '(failed,late,"2025-01-06 07:00:02+00")', 'a done update can still turn failed (its replies failed)');
select lives_ok($$ select public.finish_update(900000001, 'done', null, '2025-01-06T07:00:03Z') $$, 'finishing again');
select is((select status from public.telegram_updates where update_id = 900000001), 'failed', 'a failed update stays failed');
select is(public.claim_update(900000002, 'message', -5, 'failed', 'invalid update: message.chat: Required', '2025-01-06T07:00:00Z'),
          true, 'an invalid update is claimed directly as failed');
select is((select (status, error, finished_at is not null) from public.telegram_updates where update_id = 900000002)::text,
          '(failed,"invalid update: message.chat: Required",t)', 'with its reason and a finish time');
select throws_ok($$ select public.claim_update(900000003, 'Not A Type!', null) $$, '23514', null, 'update types are checked');

-- The hot path: a client request in working time opens a request in one call.
select is(public.ingest_message(900000010, 'message', pg_temp.msg(-1003000000001, 10, 555001, '2025-01-06T07:00:00Z'),
            'REQUEST', 'rules', p_now => '2025-01-06T07:00:01Z')
          - 'message_row_id' - 'request_id',
          '{"claimed":true,"duplicate":false,"sender_kind":"client","sla_enabled":true,"monitoring_enabled":true,"answered":0,
            "chat_id":-1003000000001,"label_source":"rules","action":"opened","breach_at":"2025-01-06T08:00:00+00:00",
            "timezone":"Europe/Moscow","working_now":true}', 'ingest_message stores, labels and opens a request');
select is(public.ingest_message(900000010, 'message', pg_temp.msg(-1003000000001, 10, 555001, '2025-01-06T07:00:00Z'),
            'REQUEST', 'rules'), '{"claimed":false}', 'the same update again has no effect');
select is((select (status, finished_at) from public.telegram_updates where update_id = 900000010)::text,
          '(done,"2025-01-06 07:00:01+00")', 'an ingested message''s update is done in the same transaction');
select is(public.ingest_message(900000011, 'message', pg_temp.msg(-1003000000001, 10, 555001, '2025-01-06T07:00:00Z'),
            'REQUEST', 'rules') ->> 'action', 'duplicate', 'the same message under another update id is not counted twice');
select is((select count(*) from public.messages where chat_id = -1003000000001), 1::bigint, 'one message row');
select is((select count(*) from public.requests where chat_id = -1003000000001), 1::bigint, 'one request');

-- Staff messages are stored but never labelled; an accountant's answers the open request.
select is(public.ingest_message(900000012, 'message', pg_temp.msg(-1003000000001, 11, 800001, '2025-01-06T07:10:00Z', 'Готово'),
            'REQUEST', 'rules', p_now => '2025-01-06T07:10:01Z') - 'message_row_id' - 'request_id' - 'breach_at' - 'chat_id'
            - 'timezone' - 'working_now' - 'duplicate' - 'claimed' - 'sla_enabled' - 'monitoring_enabled',
          '{"sender_kind":"accountant","answered":1,"label_source":null,"action":null}', 'an accountant message answers, unlabelled');
select is((select label from public.messages where chat_id = -1003000000001 and message_id = 11), null, 'staff messages carry no label');

-- FAQ: answered messages open nothing; outside connected chats the FAQ stays silent and the rules label stands.
select is(public.ingest_message(900000013, 'message', pg_temp.msg(-1003000000001, 12, 555001, '2025-01-06T07:20:00Z'),
            'REQUEST', 'faq', p_now => '2025-01-06T07:20:01Z') ->> 'action', 'ignored', 'a FAQ-answered message opens no request');
select is((select (label, label_source, request_id) from public.messages where chat_id = -1003000000001 and message_id = 12)::text,
          '(REQUEST,faq,)', 'and is stored with label source faq');
select is(public.ingest_message(900000014, 'message', pg_temp.msg(-1003000000002, 1, 555001, '2025-01-06T07:20:00Z'),
            'REQUEST', 'faq') ->> 'label_source', 'rules', 'in a chat with SLA off the FAQ does not answer');

-- Out of working hours (Saturday) the answer says so, for the acknowledgement.
select is((public.ingest_message(900000015, 'message', pg_temp.msg(-1003000000001, 13, 555001, '2025-01-11T09:00:00Z'),
            'REQUEST', 'rules', p_now => '2025-01-11T09:00:01Z') ->> 'working_now')::boolean, false, 'working_now is false on Saturday');
select is((select breach_at from pg_temp.req(-1003000000001)), '2025-01-13T07:00:00Z'::timestamptz, 'and the ETA is Monday 10:00');

-- Without a label (the LLM decides later) the message is stored only.
select is(public.ingest_message(900000016, 'message', pg_temp.msg(-1003000000002, 2, 555001, '2025-01-06T08:00:00Z', 'хм')) ->> 'action',
          'awaiting', 'no label: stored, awaiting the LLM''s (or the fallback''s) label');

-- A supergroup's service message with migrate_from moves the old group first (one chat, not two).
do $$ begin perform pg_temp.chat(-3000000003); end $$;
select is(public.ingest_message(900000017, 'message', pg_temp.msg(-1003000000003, 1, 555001, '2025-01-06T08:00:00Z') || '{"kind":"service"}',
            p_migrate_from => -3000000003, p_migrate_to => -1003000000003) ->> 'chat_id', '-1003000000003', 'the migrated chat answers');
select is((select count(*) from public.chats where id in (-3000000003, -1003000000003)), 1::bigint, 'the group became the supergroup');
select is((select count(*) from public.chat_staff where chat_id = -1003000000003), 2::bigint, 'with its staff');

-- Every ingest left exactly one telegram_updates row per update id.
select is((select count(*) from public.telegram_updates where update_id between 900000010 and 900000017), 8::bigint,
          'one row per update id');

-- Settings the webhook caches.
select is((select array_agg(k order by k) from jsonb_object_keys(public.webhook_settings()) k),
          '{faq_enabled,faq_min_score,llm_enabled,llm_model,llm_timeout_ms,out_of_hours_ack}', 'webhook_settings keys');

-- RLS: managers read the update log, accountants do not.
select cmp_ok(tests.as_user('manager', 'select count(*) from public.telegram_updates')::bigint, '>=', 10::bigint,
              'a manager reads telegram_updates');
select is(tests.as_user('accountant', 'select count(*) from public.telegram_updates')::bigint, 0::bigint, 'an accountant does not');

select * from finish();
rollback;
