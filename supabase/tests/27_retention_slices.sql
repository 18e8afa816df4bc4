-- The daily purge deletes in slices of 5,000 ids: rows spread over many slices (and gaps between them)
-- all go when expired, rows sent after the cutoff or open requests stay, and the counts add up.
begin;
create extension if not exists pgtap with schema extensions;
select plan(7);
\ir helpers/sla_fixture.psql

-- Old answered requests in one chat with their messages, then messages pushed 7,000 and 20,000 ids
-- further (three slices apart), an old request left open, and a recent request.
do $$ begin
  perform pg_temp.chat(-1002700000001);
  perform pg_temp.ask(-1002700000001, 1, '2020-01-13T07:00:00Z'), pg_temp.say(-1002700000001, 2, 800001, '2020-01-13T07:10:00Z', 'a');
  perform pg_temp.ask(-1002700000001, 3, '2020-01-14T07:00:00Z'), pg_temp.say(-1002700000001, 4, 800001, '2020-01-14T07:20:00Z', 'b');
  perform setval(pg_get_serial_sequence('public.messages', 'id'), (select max(id) from public.messages) + 7000);
  perform pg_temp.say(-1002700000001, 5, 555001, '2020-01-15T07:00:00Z', 'спасибо');
  perform setval(pg_get_serial_sequence('public.messages', 'id'), (select max(id) from public.messages) + 13000);
  perform pg_temp.say(-1002700000001, 6, 555001, '2020-01-16T07:00:00Z', 'ок');
  perform pg_temp.ask(-1002700000001, 7, '2020-01-17T07:00:00Z');                       -- never answered
  perform pg_temp.chat(-1002700000002);
  perform pg_temp.ask(-1002700000002, 1, '2024-06-03T07:00:00Z'), pg_temp.say(-1002700000002, 2, 800001, '2024-06-03T07:10:00Z', 'c');
end $$;

-- Retention 3 years, now 2024-06-10: the cutoff is 2021-06-10.
select is(sla.purge('2024-06-10T00:00:00Z') - 'cutoff',
          '{"requests": 2, "messages": 7, "events": 1, "outbox": 0}'::jsonb,
          'two answered requests (with their events), all seven old messages across slices 5,000 ids apart, and the open request''s old event go');
select is((select count(*)::int from public.messages where chat_id = -1002700000001), 0, 'no old message is left in any slice');
select is((select status from public.requests where chat_id = -1002700000001), 'open', 'the old open request stays');
select is((select first_message_row_id from public.requests where chat_id = -1002700000001), null::bigint,
          'it only loses the reference to its deleted first message');
select is((select count(*)::int from public.messages where chat_id = -1002700000002), 2, 'recent messages stay');
select is((select count(*)::int from public.requests where chat_id = -1002700000002), 1, 'the recent request stays');
select is(sla.purge('2024-06-10T00:00:00Z') - 'cutoff',
          '{"requests": 0, "messages": 0, "events": 0, "outbox": 0}'::jsonb, 'a second run finds nothing');

select * from finish();
rollback;
