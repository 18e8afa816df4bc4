-- Votes, NPS arithmetic, comments, low-rating alerts and who sees what. Clock pinned; surveys delivered
-- to chat -1001000000001 (the accountant's chat) and -1001000000002 (not theirs).
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql
select plan(106);

-- 1. NPS = round(%(4–5) − %(1–3)) and the other aggregates.
select is(feedback.stats(r) -> 'nps', to_jsonb(nps), format('NPS of %s', r))
from (values (array[5, 4, 3], 33), (array[5, 5], 100), (array[5, 1], 0), (array[1, 2, 3], -100),
             (array[4, 4, 4, 1], 50), (array[3, 3, 4], -33), (array[5, 4, 4, 2, 1, 1], 0)) t (r, nps);
select is(feedback.stats('{}') -> 'nps', 'null', 'no votes: NPS null');
select is(feedback.stats(array[5, 4, 3]) - 'nps', '{"votes":3,"average":4.00,"distribution":{"1":0,"2":0,"3":1,"4":1,"5":1}}',
  'votes, average, distribution');

-- Fixture: a survey in both chats (each had a client message in the period).
create function pg_temp.client_says(p_chat bigint, p_id bigint, p_sender bigint, p_text text, p_at timestamptz,
                                    p_kind text default 'text', p_reply_to bigint default null) returns jsonb
language sql as $$
  select public.ingest_message(9000000 + p_id, 'message', jsonb_build_object('chat_id', p_chat, 'message_id', p_id,
    'sender_telegram_id', p_sender, 'sender_name', 'Клиент ' || p_sender, 'kind', p_kind, 'text', p_text, 'sent_at', p_at,
    'is_command', p_text like '/%', 'reply_to_message_id', p_reply_to),
    'REQUEST', 'rules', null, null, p_at)
$$;
select pg_temp.client_says(c, 800000 + i, 555001, 'Где акт сверки?', '2027-05-10 08:00Z')
from unnest(array[-1001000000001, -1001000000002]) with ordinality x (c, i);
insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
values ('manual', 'тест', '2027-04-01', '2027-07-01', '2027-04-01', '2027-07-01 06:00Z', '2027-07-08 06:00Z', 'test');
select feedback.deliver((select id from public.surveys where title = 'тест'), '2027-07-01 06:00Z');
create function pg_temp.d(p_chat bigint) returns bigint language sql as $$
  select id from public.survey_deliveries where chat_id = p_chat
$$;
create function pg_temp.summary(p_chat bigint) returns jsonb language sql as $$
  select feedback.stats(coalesce(array_agg(v.rating), '{}')) from public.survey_votes v where v.chat_id = p_chat and v.rating is not null
$$;
update public.settings set global_manager_telegram_ids = '{700008, 700009}';
delete from public.chat_staff where chat_id = -1001000000002 and role = 'manager';

-- 2. Voting, step by step in chat 1: answer, counted votes afterwards, low-rating DMs so far.
create temp table votes (n int, voter bigint, rating int, at timestamptz, answer text, counted int[], low int,
                         pressed_in bigint default -1001000000001);
insert into votes values
  (1, 555001, 5, '2027-07-01 07:00Z', 'Спасибо! Ваша оценка: 5', '{5}', 0, default),
  (2, 555002, 4, '2027-07-01 07:01Z', 'Спасибо! Ваша оценка: 4', '{4,5}', 0, default),
  (3, 555003, 3, '2027-07-01 07:02Z', 'Спасибо! Ваша оценка: 3', '{3,4,5}', 1, default),
  (4, 555003, 1, '2027-07-01 07:03Z', 'Спасибо! Ваша оценка: 1', '{1,4,5}', 1, default),
  (5, 555003, 2, '2027-07-01 07:04Z', 'Спасибо! Ваша оценка: 2', '{2,4,5}', 1, default),
  (6, 555003, 0, '2027-07-01 07:05Z', 'Оценка отозвана', '{4,5}', 1, default),
  (7, 555003, 0, '2027-07-01 07:06Z', 'У вас нет оценки в этом опросе', '{4,5}', 1, default),
  (8, 555002, 1, '2027-07-01 07:07Z', 'Спасибо! Ваша оценка: 1', '{1,5}', 2, default),
  (9, 700003, 5, '2027-07-01 07:08Z', 'Оценку ставят клиенты — сотрудники не голосуют', '{1,5}', 2, default),
  (10, 700002, 1, '2027-07-01 07:09Z', 'Оценку ставят клиенты — сотрудники не голосуют', '{1,5}', 2, default),
  (11, 555004, 6, '2027-07-01 07:10Z', 'Опрос не найден', '{1,5}', 2, default),
  (12, 555004, 5, '2027-07-08 06:00Z', 'Опрос завершён, спасибо!', '{1,5}', 2, default),
  (13, 555004, 5, '2027-07-01 07:11Z', 'Голосовать можно только в чате, куда пришёл опрос', '{1,5}', 2, -1001000000002),
  (14, 555004, 5, '2027-07-01 07:11Z', 'Голосовать можно только в чате, куда пришёл опрос', '{1,5}', 2, null);
-- One step per call (plpgsql: each check sees what the vote did).
create function pg_temp.vote(p_n int) returns setof text language plpgsql as $$
declare v votes;
begin
  select * into v from votes where n = p_n;
  return next is(public.survey_vote(pg_temp.d(-1001000000001), v.pressed_in, v.voter, v.rating, v.at, 'Клиент <' || v.voter || '>'),
                 v.answer, format('vote %s: %s by %s → answer', v.n, v.rating, v.voter));
  return next is((select array_agg(rating order by rating) from public.survey_votes
                   where delivery_id = pg_temp.d(-1001000000001) and rating is not null), v.counted, format('vote %s: counted %s', v.n, v.counted));
  return next is((select count(*)::int from public.outbox where kind = 'low_rating'), v.low, format('vote %s: %s low-rating alert(s)', v.n, v.low));
end $$;
select pg_temp.vote(n) from votes order by n;
select is(public.survey_vote(999999999, -1001000000001, 555001, 5, '2027-07-01 07:00Z'), 'Опрос не найден', 'unknown delivery');
select is((select array_agg(chat_id || ' ' || dedup_key order by id) from public.outbox where kind = 'survey_invite'),
  array['-1001000000001 survey_invite:' || pg_temp.d(-1001000000001) || ':555001', '-1001000000001 survey_invite:' || pg_temp.d(-1001000000001) || ':555002',
        '-1001000000001 survey_invite:' || pg_temp.d(-1001000000001) || ':555003'],
  'the first rating of each voter invites a comment in the group, once');
select ok((select payload ->> 'text' from public.outbox where dedup_key = 'survey_invite:' || pg_temp.d(-1001000000001) || ':555001')
  like '✏️ Клиент &lt;555001&gt;, спасибо за оценку!%ответьте на это сообщение%', 'the invitation names the voter (escaped) and asks for a reply');
select is(pg_temp.summary(-1001000000001) ->> 'nps', '0', 'a changed vote counts once with its latest value, a withdrawn one not at all: {5,1} → 0');
select is((select count(*)::int from feedback.vote_events e join public.survey_votes v on v.id = e.vote_id where v.telegram_user_id = 555003),
  4, 'the history keeps every rating and the withdrawal');
select is((select array_agg(chat_id order by chat_id) from public.outbox where kind = 'low_rating'), '{700002,700002}',
  'low ratings go to the chat''s manager, once per voter');
select ok((select bool_and(payload ->> 'text' like '⚠️ <b>Низкая оценка клиента: _ из 5</b>%Клиент &lt;555%&gt;%' and about_chat_id = -1001000000001
             and not to_client_group) from public.outbox where kind = 'low_rating'), 'private, Russian, the client''s name escaped');
select is(public.survey_vote(pg_temp.d(-1001000000002), -1001000000002, 555001, 2, '2027-07-01 07:00Z'), 'Спасибо! Ваша оценка: 2', 'vote in chat 2');
select is((select array_agg(chat_id order by chat_id) from public.outbox where kind = 'low_rating' and about_chat_id = -1001000000002),
  '{700008,700009}', 'a chat without managers: the global managers are alerted');

-- 3. Comments: a voter's Telegram reply to the survey message or to their invitation (then no request);
-- every other message is ordinary. The relay's part: the survey (7001) and invitations (7101..) were sent.
update public.outbox set status = 'sent', telegram_message_id = 7001 where dedup_key = 'survey:' || pg_temp.d(-1001000000001);
update public.outbox set status = 'sent', telegram_message_id = 7100 + right(dedup_key, 1)::int where kind = 'survey_invite';
create temp table msgs (n int, voter bigint, txt text, at timestamptz, kind text, reply_to bigint, comment bool, action text);
insert into msgs values
  (1, 555001, 'Отлично работаете', '2027-07-01 07:10Z', 'text', 7001, true, null),      -- reply to the survey
  (2, 555001, 'Где мой акт?', '2027-07-01 07:10Z', 'text', null, false, 'joined'),       -- not a reply: ordinary
  (3, 555002, 'Когда будет отчёт?', '2027-07-01 07:08Z', 'text', null, false, 'joined'), -- right after voting: still ordinary
  (4, 555002, 'стикер', '2027-07-01 07:08Z', 'sticker', 7102, false, 'ignored'),        -- stickers are no comment
  (5, 555002, '/menu', '2027-07-01 07:09Z', 'text', 7102, false, 'ignored'),            -- nor commands
  (6, 555002, 'Долго отвечаете', '2027-07-01 07:17Z', 'text', 7102, true, null),        -- reply to their invitation
  (7, 555005, 'А я не голосовал', '2027-07-01 07:11Z', 'text', 7001, false, 'joined'),  -- not a voter
  (8, 555001, 'И ещё одно', '2027-07-01 07:12Z', 'text', 7101, false, 'joined'),        -- one comment per vote
  (9, 555003, 'Отозвал, но скажу', '2027-07-01 07:12Z', 'text', 7103, false, 'joined'), -- a withdrawn vote takes none
  (10, 555004, 'Чужое приглашение', '2027-07-01 07:12Z', 'text', 7101, false, 'joined'); -- someone else's invitation
create function pg_temp.message(p_n int) returns setof text language plpgsql as $$
declare m msgs; r jsonb;
begin
  select * into m from msgs where n = p_n;
  r := pg_temp.client_says(-1001000000001, 810000 + m.n, m.voter, m.txt, m.at, m.kind, m.reply_to);
  return next is(coalesce((r ->> 'survey_comment')::boolean, false), m.comment, format('message %s of %s: comment %s', m.n, m.voter, m.comment));
  return next is(r ->> 'action', m.action, format('message %s of %s: %s', m.n, m.voter, coalesce(m.action, 'not classified')));
  return next is(pg_temp.client_says(-1001000000001, 810000 + m.n, m.voter, m.txt, m.at, m.kind, m.reply_to) ->> 'claimed', 'false',
                 format('message %s redelivered: no effect', m.n));
end $$;
select pg_temp.message(n) from msgs order by n;
select is((select array_agg(comment order by telegram_user_id) from public.survey_votes where delivery_id = pg_temp.d(-1001000000001)),
  array['Отлично работаете', 'Долго отвечаете', null], 'comments stored on the votes');
select is(pg_temp.client_says(-1001000000002, 820001, 555001, 'Не ответ', '2027-07-01 07:10:01Z', 'text', 7001) ->> 'action', 'joined',
  'a reply in another chat to a message id of this survey is no comment');

-- 4. Who sees what: votes with identities for managers and admins only; aggregates and comments
-- anonymised, per chat visibility.
select is(tests.as_user(who, 'select count(*) from public.survey_votes'), n, format('%s reads %s vote rows', who, n))
from (values ('admin', '4'), ('manager', '4'), ('accountant', '0'), ('observer', '0')) t (who, n);
select is(tests.as_user(who, $$public.feedback_summary() ->> 'votes'$$), n, format('%s aggregates %s votes', who, n))
from (values ('admin', '3'), ('manager', '3'), ('accountant', '2'), ('observer', '3'), ('anon', 'error 42501')) t (who, n);
select is(tests.as_user('accountant', $$(select string_agg(comment, ',' order by comment) from public.feedback_comments())$$),
  'Долго отвечаете,Отлично работаете', 'the accountant reads the comments of their chat');
select is(tests.as_user('observer', $$(select count(*) from public.feedback_comments(null, -1001000000001))$$), '2', 'the observer reads comments');
select ok(pg_get_function_result('public.feedback_comments(bigint, bigint)'::regprocedure) !~ '(telegram_user_id|voter|name)',
  'comments carry no client identity');
select is(tests.as_user('accountant', $$(select string_agg(quarter || ':' || votes || ':' || nps, ',') from public.feedback_trend())$$),
  '2027-04-01:2:0', 'trend by quarter');
select is(tests.as_user('manager', $$(select string_agg(coalesce(accountant_name, '-') || ':' || votes || ':' || average, ',') from public.feedback_by_accountant())$$),
  'Ольга Бухгалтер:2:3.00,-:1:2.00', 'per primary accountant');

select * from finish();
rollback;
