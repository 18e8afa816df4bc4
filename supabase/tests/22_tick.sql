-- sla.tick: warnings once, breaches at the first tick
-- after breach_at (a tick at exactly breach_at raises nothing), the escalation ladder in working time (night, weekend, maximum), recipients (never the
-- client group), texts and buttons, resolve/answer stop the chain and edit sent copies, the alert buttons,
-- monitoring off, and exactly-once output when the tick runs twice at the same instant.
begin;
create extension if not exists pgtap with schema extensions;
select plan(68);
\ir helpers/sla_fixture.psql

create function pg_temp.alert(p_chat bigint, p_kind text default 'breach') returns public.alerts language sql as $$
  select a.* from public.alerts a where a.chat_id = p_chat and a.kind = p_kind order by a.id desc limit 1
$$;
-- The relay's part, simulated: rows of a kind for a recipient count as delivered.
create function pg_temp.sent(p_kind text, p_recipient bigint default null, p_status text default 'sent') returns void language sql as $$
  update public.outbox o set status = p_status, telegram_message_id = o.id + 5000
   where o.kind = p_kind and o.status = 'pending' and (p_recipient is null or o.chat_id = p_recipient)
$$;
create function pg_temp.tick(p_at timestamptz) returns text language sql as $$ select sla.tick(p_at)::text $$;

-- A. Warning once, breach at the first tick ≥ breach_at, texts escaped. Mon 2025-01-06 10:00 MSK.
do $$ begin
  perform pg_temp.chat(-1002000000201, true, '<Ромашка & Co>');
  perform public.record_message('{"chat_id":-1002000000201,"message_id":1,"sender_telegram_id":555001,"sender_name":"<b>Вася</b>",
    "kind":"text","text":"Счёт <№5> & акт?","sent_at":"2025-01-06T07:00:00Z"}');
  perform public.classify_message(-1002000000201, 1, 'REQUEST', 'rules');
end $$;
select is(pg_temp.tick('2025-01-06T07:47:59Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'nothing before warn_at');
select is(pg_temp.tick('2025-01-06T07:48:00Z'), '{"breaches": 0, "warnings": 1, "fallbacks": 0, "escalations": 0}', 'the warning at warn_at');
select is(pg_temp.tick('2025-01-06T07:48:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'a second tick at the same instant adds nothing');
select is(pg_temp.tick('2025-01-06T07:59:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'the warning is sent once');
select is((select array_agg(o.chat_id || ' ' || o.dedup_key) from public.outbox o where o.kind = 'warning'),
          array['800001 warning:' || (pg_temp.req(-1002000000201)).id || ':800001'], 'the warning goes to the chat''s accountant only');
select is((select o.payload ->> 'text' from public.outbox o where o.kind = 'warning'),
          E'⏳ <b>Скоро истечёт срок ответа клиенту</b>\n💬 Чат: <b>&lt;Ромашка &amp; Co&gt;</b>\n👤 Клиент: &lt;b&gt;Вася&lt;/b&gt;\n'
          || E'📝 «Счёт &lt;№5&gt; &amp; акт?»\n🕒 Получено: 06.01.2025 10:00 (МСК)\n'
          || '⌛ Осталось 12 мин рабочего времени — ответить до 06.01.2025 11:00',
          'the warning text: Russian, HTML-escaped, received time in the chat''s timezone, time left');
select is((select o.payload - 'text' from public.outbox o where o.kind = 'warning'),
          jsonb_build_object('parse_mode', 'HTML', 'link_preview_options', '{"is_disabled": true}'::jsonb, 'reply_markup',
            jsonb_build_object('inline_keyboard', jsonb_build_array(
              jsonb_build_array(jsonb_build_object('text', '💬 Открыть чат', 'url', 'https://t.me/c/2000000201/1')),
              jsonb_build_array(jsonb_build_object('text', '✅ Отметить решённым', 'callback_data',
                                                   'alert:' || (pg_temp.alert(-1002000000201, 'warning')).id || ':resolve'))))),
          'the warning has HTML parse mode, an open-chat link and a resolve button');
select is(pg_temp.tick('2025-01-06T07:59:59Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'no breach a second before breach_at');
select is(pg_temp.tick('2025-01-06T08:00:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}',
          'a tick at exactly breach_at raises nothing yet (an answer then is still on time)');
select is(pg_temp.tick('2025-01-06T08:00:01Z'), '{"breaches": 1, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'the breach right after breach_at');
select is(pg_temp.tick('2025-01-06T08:00:01Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'a second tick adds no second breach');
select is((select array_agg(o.chat_id || ' ' || o.dedup_key order by o.chat_id) from public.outbox o where o.kind = 'breach'),
          array['800001 breach:' || (pg_temp.alert(-1002000000201)).id || ':800001',
                '800002 breach:' || (pg_temp.alert(-1002000000201)).id || ':800002'],
          'the breach goes to the chat''s manager and accountant (no global manager when the chat has one)');
select is((select o.payload -> 'reply_markup' -> 'inline_keyboard' -> 1 -> 0 from public.outbox o where o.kind = 'breach' and o.chat_id = 800002),
          jsonb_build_object('text', '🔔 Напомнить бухгалтеру', 'callback_data', 'alert:' || (pg_temp.alert(-1002000000201)).id || ':notify'),
          'the manager''s copy has the notify-accountant button');
select is((select jsonb_array_length(o.payload -> 'reply_markup' -> 'inline_keyboard') from public.outbox o
           where o.kind = 'breach' and o.chat_id = 800001), 2, 'the accountant''s copy has open chat and resolve only');
select is((select o.payload ->> 'text' from public.outbox o where o.kind = 'breach' and o.chat_id = 800001),
          E'🚨 <b>Нарушен срок ответа клиенту</b>\n💬 Чат: <b>&lt;Ромашка &amp; Co&gt;</b>\n👤 Клиент: &lt;b&gt;Вася&lt;/b&gt;\n'
          || E'📝 «Счёт &lt;№5&gt; &amp; акт?»\n🕒 Получено: 06.01.2025 10:00 (МСК)\n⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00',
          'the breach text');
select is((select (r.breached, r.next_alert_at, a.next_escalation_at, a.escalation_max_count)::text
           from pg_temp.req(-1002000000201) r, pg_temp.alert(-1002000000201) a),
          '(t,,"2025-01-06 08:30:00+00",5)', 'the request is breached and its ladder starts 30 working minutes later');

-- B. "Mark resolved" stops the chain and edits every sent copy; unsent copies are cancelled.
select is(pg_temp.tick('2025-01-06T08:30:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 1}', 'the first repeat');
select is((select o.payload ->> 'text' from public.outbox o where o.kind = 'escalation' and o.chat_id = 800001),
          E'🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор 1 из 5)\n💬 Чат: <b>&lt;Ромашка &amp; Co&gt;</b>\n👤 Клиент: &lt;b&gt;Вася&lt;/b&gt;\n'
          || E'📝 «Счёт &lt;№5&gt; &amp; акт?»\n🕒 Получено: 06.01.2025 10:00 (МСК)\n'
          || '⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 30 мин рабочего времени', 'the repeat says how late it is');
do $$ begin perform pg_temp.sent('warning'), pg_temp.sent('breach'); end $$;
select is(public.alert_action((pg_temp.alert(-1002000000201)).id, 'resolve', 555001, '2025-01-06T08:40:00Z') ->> 'reason',
          'Закрыть запрос могут только бухгалтеры и руководители этого чата', 'a client cannot press resolve');
select is(public.alert_action((pg_temp.alert(-1002000000201)).id, 'resolve', 800002, '2025-01-06T08:40:00Z') - 'request_id',
          '{"ok": true, "reason": "Запрос закрыт", "chat_id": -1002000000201}', 'the chat''s manager resolves');
select is((select array_agg((a.kind, a.status, a.resolution, a.resolved_by, a.next_escalation_at)::text order by a.kind)
           from public.alerts a where a.chat_id = -1002000000201),
          '{"(breach,resolved,resolved,\"Руководитель Борис\",)","(warning,resolved,resolved,\"Руководитель Борис\",)"}',
          'both alerts are resolved by the manager and the ladder stops');
select is((select array_agg(o.status order by o.chat_id) from public.outbox o where o.kind = 'escalation'), '{cancelled,cancelled}',
          'repeats not sent yet are cancelled');
select is((select count(*) from public.outbox e join public.outbox o on o.id = e.edit_of
           where e.kind = 'alert_update' and e.method = 'editMessageText' and e.chat_id = o.chat_id
             and e.dedup_key = 'alert_update:' || o.id and o.kind in ('warning', 'breach')), 3::bigint,
          'every sent copy (warning and both breach copies) gets an edit of that very message');
select is((select e.payload ->> 'text' from public.outbox e join public.outbox o on o.id = e.edit_of
           where e.kind = 'alert_update' and o.kind = 'breach' and o.chat_id = 800002),
          (select o.payload ->> 'text' from public.outbox o where o.kind = 'breach' and o.chat_id = 800002)
          || E'\n\n☑️ <b>Закрыто вручную</b>: Руководитель Борис, 06.01.2025 11:40', 'the edit appends who resolved it and when');
select is((select e.payload -> 'reply_markup' from public.outbox e join public.outbox o on o.id = e.edit_of
           where e.kind = 'alert_update' and o.kind = 'breach' and o.chat_id = 800002),
          '{"inline_keyboard": [[{"url": "https://t.me/c/2000000201/1", "text": "💬 Открыть чат"}]]}',
          'the edited message keeps only the open-chat button');
select is(pg_temp.tick('2025-01-06T09:00:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'nothing after resolve');
select is(public.alert_action((pg_temp.alert(-1002000000201)).id, 'resolve', 800001, '2025-01-06T09:01:00Z') ->> 'reason',
          'Уже закрыто: Руководитель Борис', 'pressing a stale button says who closed it');

-- C. An accountant's answer stops the chain too; copies being sent are edited, pending ones cancelled.
do $$ begin
  perform pg_temp.chat(-1002000000203, true, 'ИП Группа', 'group');
  perform pg_temp.ask(-1002000000203, 1, '2025-01-07T07:00:00Z');
  perform sla.tick('2025-01-07T08:00:01Z');
  perform pg_temp.sent('breach');
  perform sla.tick('2025-01-07T08:30:00Z');
  perform pg_temp.sent('escalation', 800002, 'sending');
end $$;
select is(pg_temp.say(-1002000000203, 2, 800001, '2025-01-07T08:35:00Z', 'Готово') -> 'answered', '1', 'the accountant answers late');
select is((select (a.status, a.resolution, a.resolved_by, a.resolved_at)::text from pg_temp.alert(-1002000000203) a),
          '(resolved,answered,"Бухгалтер Анна","2025-01-07 08:35:00+00")', 'the breach alert is resolved by the answer');
select is((select array_agg(o.kind || ' ' || o.chat_id || ' ' || o.status order by o.kind, o.chat_id) from public.outbox o
           where o.kind = 'escalation' and o.not_before = '2025-01-07T08:30:00Z'),
          '{"escalation 800001 cancelled","escalation 800002 sending"}', 'the unsent repeat is cancelled, the one being sent is not');
select is((select array_agg(o.kind || ' ' || o.chat_id order by o.kind, o.chat_id) from public.outbox e join public.outbox o on o.id = e.edit_of
           where e.kind = 'alert_update' and o.not_before >= '2025-01-07'),
          '{"breach 800001","breach 800002","escalation 800002"}', 'sent and sending copies are edited');
select is((select e.payload from public.outbox e join public.outbox o on o.id = e.edit_of
           where e.kind = 'alert_update' and o.kind = 'breach' and o.chat_id = 800001 and o.not_before >= '2025-01-07') - 'text',
          '{"parse_mode": "HTML", "link_preview_options": {"is_disabled": true}}',
          'a basic group has no message links: the edit removes every button');
select ok((select e.payload ->> 'text' from public.outbox e join public.outbox o on o.id = e.edit_of
           where e.kind = 'alert_update' and o.kind = 'breach' and o.chat_id = 800001 and o.not_before >= '2025-01-07')
          like E'%\n\n✅ <b>Ответ дан</b>: Бухгалтер Анна, 07.01.2025 11:35 (ответ через 95 мин, срок нарушен)',
          'the edit says who answered, when, after how many working minutes, and that it was late');
select is(pg_temp.tick('2025-01-07T09:00:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'nothing after the answer');

-- D. The escalation ladder counts working time: interval 120 min, at most 5 repeats. The breach is
-- Fri 2025-01-10 18:00 MSK (an interval end); repeats skip the weekend and the night.
update public.settings set escalation_interval_minutes = 120, escalation_max_count = 5;
do $$ begin perform pg_temp.chat(-1002000000202); perform pg_temp.ask(-1002000000202, 1, '2025-01-10T14:00:00Z'); end $$;
create function pg_temp.ladder_state() returns text language sql as $$
  select format(' %s %s', a.escalation_count, a.next_escalation_at) from pg_temp.alert(-1002000000202) a
$$;
create temp table ladder (at timestamptz, summary text, count int, next timestamptz, what text) on commit drop;
insert into ladder values
  ('2025-01-10T15:00:30Z', '{"breaches": 1, "warnings": 0, "fallbacks": 0, "escalations": 0}', 0, '2025-01-13T08:00Z', 'Fri 18:00:30 breach (the warning is moot by now); next Mon 11:00'),
  ('2025-01-11T09:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 0, '2025-01-13T08:00Z', 'Sat 12:00: nothing on the weekend'),
  ('2025-01-13T07:59Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 0, '2025-01-13T08:00Z', 'Mon 10:59: not yet'),
  ('2025-01-13T08:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 1}', 1, '2025-01-13T10:00Z', 'Mon 11:00: repeat 1'),
  ('2025-01-13T10:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 1}', 2, '2025-01-13T12:00Z', 'Mon 13:00: repeat 2'),
  ('2025-01-13T12:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 1}', 3, '2025-01-13T14:00Z', 'Mon 15:00: repeat 3'),
  ('2025-01-13T14:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 1}', 4, '2025-01-14T07:00Z', 'Mon 17:00: repeat 4; next Tue 10:00'),
  ('2025-01-13T20:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 4, '2025-01-14T07:00Z', 'Mon 23:00: nothing at night'),
  ('2025-01-14T07:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 1}', 5, null, 'Tue 10:00: repeat 5, the last'),
  ('2025-01-14T09:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 5, null, 'Tue 12:00: the maximum was reached'),
  ('2025-01-20T09:00Z', '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 5, null, 'a week later: still nothing');
select is(pg_temp.tick(l.at) || pg_temp.ladder_state(),
          l.summary || format(' %s %s', l.count, l.next), l.what)
from (select * from ladder order by at offset 0) l;
select is((select array_agg(o.dedup_key order by o.id) filter (where o.chat_id = 800002) from public.outbox o where o.kind = 'escalation'
           and o.dedup_key like 'escalation:' || (pg_temp.alert(-1002000000202)).id || ':%'),
          (select array_agg(format('escalation:%s:%s:800002', (pg_temp.alert(-1002000000202)).id, n)) from generate_series(1, 5) n),
          'one message per repeat and recipient, keyed escalation:<alert>:<n>:<recipient>');
select ok((select o.payload ->> 'text' from public.outbox o where o.dedup_key = format('escalation:%s:5:800001', (pg_temp.alert(-1002000000202)).id))
          like E'🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор 5 из 5)\n%просрочка 600 мин рабочего времени', 'the last repeat: 5 of 5, 600 working minutes late');
do $$ begin perform sla.resolve_request((pg_temp.req(-1002000000202)).id, 'test', '2025-01-20T09:30:00Z'); end $$;
update public.settings set escalation_interval_minutes = 30, escalation_max_count = 5;

-- E. Recipients: global managers when the chat has none; the internal team chat; never a client group.
do $$ begin
  perform pg_temp.chat(-1002000000204), pg_temp.chat(-1002000000205);
  delete from public.chat_staff where chat_id = -1002000000204 and role = 'manager';
  update public.settings set internal_team_chat_id = -1009000000001;
  perform pg_temp.ask(-1002000000204, 1, '2025-01-15T07:00:00Z');
  perform sla.tick('2025-01-15T08:00:01Z');
end $$;
select is((select array_agg(o.chat_id || ' ' || d.recipient_role || ' ' || jsonb_array_length(o.payload -> 'reply_markup' -> 'inline_keyboard') order by o.chat_id)
           from public.outbox o join public.alert_deliveries d on d.outbox_id = o.id where d.chat_id = -1002000000204),
          '{"-1009000000001 team 2","800001 accountant 2","900001 manager 3"}',
          'no chat manager: the global managers; plus the accountant and the internal team chat (no notify button there)');
do $$ begin
  perform sla.resolve_request((pg_temp.req(-1002000000204)).id, 'test', '2025-01-15T08:01:00Z');
  update public.settings set internal_team_chat_id = -1002000000205;  -- misconfigured: a client group
  perform pg_temp.ask(-1002000000204, 2, '2025-01-16T07:00:00Z'), pg_temp.ask(-1002000000205, 1, '2025-01-16T07:00:00Z');
  perform sla.tick('2025-01-16T08:00:01Z');
end $$;
select is((select array_agg(distinct o.chat_id order by o.chat_id) from public.outbox o join public.alert_deliveries d on d.outbox_id = o.id
           where d.chat_id in (-1002000000204, -1002000000205) and o.not_before = '2025-01-16T08:00:01Z'),
          '{800001,800002,900001}', 'a team chat id that is a client group (its own or another) receives nothing');
do $$ begin
  perform sla.resolve_request((pg_temp.req(c)).id, 'test', '2025-01-16T08:01:00Z') from unnest(array[-1002000000204, -1002000000205]) c;
  update public.settings set internal_team_chat_id = null;
end $$;

-- F. Monitoring or SLA off: open requests wait silently and resume when it is back on.
do $$ begin
  perform pg_temp.chat(-1002000000206), pg_temp.chat(-1002000000207);
  perform pg_temp.ask(-1002000000206, 1, '2025-01-17T07:00:00Z'), pg_temp.ask(-1002000000207, 1, '2025-01-17T07:00:00Z');
  update public.chats set monitoring_enabled = false where id = -1002000000206;
  update public.chats set sla_enabled = false where id = -1002000000207;
end $$;
select is(pg_temp.tick('2025-01-17T08:00:00Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'no alerts while monitoring or SLA is off');
update public.chats set monitoring_enabled = true, sla_enabled = true where id in (-1002000000206, -1002000000207);
select is(pg_temp.tick('2025-01-17T08:01:00Z'), '{"breaches": 2, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'the breaches come once it is back on');

-- G. The alert buttons.
select is(public.alert_action((pg_temp.alert(-1002000000206)).id, 'notify', 800001, '2025-01-17T08:05:00Z') ->> 'reason',
          'Напомнить бухгалтеру может только руководитель', 'an accountant cannot press notify');
select is(public.alert_action((pg_temp.alert(-1002000000206)).id, 'notify', 800002, '2025-01-17T08:05:00Z') - 'request_id',
          '{"ok": true, "reason": "Бухгалтеру отправлено напоминание", "chat_id": -1002000000206}', 'the manager notifies the accountant');
select is(public.alert_action((pg_temp.alert(-1002000000206)).id, 'notify', 900001, '2025-01-17T08:06:00Z') -> 'ok', 'true',
          'a global manager may notify too');
select is((select array_agg(o.chat_id || ' about ' || o.about_chat_id) from public.outbox o where o.kind = 'notify_accountant'),
          '{"800001 about -1002000000206"}',
          'one reminder DM to the accountant however often notify is pressed within five minutes (about the chat, for the relay''s fallback)');
select ok((select o.payload ->> 'text' from public.outbox o where o.kind = 'notify_accountant')
          like E'🔔 <b>Руководитель Борис просит ответить клиенту</b>\n💬 Чат: <b>ООО Тест</b>\n%', 'the reminder names who asks and the chat');
select is(public.alert_action(-1, 'resolve', 800002) ->> 'reason', 'Оповещение не найдено', 'an unknown alert');
select throws_ok(format('select public.alert_action(%s, ''delete'', 800002)', (pg_temp.alert(-1002000000206)).id), '22023', null,
                 'an unknown action is an error');
select is(public.alert_action((pg_temp.alert(-1002000000206)).id, 'resolve', 800001, '2025-01-17T08:10:00Z') -> 'ok', 'true',
          'the chat''s accountant may resolve');
select is(public.alert_action((pg_temp.alert(-1002000000207)).id, 'resolve', 900001, '2025-01-17T08:10:00Z') -> 'ok', 'true',
          'a global manager may resolve');

-- H. Exactly once: many due requests, the tick twice at the same instant.
do $$ begin
  perform pg_temp.chat(-1002000000300 - n), pg_temp.ask(-1002000000300 - n, 1, '2025-01-20T07:00:00Z') from generate_series(1, 20) n;
end $$;
create temp table before_ticks as select count(*) n from public.outbox;
select is(pg_temp.tick('2025-01-20T08:00:01Z'), '{"breaches": 20, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'twenty breaches at once');
select is(pg_temp.tick('2025-01-20T08:00:01Z'), '{"breaches": 0, "warnings": 0, "fallbacks": 0, "escalations": 0}', 'the same tick again: nothing');
select is((select count(*) from public.outbox) - (select n from before_ticks), 40::bigint, 'two copies per breach, written once');
select is((select count(*) from (select a.request_id, a.kind from public.alerts a group by 1, 2 having count(*) > 1) x), 0::bigint,
          'no request has two alerts of a kind');
select is((select count(*) from (select d.alert_id, d.step, o.chat_id from public.alert_deliveries d join public.outbox o on o.id = d.outbox_id
                                 group by 1, 2, 3 having count(*) > 1) x), 0::bigint, 'no recipient got a step of an alert twice');

-- Never a message into a client group, whatever happened above.
select is((select count(*) from public.outbox o where o.to_client_group or o.chat_id in (select c.id from public.chats c)), 0::bigint,
          'no outbox row of this whole file is addressed to a client group');
select is((select count(*) from public.sla_events e where e.kind in ('warning', 'breach', 'escalation')),
          (select count(*) from public.alerts) + (select coalesce(sum(a.escalation_count), 0) from public.alerts a where a.kind = 'breach'),
          'every warning, breach and repeat is in the SLA timeline');
select is((select sla.tick('2025-01-20T08:00:00Z') ? 'warnings' and sla.tick('2025-01-20T08:00:00Z') ? 'escalations'), true,
          'the tick reports warnings, breaches and escalations');

select * from finish();
rollback;
