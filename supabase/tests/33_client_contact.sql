-- Client menu DMs (accountants → managers → global managers, through the outbox, deduplicated) and
-- an accountant's /mystats figures.
begin;
create extension if not exists pgtap with schema extensions;
select plan(15);
\ir helpers/sla_fixture.psql
do $$ begin perform pg_temp.chat(-1003300000001); end $$;
insert into public.chats (id, title, threshold_minutes) values (-1003300000002, 'Только руководитель', 60), (-1003300000003, 'Никого', 60);
insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1003300000002, 800002, 'manager');

select is(public.contact_staff(t.chat_id, 10, 555001, 'Иван', null, null, '2025-01-06T07:00:00Z'),
          t.expected, format('recipients of chat %s: %s', t.chat_id, t.expected ->> 'audience'))
from (values
  (-1003300000001::bigint, '{"recipients":1,"queued":1,"limited":false,"audience":"accountants"}'::jsonb),
  (-1003300000002, '{"recipients":1,"queued":1,"limited":false,"audience":"managers"}'),
  (-1003300000003, '{"recipients":1,"queued":1,"limited":false,"audience":"global_managers"}')
) t (chat_id, expected);
select is((select array_agg(chat_id order by chat_id) from public.outbox where kind = 'client_contact'), '{800001,800002,900001}',
          'one private message per recipient');
select is(public.contact_staff(-1003300000001, 10, 555001, 'Иван', null, null),
          '{"recipients":1,"queued":0,"limited":false,"audience":"accountants"}', 'the same press again queues nothing');
select is((select (status, dedup_key, not_before) from public.outbox where chat_id = 800001)::text,
          '(pending,menu:-1003300000001:10:555001:contact:800001,"2025-01-06 07:00:00+00")', 'queued for the relay, keyed by the press');
select is((select payload from public.outbox where chat_id = 800001),
          jsonb_build_object('text', E'✉️ <b>Клиент просит связаться</b>\n👤 Иван\n💬 Чат: «ООО Тест»', 'parse_mode', 'HTML',
            'link_preview_options', '{"is_disabled": true}'::jsonb, 'reply_markup', jsonb_build_object('inline_keyboard',
              jsonb_build_array(jsonb_build_array(jsonb_build_object('text', '💬 Открыть чат', 'url', 'https://t.me/c/3300000001/10'))))),
          'the contact DM of a supergroup: who, which chat, and a button to the menu message');
select is(public.contact_staff(-1003300000002, 11, 555002, '<Пётр>', 'petr_k', '🧾 Акт сверки', '2025-01-06T07:00:00Z') ->> 'queued', '1',
          'a service order');
select is((select payload from public.outbox where kind = 'service_request'),
          jsonb_build_object('text', E'📝 <b>Заказ услуги: 🧾 Акт сверки</b>\n👤 &lt;Пётр&gt; (@petr_k)\n💬 Чат: «Только руководитель»',
            'parse_mode', 'HTML', 'link_preview_options', '{"is_disabled": true}'::jsonb),
          'a basic group has no message links: no button; names are escaped');

-- Pressing again and again (a new /menu each time) reaches the staff once per 10 minutes per client and chat.
select is(array(select public.contact_staff(-1003300000001, m, c, 'Иван', null, s, t::timestamptz) ->> 'limited'
                from (values (12, 555001, null, '2025-01-06T07:05:00Z'), (13, 555001, '🧾 Акт сверки', '2025-01-06T07:09:59Z'),
                             (14, 555003, null, '2025-01-06T07:05:00Z')) x (m, c, s, t)),
          '{true,true,false}', 'within 10 minutes the same client is limited (contact or service); another client is not');
select is((select count(*) from public.outbox where dedup_key like 'menu:-1003300000001:%:555001:%'), 1::bigint,
          'the limited presses queued nothing');
select is(public.contact_staff(-1003300000001, 15, 555001, 'Иван', null, null, '2025-01-06T07:10:01Z') ->> 'queued', '1',
          'after 10 minutes the client reaches the staff again');

-- /mystats: two requests in the accountant's chat — one answered in 10 working minutes, one breached.
select pg_temp.ask(-1003300000001, 1, '2025-01-06T07:00:00Z');
select pg_temp.say(-1003300000001, 2, 800001, '2025-01-06T07:10:00Z', 'Готово');
select pg_temp.ask(-1003300000001, 3, '2025-01-06T09:00:00Z');
select sla.tick('2025-01-06T10:30:00Z');
select pg_temp.ask(-1003300000001, 5, '2025-01-06T11:00:00Z', 'REQUEST') is not null;
select is(public.accountant_stats(800001, '2025-01-06T12:00:00Z'),
          '{"days":30,"chats":1,"requests":2,"answered":1,"breached":1,"compliance_pct":50,"avg_response_minutes":10,"open_now":1}',
          '/mystats figures');
select is(public.accountant_stats(800001, '2025-03-01T12:00:00Z') ->> 'requests', '0', 'older requests fall out of the window');
select is(public.accountant_stats(555001, '2025-01-06T12:00:00Z'),
          '{"days":30,"chats":0,"requests":0,"answered":0,"breached":0,"compliance_pct":null,"avg_response_minutes":null,"open_now":0}',
          'someone without chats gets zeros');

select * from finish();
rollback;
