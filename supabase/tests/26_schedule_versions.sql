-- Schedule versions: requests share one immutable row per distinct calendar document, and each request
-- keeps timing against the document in force when it opened, whatever its chat's calendar becomes.
begin;
create extension if not exists pgtap with schema extensions;
select plan(10);
\ir helpers/sla_fixture.psql

-- Two chats on the firm's calendar and one with its own; two requests in each of the first.
do $$ begin
  perform pg_temp.chat(-1002600000001);
  perform pg_temp.chat(-1002600000002);
  perform pg_temp.chat(-1002600000003);
  perform sla.set_schedule(-1002600000003, '{"timezone":"Asia/Yekaterinburg","is_24x7":true}');
  perform pg_temp.ask(-1002600000001, 1, '2025-01-06T07:00:00Z');   -- Mon 10:00 MSK
  perform pg_temp.say(-1002600000001, 2, 800001, '2025-01-06T07:10:00Z', 'Ответ');
  perform pg_temp.ask(-1002600000001, 3, '2025-01-06T08:00:00Z');
  perform pg_temp.ask(-1002600000002, 1, '2025-01-06T07:00:00Z');
  perform pg_temp.ask(-1002600000003, 1, '2025-01-06T07:00:00Z');
end $$;

select is((select count(distinct r.schedule_id)::int from public.requests r
           where r.chat_id in (-1002600000001, -1002600000002)),
          1, 'requests of chats on the same calendar share one schedule version');
select isnt((pg_temp.req(-1002600000003)).schedule_id, (pg_temp.req(-1002600000002)).schedule_id,
            'a chat with its own calendar gets its own version');
select is(sla.schedule_of((pg_temp.req(-1002600000002)).schedule_id), sla.get_schedule(-1002600000002),
          'the version holds the document the request was opened under');
select is(sla.schedule_version(sla.get_schedule(-1002600000002)), (pg_temp.req(-1002600000002)).schedule_id,
          'the same document maps to the same version (content-addressed)');
select is((select v.hash from sla.schedule_versions v where v.id = (pg_temp.req(-1002600000002)).schedule_id),
          sha256(convert_to(sla.get_schedule(-1002600000002)::text, 'UTF8')), 'keyed by the SHA-256 of its text');

-- The chat moves to 24/7 after its request opened (Mon 10:00 MSK): the answer at 20:00 MSK is measured in
-- the old calendar (09:00–18:00: 8 working hours), not in the new one (10 hours).
do $$ begin perform sla.set_schedule(-1002600000002, '{"timezone":"Europe/Moscow","is_24x7":true}'); end $$;
select is(sla.schedule_of((pg_temp.req(-1002600000002)).schedule_id) ->> 'is_24x7', 'false',
          'after the chat''s calendar changes the open request still points at its own document');
select is(pg_temp.say(-1002600000002, 2, 800001, '2025-01-06T17:00:00Z', 'Ответ') -> 'answered', '1',
          'the accountant answers');
select is((pg_temp.req(-1002600000002)).response_working_seconds, 8 * 3600::bigint,
          'working time is counted in the calendar in force when the request opened');

select throws_ok($$update sla.schedule_versions set document = '{}'::jsonb$$, '42501',
                 'schedule versions are immutable', 'a version can never be rewritten');

select ok((select c.relrowsecurity from pg_class c where c.oid = 'sla.schedule_versions'::regclass)
          and not has_table_privilege('authenticated', 'sla.schedule_versions', 'select')
          and not has_table_privilege('anon', 'sla.schedule_versions', 'select'),
          'RLS is on and console users cannot read schedule versions directly (only definer functions do)');

select * from finish();
rollback;
