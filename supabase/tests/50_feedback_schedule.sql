-- Survey scheduling with a pinned clock: the quarterly campaign's start (first working day of the quarter
-- in the global calendar), which chats get a survey (client message in the rated period, SLA on), the
-- reminder (day 2, only when nobody voted), expiry (day 7), the 24 h per-chat cooldown, manual surveys,
-- and idempotence of feedback.tick.
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql
select plan(38);

-- 1. Campaign start: the first working interval of the quarter's first working day (global calendar).
select is(feedback.campaign_start(q), expected, format('campaign of the quarter starting %s', q))
from (values
  ('2025-01-01'::date, '2025-01-09 06:00Z'::timestamptz),  -- 1–8 January are holidays
  ('2026-01-01', '2026-01-12 06:00Z'),                     -- 1–11 January 2026 off by decree
  ('2025-04-01', '2025-04-01 06:00Z'),
  ('2025-07-01', '2025-07-01 06:00Z'),
  ('2025-10-01', '2025-10-01 06:00Z'),
  ('2027-01-01', '2027-01-11 06:00Z')                      -- Sat 9, Sun 10 after the holidays
) t (q, expected);

-- A holiday added to the global calendar moves the campaign; a chat's own calendar does not.
select sla.set_schedule(null, jsonb_set(sla.get_schedule(null), '{holidays}', sla.get_schedule(null) -> 'holidays' || '["2027-04-01"]'));
select sla.set_schedule(-1001000000001, jsonb_set(sla.get_schedule(null), '{holidays}', '["2027-04-02"]'));
select is(feedback.campaign_start('2027-04-01'), '2027-04-02 06:00Z', 'a global holiday on 1 April moves the campaign to 2 April');

-- 2. Who is surveyed: Q3 2027 campaign rates Q2 2027. Chat 1: client message in May (yes); chat 2: only
-- in March (previous quarter: no); chat 3: client message in May but SLA off (no); chat 4: only in the
-- new quarter, on its first morning before the campaign (no: the rated period is the quarter).
insert into public.chats (id, title, chat_type, sla_enabled) values (-1001000000004, 'ООО Новый квартал', 'supergroup', true);
create function pg_temp.client_says(p_chat bigint, p_id bigint, p_at timestamptz, p_sender bigint default 555001) returns jsonb
language sql as $$
  select public.record_message(jsonb_build_object('chat_id', p_chat, 'message_id', p_id, 'sender_telegram_id', p_sender,
    'sender_name', 'Клиент', 'kind', 'text', 'text', 'Добрый день', 'sent_at', p_at), p_at)
$$;
select pg_temp.client_says(-1001000000001, 700001, '2027-05-10 08:00Z'),
       pg_temp.client_says(-1001000000002, 700002, '2027-03-31 08:00Z'),
       pg_temp.client_says(-1001000000003, 700003, '2027-05-10 08:00Z'),
       pg_temp.client_says(-1001000000004, 700004, '2027-07-01 05:00Z');

-- 3. The clock, step by step (each row: p_now → the tick's answer).
create temp table steps (n int, at timestamptz, expected jsonb, why text);
insert into steps values
  (1, '2027-07-01 05:59Z', '{"delivered":0,"reminded":0,"expired":0}', 'before 09:00 MSK of the first working day: nothing'),
  (2, '2027-07-01 06:00Z', '{"delivered":1,"reminded":0,"expired":0}', 'campaign starts: one delivery (chat 1 only)'),
  (3, '2027-07-01 06:00Z', '{"delivered":0,"reminded":0,"expired":0}', 'the same tick again writes nothing'),
  (4, '2027-07-02 05:59Z', '{"delivered":0,"reminded":0,"expired":0}', 'reminder not before day 2'),
  (5, '2027-07-02 06:00Z', '{"delivered":0,"reminded":1,"expired":0}', 'day 2, nobody voted: reminder'),
  (6, '2027-07-02 06:01Z', '{"delivered":0,"reminded":0,"expired":0}', 'one reminder only'),
  (7, '2027-07-08 05:59Z', '{"delivered":0,"reminded":0,"expired":0}', 'still open just before 7 days'),
  (8, '2027-07-08 06:00Z', '{"delivered":0,"reminded":0,"expired":1}', 'expires after 7 days'),
  (9, '2027-07-08 06:00Z', '{"delivered":0,"reminded":0,"expired":0}', 'expiry happens once');
create function pg_temp.step(p_n int) returns jsonb language plpgsql as $$
begin
  -- the relay sent the survey message before step 8, so expiry edits it; the reminder stays pending
  if p_n = 8 then update public.outbox set status = 'sent', telegram_message_id = 1 where dedup_key like 'survey:%'; end if;
  return feedback.tick((select at from steps where n = p_n));
end $$;
select is(pg_temp.step(n), expected, format('step %s: %s', n, why)) from steps order by n;

select is((select count(*)::int from public.surveys where kind = 'quarterly'), 1, 'one quarterly survey');
select is((select quarter from public.surveys where kind = 'quarterly'), '2027-04-01'::date, 'it rates the previous quarter');
select is((select status from public.surveys where kind = 'quarterly'), 'closed', 'closed after expiry');
select is((select array_agg(chat_id) from public.survey_deliveries), array[-1001000000001]::bigint[], 'only the chat with a client message in the quarter and SLA on');
select is((select array_agg(kind || '/' || status || '/' || to_client_group order by id) from public.outbox where kind like 'survey%'),
  array['survey/sent/true', 'survey_reminder/cancelled/true', 'survey_closed/pending/true'],
  'survey and reminder to the group; at expiry the unsent reminder is cancelled and the sent survey loses its buttons');
select is((select payload -> 'reply_markup' -> 'inline_keyboard' from public.outbox where kind = 'survey'),
  (select jsonb_build_array(jsonb_agg(jsonb_build_object('text', n || ' ⭐', 'callback_data', 'survey:' || d.id || ':' || n) order by n),
          jsonb_build_array(jsonb_build_object('text', '↩️ Отозвать оценку', 'callback_data', 'survey:' || d.id || ':0')))
     from public.survey_deliveries d cross join generate_series(1, 5) n group by d.id),
  'static keyboard 1–5 and withdraw carrying the delivery id');
select ok((select payload ->> 'text' like '📊 <b>Оцените, пожалуйста, нашу работу</b>%' and payload ->> 'parse_mode' = 'HTML'
           from public.outbox where kind = 'survey'), 'Russian HTML survey text');
select is(public.survey_vote((select id from public.survey_deliveries), -1001000000001, 555001, 5, '2027-07-08 06:00Z'),
  'Опрос завершён, спасибо!', 'a vote after expiry is refused politely');

-- 4. Manual surveys (console) and the 24 h cooldown; reminders skip chats that already voted.
-- The console's public.start_survey runs on the server's clock; the behaviour is pinned through the
-- function it calls.
select is(tests.as_user('accountant', $$public.start_survey(null, 'x')$$), 'error 42501', 'accountants cannot start a survey');
select ok(feedback.start_manual_survey(array[-1001000000001, -1001000000002], 'Летний опрос', 'staff 700002', '2027-07-10 06:00Z') > 0,
  'a manager starts a survey for chosen chats');
select ok(feedback.start_manual_survey(array[-1001000000001], null, 'staff 700001', '2027-07-10 07:00Z') > 0,
  'an admin starts another one an hour later');
select is((select count(*)::int from public.survey_deliveries d join public.surveys s on s.id = d.survey_id where s.kind = 'manual'), 1,
  'delivered at once to chat 1 only (chat 2''s last client message is older than 3 months); the second survey waits for the cooldown');
select is(public.survey_vote((select d.id from public.survey_deliveries d join public.surveys s on s.id = d.survey_id where s.title = 'Летний опрос'),
  -1001000000001, 555001, 5, '2027-07-10 06:05Z'), 'Спасибо! Ваша оценка: 5', 'a client votes');
select is(feedback.tick('2027-07-11 05:59Z'), '{"delivered":0,"reminded":0,"expired":0}', 'cooldown: no second survey message within 24 h');
select is(feedback.tick('2027-07-11 06:00Z'), '{"delivered":1,"reminded":0,"expired":0}', 'after 24 h the second survey goes out; the voted chat gets no reminder');
select is(feedback.tick('2027-07-12 05:59Z'), '{"delivered":0,"reminded":0,"expired":0}', 'the second survey''s reminder not before its day 2');
select is(feedback.tick('2027-07-12 06:00Z') ->> 'reminded', '1', 'the second survey''s reminder, nobody voted on it');

-- 5. survey_enabled = false: no new campaign.
update public.settings set survey_enabled = false;
select is(feedback.tick('2027-10-01 06:00Z') ->> 'delivered', '0', 'surveys disabled: no campaign');
select is((select count(*)::int from public.surveys where kind = 'quarterly' and quarter = '2027-07-01'), 0, 'and no survey row');


-- 6. Two reminders due at the same instant in one chat (a held-back manual survey and another): one
-- only; the other waits out the 24 h cooldown.
insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
values ('manual', 'A', '2027-05-01', '2027-08-01', '2027-07-01', '2027-07-31 06:00Z', '2027-08-10 06:00Z', 'test'),
       ('manual', 'B', '2027-05-01', '2027-08-01', '2027-07-01', '2027-08-01 06:00Z', '2027-08-10 06:00Z', 'test');
insert into public.survey_deliveries (survey_id, chat_id, delivered_at, remind_at, expires_at)
select id, -1001000000002, started_at, '2027-08-03 06:00Z', '2027-08-09 06:00Z' from public.surveys where title in ('A', 'B');
select is(feedback.tick('2027-08-03 06:00Z') ->> 'reminded', '1', 'two reminders due at once in one chat: one is sent');
select is(feedback.tick('2027-08-03 06:01Z') ->> 'reminded', '0', 'the other waits for the cooldown');
select is(feedback.tick('2027-08-04 06:00Z') ->> 'reminded', '1', 'and goes out 24 h later');

select * from finish();
rollback;
