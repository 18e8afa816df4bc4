-- Anonymous survey comments stay anonymous: the red team's attack was to take a comment's text from
-- public.feedback_comments and look it up in public.messages, which names its sender. Every role runs
-- every attack here; only managers and admins may link a comment to its author.
begin;
create extension if not exists pgtap with schema extensions;
\ir helpers/act_as.psql

-- A client of the accountant's chat rates 2 and comments; their comment is a message of the chat's log.
select public.record_message(jsonb_build_object('chat_id', -1001000000001, 'message_id', 995301, 'sender_telegram_id', 555301,
         'sender_name', 'Пётр Анонимов', 'sender_username', 'petr_anon', 'kind', 'text',
         'text', 'Отвечаете медленно, подумываем уйти', 'sent_at', '2026-11-20T10:37:12Z'));
insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
values ('manual', 'anon', '2026-08-01', '2026-11-20T10:30:00Z', '2026-10-01', '2026-11-20T10:30:00Z', '2026-11-27', 'test');
insert into public.survey_deliveries (survey_id, chat_id, delivered_at, remind_at, expires_at)
select max(id), -1001000000001, '2026-11-20T10:30:00Z', '2026-11-21', '2026-11-27' from public.surveys;
insert into public.survey_votes (delivery_id, chat_id, telegram_user_id, voter_name, rating, voted_at, comment,
                                 comment_message_id, commented_at, updated_at)
select max(id), -1001000000001, 555301, 'Пётр Анонимов', 2, '2026-11-20T10:36:41Z', 'Отвечаете медленно, подумываем уйти',
       995301, '2026-11-20T10:37:12Z', '2026-11-20T10:37:12Z' from public.survey_deliveries;

create temp table attacks (attack text, query text) on commit drop;
insert into attacks values
  ('comment text → its message in the log',
   $$(select count(*) from public.messages where text = 'Отвечаете медленно, подумываем уйти')$$),
  ('comment → a message of the same second with its sender',
   $$(select count(*) from public.messages where sender_telegram_id = 555301 and sent_at >= '2026-11-20T10:36:00Z')$$),
  ('comment time finer than the day',
   $$(select count(*) from public.feedback_comments() c
       where c.voted_at <> date_trunc('day', c.voted_at at time zone public.firm_timezone()) at time zone public.firm_timezone())$$),
  ('the voter''s identity in survey_votes',
   $$(select count(*) from public.survey_votes where telegram_user_id = 555301)$$);

create temp table outcome (who text, attack text, links int) on commit drop;
insert into outcome values
  -- role          attack                                                         rows that link comment and author
  ('admin',      'comment text → its message in the log', 1),
  ('manager',    'comment text → its message in the log', 1),
  ('accountant', 'comment text → its message in the log', 0),
  ('observer',   'comment text → its message in the log', 0),
  ('admin',      'comment → a message of the same second with its sender', 1),
  ('manager',    'comment → a message of the same second with its sender', 1),
  ('accountant', 'comment → a message of the same second with its sender', 0),
  ('observer',   'comment → a message of the same second with its sender', 0),
  ('admin',      'comment time finer than the day', 0),
  ('manager',    'comment time finer than the day', 0),
  ('accountant', 'comment time finer than the day', 0),
  ('observer',   'comment time finer than the day', 0),
  ('admin',      'the voter''s identity in survey_votes', 1),
  ('manager',    'the voter''s identity in survey_votes', 1),
  ('accountant', 'the voter''s identity in survey_votes', 0),
  ('observer',   'the voter''s identity in survey_votes', 0);

select plan((select count(*)::int from outcome) + 2);

select is(tests.as_user('accountant', $$(select count(*) from public.feedback_comments())$$), '1',
          'the accountant still reads the comment itself');
select is(tests.as_user('accountant', $$(select count(*) from public.messages where chat_id = -1001000000001 and sender_kind = 'client')$$)::int,
          (select count(*)::int - 1 from public.messages where chat_id = -1001000000001 and sender_kind = 'client'),
          'only the comment message is hidden from the accountant, the chat''s other client messages are not');
select is(tests.as_user(o.who, a.query)::int, o.links, format('%s: %s', o.who, o.attack))
from outcome o join attacks a using (attack) order by o.attack, o.who;

select * from finish();
rollback;
