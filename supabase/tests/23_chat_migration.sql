-- Group → supergroup migration mid-request: the chat, its history, open SLA state, staff and calendar
-- move to the new id in one transaction; a supergroup that already wrote is merged; late updates of the
-- old group land in the new chat; repeating the migration changes nothing.
begin;
create extension if not exists pgtap with schema extensions;
select plan(21);
\ir helpers/sla_fixture.psql

-- A basic group with an open request that already got its warning, and a calendar of its own.
do $$ begin
  perform pg_temp.chat(-5001, true, 'Группа', 'group');
  perform sla.set_schedule(-5001, '{"timezone":"Asia/Yekaterinburg","week":{"1":[["09:00","18:00"]],"2":[["09:00","18:00"]],
    "3":[["09:00","18:00"]],"4":[["09:00","18:00"]],"5":[["09:00","18:00"]]}}');
  perform pg_temp.ask(-5001, 10, '2025-01-06T05:00:00Z');  -- 10:00 in Yekaterinburg
  perform sla.tick('2025-01-06T05:48:00Z');
end $$;
create temp table old_state as
  select (pg_temp.req(-5001)).id request_id, (select count(*) from public.messages where chat_id = -5001) messages;

select is(sla.migrate_chat(-5001, -1005001, '2025-01-06T05:50:00Z'), '{"merged": false, "chat_id": -1005001, "migrated": true}',
          'the group migrates');
select is((select (c.chat_type, c.title, c.sla_enabled)::text from public.chats c where c.id = -1005001), '(supergroup,Группа,t)',
          'the chat now has the supergroup id and type, settings kept');
select is((select count(*) from public.chats c where c.id = -5001), 0::bigint, 'the old id is gone');
select is((select (r.chat_id, r.status)::text from public.requests r where r.id = (select request_id from old_state)), '(-1005001,open)',
          'the open request moved with its state');
select is((select count(*) from public.messages m where m.chat_id = -1005001 and m.source_chat_id = -5001), (select messages from old_state),
          'the history moved and remembers which chat it was written in');
select is((select array_agg(a.chat_id || ' ' || a.kind) from public.alerts a where a.request_id = (select request_id from old_state)),
          '{"-1005001 warning"}', 'its alerts moved');
select is((select array_agg(cs.telegram_user_id order by cs.telegram_user_id) from public.chat_staff cs where cs.chat_id = -1005001),
          '{800001,800002}', 'the staff moved');
select is(sla.get_schedule(-1005001) ->> 'timezone', 'Asia/Yekaterinburg', 'the calendar moved');
select is((select (e.chat_id, e.data)::text from public.sla_events e where e.kind = 'migrated'),
          '(-1005001,"{""from"": -5001, ""merged"": false}")', 'the migration is in the timeline');

-- Life goes on in the supergroup: a late duplicate of the old group, then an answer, then the tick.
select is(pg_temp.say(-5001, 10, 555001, '2025-01-06T05:00:00Z') - 'message_row_id',
          '{"answered": 0, "chat_id": -1005001, "duplicate": true, "sender_kind": "client", "sla_enabled": true, "monitoring_enabled": true}',
          'a late duplicate update of the old group is recognised in the new chat');
select is(sla.tick('2025-01-06T06:00:30Z')::text, '{"breaches": 1, "warnings": 0, "fallbacks": 0, "escalations": 0}',
          'the tick raises the breach under the new id (11:00 in Yekaterinburg)');
select is((select array_agg(o.payload @? '$.reply_markup.inline_keyboard[*][*].url' order by o.chat_id) from public.outbox o
           join public.alert_deliveries d on d.outbox_id = o.id where d.chat_id = -1005001 and o.kind = 'breach'),
          '{f,f}', 'no open-chat link to a message of the old basic group');
select is(pg_temp.say(-1005001, 1, 800001, '2025-01-06T06:05:00Z', 'Ответ') -> 'answered', '1',
          'the accountant''s answer in the supergroup answers the request opened in the group');
select is((select (r.status, r.response_working_seconds, r.breached)::text from public.requests r where r.id = (select request_id from old_state)),
          '(answered,3900,t)', 'measured in the request''s own calendar');

-- Migrating again (Telegram sends the service message twice) changes nothing.
select is(sla.migrate_chat(-5001, -1005001) ->> 'reason', 'already migrated', 'a repeated migration is a no-op');
select throws_ok($$select sla.migrate_chat(-1005001, -1005001)$$, '22023', null, 'old and new must differ');

-- The supergroup wrote first (registered as an unknown chat): the two are merged.
do $$ begin
  perform pg_temp.chat(-5002, true, 'Группа 2', 'group');
  perform pg_temp.ask(-5002, 500, '2025-01-07T07:00:00Z');
  perform public.record_message('{"chat_id":-1005002,"chat_title":"Группа 2 (супергруппа)","chat_type":"supergroup","message_id":1,
    "sender_telegram_id":555001,"kind":"service","sent_at":"2025-01-07T07:01:00Z"}');
  perform public.record_message('{"chat_id":-1005002,"message_id":500,"sender_telegram_id":555001,"kind":"text","text":"тот же номер",
    "sent_at":"2025-01-07T07:02:00Z"}');
end $$;
select is(sla.migrate_chat(-5002, -1005002, '2025-01-07T07:03:00Z') ->> 'merged', 'true', 'the registered supergroup is merged');
select is((select (c.title, c.sla_enabled, c.threshold_minutes)::text from public.chats c where c.id = -1005002),
          '("Группа 2 (супергруппа)",t,60)', 'the group''s SLA settings win, the supergroup''s title is kept');
select is((select array_agg(m.source_chat_id || ':' || m.message_id order by m.sent_at) from public.messages m where m.chat_id = -1005002),
          '{-5002:500,-1005002:1,-1005002:500}', 'both histories are there, equal message ids of the two chats do not collide');
select is((select (r.chat_id, r.status)::text from pg_temp.req(-1005002) r), '(-1005002,open)', 'the open request moved');
select is((select count(*) from public.chat_staff cs where cs.chat_id = -1005002), 2::bigint, 'the staff moved');

select * from finish();
rollback;
