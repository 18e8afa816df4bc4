-- Relay: a group upgraded to a supergroup — the chat moves and every open row follows it.
begin;
create extension if not exists pgtap with schema extensions;
select plan(7);

update public.outbox set status = 'cancelled' where status in ('pending', 'sending');
insert into public.chats (id, title, sla_enabled, threshold_minutes) values (-4242, 'ООО Апгрейд', true, 60);
update public.settings set internal_team_chat_id = -4242;
insert into public.outbox (kind, chat_id, payload, dedup_key, to_client_group, not_before) values
  ('survey', -4242, '{"text":"a"}', 'up:1', true, '2031-03-03 10:00+03'),
  ('survey', -4242, '{"text":"b"}', 'up:2', true, '2031-03-03 10:00+03'),
  ('breach', 700003, '{"text":"c"}', 'up:3', false, '2031-03-03 10:00+03');
select public.relay_claim('w1', 10, 30, '2031-03-03 10:00:01+03');
select public.relay_begin((select id from public.outbox where dedup_key = 'up:1'), 'w1', 1, 30, '2031-03-03 10:00:02+03');

select is(public.relay_migrated((select id from public.outbox where dedup_key = 'up:1'), 'w2', -1004242, '2031-03-03 10:00:03+03'),
          null, 'a worker that does not hold the row changes nothing');
select is(public.relay_migrated((select id from public.outbox where dedup_key = 'up:1'), 'w1', -1004242, '2031-03-03 10:00:03+03'),
          2, 'both open rows of the old group are re-addressed');
select results_eq($$ select chat_id, status from public.outbox where dedup_key in ('up:1', 'up:2') order by dedup_key $$,
                  $$ values (-1004242::bigint, 'pending'::text), (-1004242, 'pending') $$,
                  'the failed row is due again for the new id');
select is((select chat_id from public.outbox where dedup_key = 'up:3'), 700003::bigint, 'private rows are untouched');
select ok(exists (select from public.chats where id = -1004242) and not exists (select from public.chats where id = -4242),
          'the chat moved to the supergroup id');
select is((select internal_team_chat_id from public.settings), -1004242::bigint, 'a team chat setting follows the upgrade');
select is_empty($$ select 1 from public.outbox where chat_id = -4242 and status in ('pending', 'sending') $$,
                'nothing is left addressed to the old group');

select * from finish();
rollback;
