-- Erasing a client on request (152-ФЗ art. 21): a client with messages, a request, a vote with a comment
-- and outbox copies of their words in two chats is erased; afterwards no table holds their id, name,
-- username or any text they wrote, the chats' SLA reports are unchanged, and one audit row says who
-- erased whom with counts only. A second erasure changes nothing.
begin;
create extension if not exists pgtap with schema extensions;
select plan(12);
\ir helpers/act_as.psql

-- Зоя (7300000123) asks in both demo chats; a neighbour (7300000456) asks too and must keep everything.
select public.record_message(jsonb_build_object('chat_id', c, 'message_id', 997000 + n, 'sender_telegram_id', who,
         'sender_name', name, 'sender_username', uname, 'kind', kind, 'text', txt,
         'media', case when kind = 'caption' then jsonb_build_object('file_id', 'AgADzoya', 'file_name', 'zoya_passport.jpg') end,
         'sent_at', now() - interval '1 hour' + n * interval '1 minute')),
       public.classify_message(c, 997000 + n, 'REQUEST', 'rules')
from (values (1, -1001000000001, 7300000123, 'Зоя Стирова', 'zoya_erase', 'text', 'Пришлите акт сверки за март по Стировой'),
             (2, -1001000000001, 7300000123, 'Зоя Стирова', 'zoya_erase', 'caption', 'Скан паспорта Стировой для договора'),
             (3, -1001000000002, 7300000123, 'Зоя Стирова', 'zoya_erase', 'text', 'Когда будет готова декларация Стировой'),
             (4, -1001000000002, 7300000456, 'Сосед Остаётся', 'neighbour_stays', 'text', 'Нужна справка соседу'))
  x (n, c, who, name, uname, kind, txt);
-- Breach alerts quote her words and name in the managers' and accountant's DMs; she also pressed /menu.
select sla.tick(now() + interval '10 days');
select public.contact_staff(-1001000000001, 997100, 7300000123, 'Зоя Стирова', 'zoya_erase', null);
-- A rating with a comment in each chat (the comment is also her message in the log).
insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
values ('manual', 'erase', now() - interval '1 day', now(), '2026-10-01', now(), now() + interval '7 days', 'test');
insert into public.survey_deliveries (survey_id, chat_id, delivered_at, remind_at, expires_at)
select max(s.id), c, now(), now() + interval '1 day', now() + interval '7 days'
from public.surveys s, unnest(array[-1001000000001, -1001000000002]) c group by c;
select public.record_message(jsonb_build_object('chat_id', d.chat_id, 'message_id', 997200 + row_number() over (order by d.id),
         'sender_telegram_id', 7300000123, 'sender_name', 'Зоя Стирова', 'kind', 'text',
         'text', 'Комментарий Стировой номер ' || row_number() over (order by d.id), 'sent_at', now()))
from public.survey_deliveries d;
insert into public.survey_votes (delivery_id, chat_id, telegram_user_id, voter_name, rating, voted_at, comment,
                                 comment_message_id, commented_at, updated_at)
select d.id, d.chat_id, 7300000123, 'Зоя Стирова', 2, now(), m.text, m.message_id, now(), now()
from public.survey_deliveries d join public.messages m on m.chat_id = d.chat_id and m.message_id between 997201 and 997202;
insert into feedback.vote_events (vote_id, rating, at) select v.id, v.rating, now() from public.survey_votes v;
select feedback.alert_low_rating(v, now()) from public.survey_votes v;

create temp table traces on commit drop as
select distinct unnest(array['7300000123', 'Зоя Стирова', 'zoya_erase', 'AgADzoya', 'zoya_passport', text]) trace
from public.messages where sender_telegram_id = 7300000123;
create temp table report_before on commit drop as
select (select jsonb_agg(r order by r.scope, r.chat_id, r.accountant_telegram_id) from public.sla_report(now() - interval '1 day', now() + interval '11 days') r) total,
       (select jsonb_agg(r order by r.chat_id) from public.sla_report_by_chat(now() - interval '1 day', now() + interval '11 days') r) by_chat;

-- Every row of every table of the project's schemas, as text, that contains one of her traces — except
-- the erasure's own audit row, which names her by id on purpose.
create function pg_temp.leftovers() returns text[] language plpgsql as $$
declare
  v_table text;
  v_found text[] := '{}';
  v_hit text;
begin
  for v_table in select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where c.relkind = 'r' and c.relpersistence = 'p'
                    and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'extensions', 'cron', 'auth',
                                          'supabase_migrations', 'tests') loop
    execute format('select string_agg(distinct t.trace, '', '') from %s x join traces t on strpos(x::text, t.trace) > 0
                    where to_jsonb(x) ->> ''action'' is distinct from ''ERASE''', v_table)
      into v_hit;
    if v_hit is not null then v_found := v_found || (v_table || ': ' || v_hit); end if;
  end loop;
  return v_found;
end $$;

select is(cardinality(pg_temp.leftovers()), 4, 'before: her traces are in messages, requests, votes and the outbox');
select ok((select count(*) from public.outbox where strpos(payload ->> 'text', 'Стировой') > 0) >= 3,
          'before: the bot''s DMs quote her words');

select is(tests.as_user('manager', 'public.erase_client(7300000123)'), 'error 42501', 'a manager cannot erase');
select is(tests.as_user('accountant', 'public.erase_client(7300000123)'), 'error 42501', 'an accountant cannot erase');
select is(tests.as_user('admin', 'public.erase_client(0)'), 'error 22023', 'a non-positive id is refused');

create temp table erased on commit drop as select tests.as_user('admin', 'public.erase_client(7300000123)')::jsonb counts;
select is((select counts - 'outbox' - 'bot_messages' from erased),
          '{"messages": 5, "requests": 2, "vote_events": 2, "survey_votes": 2, "chat_invitations": 0}',
          'the admin erases her: five messages, two requests, two votes with their history');
select is(pg_temp.leftovers(), '{}'::text[], 'afterwards no table holds her id, name, username, media or any text she wrote');
select is((select jsonb_agg(r order by r.scope, r.chat_id, r.accountant_telegram_id) from public.sla_report(now() - interval '1 day', now() + interval '11 days') r),
          (select total from report_before), 'the SLA report is unchanged');
select is((select jsonb_agg(r order by r.chat_id) from public.sla_report_by_chat(now() - interval '1 day', now() + interval '11 days') r),
          (select by_chat from report_before), 'the SLA report by chat is unchanged');
select is((select count(*) from public.messages where sender_telegram_id = 7300000456 and text = 'Нужна справка соседу'), 1::bigint,
          'the neighbour keeps their message');
select is((select (actor_role, table_name, row_key, action, old_row is null, new_row = (select counts from erased))::text
           from public.audit_log where action = 'ERASE'),
          '(authenticated,clients,7300000123,ERASE,t,t)', 'one audit row: who erased whom and the counts, not the data');
select is(tests.as_user('admin', 'public.erase_client(7300000123)')::jsonb,
          '{"outbox": 0, "messages": 0, "requests": 0, "vote_events": 0, "bot_messages": 0, "survey_votes": 0, "chat_invitations": 0}',
          'a second erasure finds nothing left');

select * from finish();
rollback;
