-- Relay SQL: claiming with leases, the begin fence, outcomes, in-doubt rows, DM fallback, admin notices.
begin;
create extension if not exists pgtap with schema extensions;
select plan(43);

-- The test owns the outbox for its transaction; far-future instants keep live rows of a running stack out.
update public.outbox set status = 'cancelled' where status in ('pending', 'sending');
update public.settings set global_manager_telegram_ids = '{700055}';
create temp table t_now as select timestamptz '2031-03-03 10:00+03' as t;
create function pg_temp.at(p_seconds integer) returns timestamptz
language sql as $$ select t + make_interval(secs => p_seconds) from t_now $$;
create function pg_temp.row_of(p_key text) returns public.outbox
language sql as $$ select * from public.outbox where dedup_key = p_key $$;
create function pg_temp.put(p_key text, p_chat bigint, p_kind text default 'breach', p_client boolean default false,
                            p_about bigint default null) returns bigint
language sql as $$
  insert into public.outbox (kind, chat_id, payload, dedup_key, to_client_group, about_chat_id, not_before)
  values (p_kind, p_chat, jsonb_build_object('text', 'msg ' || p_key, 'parse_mode', 'HTML'), p_key, p_client, p_about,
          pg_temp.at(0))
  returning id
$$;

-- ── Claiming: due rows only, the oldest open row per recipient, leases keep other workers out ──────────
select pg_temp.put('a1', 700003);
select pg_temp.put('a2', 700003);
select pg_temp.put('g1', -1001000000001, 'survey', true);
update public.outbox set not_before = pg_temp.at(600) where dedup_key = 'g1';
select results_eq($$ select id from public.relay_claim('w1', 10, 30, pg_temp.at(1)) $$,
                  $$ select id from public.outbox where dedup_key = 'a1' $$,
                  'claim: one row per recipient (a2 waits for a1), not-yet-due rows stay');
select is((pg_temp.row_of('a1')).claimed_by, 'w1', 'claim: the row is leased to the worker');
select is((pg_temp.row_of('a1')).status, 'pending', 'claim: a claimed row is still pending until the send begins');
select is_empty($$ select * from public.relay_claim('w2', 10, 30, pg_temp.at(2)) $$, 'claim: a leased row is not claimed again');
select results_eq($$ select id from public.relay_claim('w2', 10, 30, pg_temp.at(40)) $$,
                  $$ select id from public.outbox where dedup_key = 'a1' $$,
                  'claim: a lapsed lease (relay died before sending) makes the row claimable again');

select pg_temp.put('later', 700020);
update public.outbox set not_before = pg_temp.at(3600) where dedup_key = 'later';
select pg_temp.put('now', 700020);
select results_eq($$ select o.dedup_key from public.relay_claim('w9', 10, 30, pg_temp.at(2)) c join public.outbox o using (id) $$,
                  $$ values ('now'::text) $$, 'claim: a row scheduled for later does not hold back a due one to the same chat');
update public.outbox set status = 'cancelled' where dedup_key in ('later', 'now');

-- ── The begin fence ──────────────────────────────────────────────────────────────────────────────────
select ok(not public.relay_begin((pg_temp.row_of('a1')).id, 'w1', 1, 30, pg_temp.at(41)), 'begin: the worker that lost its claim may not send');
select ok(public.relay_begin((pg_temp.row_of('a1')).id, 'w2', 1, 30, pg_temp.at(41)), 'begin: the claim holder may send');
select ok(public.relay_begin((pg_temp.row_of('a1')).id, 'w2', 1, 30, pg_temp.at(41)), 'begin: repeating the same attempt is harmless');
select ok(not public.relay_begin((pg_temp.row_of('a1')).id, 'w2', 2, 30, pg_temp.at(41)), 'begin: a different attempt number is refused');
select is(row((pg_temp.row_of('a1')).status, (pg_temp.row_of('a1')).attempts), row('sending'::text, 1), 'begin: sending, attempt 1');

-- ── Sent: message id recorded; an edit of it gets the original's id ──────────────────────────────────
select ok(public.relay_sent((pg_temp.row_of('a1')).id, 'w2', '{"message_id": 5001, "date": 1900000000}', pg_temp.at(42)), 'sent: recorded');
select is(row((pg_temp.row_of('a1')).status, (pg_temp.row_of('a1')).telegram_message_id, (pg_temp.row_of('a1')).sent_at),
          row('sent'::text, 5001::bigint, pg_temp.at(42)), 'sent: status, Telegram message id and time');
select ok(not public.relay_sent((pg_temp.row_of('a1')).id, 'w2', '{"message_id": 5002}', pg_temp.at(43)), 'sent: a second record changes nothing');
insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key, not_before)
values ('alert_update', 700003, 'editMessageText', '{"text":"closed"}', (pg_temp.row_of('a1')).id, 'e1', pg_temp.at(0));
select results_eq($$ select id from public.relay_claim('w2', 10, 30, pg_temp.at(44)) $$,
                  $$ select id from public.outbox where dedup_key = 'a2' $$,
                  'claim: after a1 is sent, a2 is next; the later edit of a1 waits behind it (order per recipient)');
select pg_temp.put('s1', 700010);
select public.relay_claim('w2', 10, 30, pg_temp.at(44));
select public.relay_begin((pg_temp.row_of('s1')).id, 'w2', 1, 30, pg_temp.at(44));
select public.relay_sent((pg_temp.row_of('s1')).id, 'w2', '{"message_id": 5003}', pg_temp.at(44));
insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key, not_before)
values ('alert_update', 700010, 'editMessageText', '{"text":"closed"}', (pg_temp.row_of('s1')).id, 'e3', pg_temp.at(0));
select results_eq($$ select c.edit_message_id from public.relay_claim('w2', 10, 30, pg_temp.at(44)) c $$,
                  $$ values (5003::bigint) $$, 'claim: an edit carries the Telegram message id it applies to');

-- ── Retries and final failures ───────────────────────────────────────────────────────────────────────
select public.relay_begin((pg_temp.row_of('a2')).id, 'w2', 1, 30, pg_temp.at(45));
select is(public.relay_failed((pg_temp.row_of('a2')).id, 'w2', '500 Internal Server Error', pg_temp.at(60), pg_temp.at(46)),
          'pending', 'failed with a retry time: back to pending');
select is(row((pg_temp.row_of('a2')).not_before, (pg_temp.row_of('a2')).claimed_by, (pg_temp.row_of('a2')).last_error),
          row(pg_temp.at(60), null::text, '500 Internal Server Error'::text), 'retry: waits until the retry time, reason kept');
select is_empty($$ select * from public.relay_claim('w3', 10, 30, pg_temp.at(50)) c where c.id = (pg_temp.row_of('a2')).id $$,
                'retry: not claimable before its time');
select is_empty($$ select * from public.outbox where kind = 'admin_notice' $$, 'retry: admins are not told yet');
select pg_temp.put('g2', -1001000000002, 'survey', true);
select public.relay_claim('w3', 10, 30, pg_temp.at(61));
select public.relay_begin((pg_temp.row_of('g2')).id, 'w3', 1, 30, pg_temp.at(61));
select is(public.relay_failed((pg_temp.row_of('g2')).id, 'w3', '400 Bad Request: chat not found', null, pg_temp.at(62)),
          'failed', 'failed without a retry time: final');
select results_eq($$ select chat_id, payload ->> 'text' ~ 'chat not found' from public.outbox where kind = 'admin_notice' $$,
                  $$ values (700001::bigint, true) $$, 'final failure: a notice with the reason to every admin with a Telegram id');
update public.outbox set status = 'cancelled' where kind = 'admin_notice';
select pg_temp.put('n1', 700001, 'admin_notice');
select public.relay_claim('w3', 10, 30, pg_temp.at(63));
select public.relay_begin((pg_temp.row_of('n1')).id, 'w3', 1, 30, pg_temp.at(63));
select is(public.relay_failed((pg_temp.row_of('n1')).id, 'w3', '403 Forbidden: bot was blocked by the user', null, pg_temp.at(64)),
          'failed', 'a failed admin notice fails');
select is_empty($$ select * from public.outbox where kind = 'admin_notice' and status = 'pending' $$,
                'a failed admin notice produces no further notice');
select is(public.relay_failed((pg_temp.row_of('n1')).id, 'w3', 'again', null, pg_temp.at(65)), null,
          'failed: a worker that no longer holds the row changes nothing');

update public.outbox set status = 'cancelled' where status = 'pending';

-- ── DM fallback: an accountant who cannot be reached → the chat's managers, else the global managers ─
select pg_temp.put('b1', 700003, 'breach', false, -1001000000001);
select pg_temp.put('b2', 700004, 'warning', false, -1001000000003);
select pg_temp.put('b3', 700006, 'survey');
select public.relay_claim('w4', 10, 30, pg_temp.at(70));
select public.relay_begin(id, 'w4', 1, 30, pg_temp.at(70)) from public.outbox where dedup_key in ('b1', 'b2', 'b3');
select public.relay_failed(id, 'w4', '403 Forbidden: bot can''t initiate conversation with a user', null, pg_temp.at(71))
  from public.outbox where dedup_key in ('b1', 'b2', 'b3');
select results_eq($$ select chat_id, kind, about_chat_id from public.outbox where dedup_key like 'fallback:%' order by chat_id $$,
                  $$ values (700002::bigint, 'dm_fallback'::text, -1001000000001::bigint), (700055, 'dm_fallback', -1001000000003) $$,
                  'fallback: the chat''s manager for b1, the global manager for b2 (chat without managers)');
select ok((select payload ->> 'text' from public.outbox where dedup_key like 'fallback:%' and chat_id = 700002)
            ~ '^⚠️ Не удалось доставить сообщение сотруднику <b>Ольга Бухгалтер</b>.*msg b1$',
          'fallback: names the unreachable person and carries the original text');
select results_eq($$ select payload ->> 'text' ~ 'survey' from public.outbox where kind = 'admin_notice' and status = 'pending' $$,
                  $$ values (true) $$, 'fallback only for staff alert kinds: the blocked survey DM goes to admins instead');
update public.outbox set status = 'cancelled' where status = 'pending';

-- ── In doubt: the relay died between the API call and recording it ──────────────────────────────────
select pg_temp.put('d1', 700002, 'escalation');
select pg_temp.put('d2', -1001000000002, 'survey', true);
select public.relay_claim('w5', 10, 5, pg_temp.at(80));
select public.relay_begin(id, 'w5', 1, 5, pg_temp.at(80)) from public.outbox where dedup_key in ('d1', 'd2');
select is_empty($$ select * from public.relay_claim('w6', 10, 5, pg_temp.at(84)) $$, 'in doubt: nothing happens while the lease holds');
select results_eq($$ select o.dedup_key from public.relay_claim('w6', 10, 5, pg_temp.at(86)) c join public.outbox o using (id)
                     where o.kind <> 'admin_notice' $$,
                  $$ values ('d1'::text) $$, 'in doubt: a staff alert is claimed again (resent)');
select ok((pg_temp.row_of('d1')).last_error like 'in doubt:%resent%', 'in doubt: the staff row says it was resent');
select is(row((pg_temp.row_of('d2')).status, (pg_temp.row_of('d2')).last_error like 'in doubt:%never resent'),
          row('failed'::text, true), 'in doubt: a client-group row fails with reason in doubt, never resent');
select is((select count(*)::integer from public.outbox where kind = 'admin_notice' and status = 'pending'
            and payload ->> 'text' ~ 'in doubt'), 1, 'in doubt: admins are told about the client-group row');
select ok(public.relay_sent((pg_temp.row_of('d2')).id, 'w5', '{"message_id": 7001}', pg_temp.at(87)),
          'in doubt: a late answer from the old worker is still recorded');
select is(row((pg_temp.row_of('d2')).status, (pg_temp.row_of('d2')).telegram_message_id), row('sent'::text, 7001::bigint),
          'in doubt: the row is sent after all');
select is_empty($$ select * from public.outbox where kind = 'admin_notice' and status = 'pending' $$,
                'in doubt: the now pointless admin notice is withdrawn');

-- ── Orphan edits, message log, release ───────────────────────────────────────────────────────────────
insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key, not_before)
values ('alert_update', -1001000000002, 'editMessageText', '{"text":"x"}', (pg_temp.row_of('g2')).id, 'e2', pg_temp.at(0));
select public.relay_claim('w7', 10, 30, pg_temp.at(90));
select is(row((pg_temp.row_of('e2')).status, (pg_temp.row_of('e2')).last_error ~ 'was not sent'), row('cancelled'::text, true),
          'an edit of a message that was never delivered is cancelled with the reason');
select ok(exists (select 1 from public.messages where chat_id = -1001000000002 and message_id = 7001 and direction = 'out'
                    and sender_kind = 'bot'), 'a delivered group message joins the message log as outgoing');
select pg_temp.put('r1', 700007, 'escalation');
select public.relay_claim('w8', 10, 30, pg_temp.at(91));
select is(public.relay_release('w8', array[(pg_temp.row_of('r1')).id]), 1, 'release: a claimed row goes back');
select is(row((pg_temp.row_of('r1')).claimed_by, (pg_temp.row_of('r1')).not_before), row(null::text, pg_temp.at(0)),
          'release: unclaimed and still due, so it keeps its place in its chat''s order');

update public.outbox set status = 'cancelled' where status = 'pending' and dedup_key <> 'r1';

-- ── Metrics and access ───────────────────────────────────────────────────────────────────────────────
select ok(public.relay_metrics(pg_temp.at(130)) ?& array['outbox_pending', 'outbox_sending', 'outbox_oldest_age_seconds',
          'sla_open_requests', 'sla_warnings_today', 'sla_breaches_today', 'sla_compliance_ratio', 'sla_open_alerts',
          'classifier_fallback_ratio', 'webhook_updates', 'calendar_covered_until_timestamp_seconds'],
          'relay_metrics: every gauge /metrics exports');
select is((public.relay_metrics(pg_temp.at(130)) ->> 'outbox_oldest_age_seconds')::numeric, 130.000,
          'relay_metrics: the most overdue pending row has been due for 130 s');
select is_empty(
  $$ select f, r
       from unnest(array['public.relay_claim(text,integer,integer,timestamptz)',
                         'public.relay_begin(bigint,text,integer,integer,timestamptz)',
                         'public.relay_sent(bigint,text,jsonb,timestamptz)',
                         'public.relay_failed(bigint,text,text,timestamptz,timestamptz)',
                         'public.relay_release(text,bigint[])', 'public.relay_ping()',
                         'public.relay_metrics(timestamptz)']) f,
            unnest(array['anon', 'authenticated', 'service_role']) r
      where has_function_privilege(r, f, 'execute') <> (r = 'service_role') $$,
  'every relay RPC is executable by service_role only');

select * from finish();
rollback;
