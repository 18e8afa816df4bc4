-- The role matrix, table-driven: every table × every role × select / insert / update / delete.
-- Each probe really runs the statement as that user (JWT claims set like PostgREST does) inside a
-- subtransaction that is always rolled back, and classifies what happened:
--   select/update/delete → 'all' rows, 'none', or a named subset (see helpers/role_probe.psql): the
--                          user's 'own' chats' rows, 'own+global', 'per-chat', 'self' (own staff row)
--   insert               → 'allowed' or 'denied' (re-inserting a real row the probe removed first)
-- The test fails if a table exists that the matrix does not cover, so new tables must be added here.
begin;
create extension if not exists pgtap with schema extensions;

create temp table matrix (tbl text, who text, sel text, ins text, upd text, del text) on commit drop;
insert into matrix values
  -- table        role          select  insert     update  delete
  ('staff',       'admin',      'all',  'allowed', 'all',  'all'),
  ('staff',       'manager',    'all',  'denied',  'none', 'none'),
  ('staff',       'accountant', 'self', 'denied',  'none', 'none'),
  ('staff',       'observer',   'all',  'denied',  'none', 'none'),
  ('settings',    'admin',      'all',  'denied',  'all',  'none'),
  ('settings',    'manager',    'all',  'denied',  'none', 'none'),
  ('settings',    'accountant', 'all',  'denied',  'none', 'none'),
  ('settings',    'observer',   'all',  'denied',  'none', 'none'),
  ('chats',       'admin',      'all',  'allowed', 'all',  'all'),
  ('chats',       'manager',    'all',  'allowed', 'all',  'all'),
  ('chats',       'accountant', 'own',  'denied',  'none', 'none'),
  ('chats',       'observer',   'all',  'denied',  'none', 'none'),
  ('chat_staff',  'admin',      'all',  'allowed', 'all',  'all'),
  ('chat_staff',  'manager',    'all',  'allowed', 'all',  'all'),
  ('chat_staff',  'accountant', 'own',  'denied',  'none', 'none'),
  ('chat_staff',  'observer',   'all',  'denied',  'none', 'none'),
  ('audit_log',   'admin',      'all',  'denied',  'none', 'none'),
  ('audit_log',   'manager',    'all',  'denied',  'none', 'none'),
  ('audit_log',   'accountant', 'none', 'denied',  'none', 'none'),
  ('audit_log',   'observer',   'all',  'denied',  'none', 'none'),
  ('outbox',      'admin',      'all',  'denied',  'none', 'none'),
  ('outbox',      'manager',    'all',  'denied',  'none', 'none'),
  ('outbox',      'accountant', 'none', 'denied',  'none', 'none'),
  ('outbox',      'observer',   'none', 'denied',  'none', 'none'),
  -- calendars: the global one (chat_id null) is every staff member's to read and the admin's to write
  ('calendars',   'admin',      'all',  'allowed', 'all',  'per-chat'),
  ('calendars',   'manager',    'all',  'allowed', 'per-chat', 'per-chat'),
  ('calendars',   'accountant', 'own+global', 'denied', 'none', 'none'),
  ('calendars',   'observer',   'all',  'denied',  'none', 'none'),
  -- the SLA record is written only by the database's own functions
  ('messages',    'admin',      'all',  'denied',  'none', 'none'),
  ('messages',    'manager',    'all',  'denied',  'none', 'none'),
  ('messages',    'accountant', 'own',  'denied',  'none', 'none'),
  ('messages',    'observer',   'all',  'denied',  'none', 'none'),
  ('requests',    'admin',      'all',  'denied',  'none', 'none'),
  ('requests',    'manager',    'all',  'denied',  'none', 'none'),
  ('requests',    'accountant', 'own',  'denied',  'none', 'none'),
  ('requests',    'observer',   'all',  'denied',  'none', 'none'),
  ('sla_events',  'admin',      'all',  'denied',  'none', 'none'),
  ('sla_events',  'manager',    'all',  'denied',  'none', 'none'),
  ('sla_events',  'accountant', 'own',  'denied',  'none', 'none'),
  ('sla_events',  'observer',   'all',  'denied',  'none', 'none'),
  ('alerts',      'admin',      'all',  'denied',  'none', 'none'),
  ('alerts',      'manager',    'all',  'denied',  'none', 'none'),
  ('alerts',      'accountant', 'own',  'denied',  'none', 'none'),
  ('alerts',      'observer',   'all',  'denied',  'none', 'none'),
  ('alert_deliveries', 'admin',      'all', 'denied', 'none', 'none'),
  ('alert_deliveries', 'manager',    'all', 'denied', 'none', 'none'),
  ('alert_deliveries', 'accountant', 'own', 'denied', 'none', 'none'),
  ('alert_deliveries', 'observer',   'all', 'denied', 'none', 'none'),
  ('chat_migrations',  'admin',      'all', 'denied', 'none', 'none'),
  ('chat_migrations',  'manager',    'all', 'denied', 'none', 'none'),
  ('chat_migrations',  'accountant', 'own', 'denied', 'none', 'none'),
  ('chat_migrations',  'observer',   'all', 'denied', 'none', 'none'),
  -- webhook bookkeeping: managers and admins only; staff see the invitations they made
  ('telegram_updates', 'admin',      'all',  'denied', 'none', 'none'),
  ('telegram_updates', 'manager',    'all',  'denied', 'none', 'none'),
  ('telegram_updates', 'accountant', 'none', 'denied', 'none', 'none'),
  ('telegram_updates', 'observer',   'none', 'denied', 'none', 'none'),
  ('telegram_update_totals', 'admin',      'all',  'denied', 'none', 'none'),
  ('telegram_update_totals', 'manager',    'all',  'denied', 'none', 'none'),
  ('telegram_update_totals', 'accountant', 'none', 'denied', 'none', 'none'),
  ('telegram_update_totals', 'observer',   'none', 'denied', 'none', 'none'),
  -- the polling bridge's offset: the service role only
  ('telegram_polling', 'admin',      'none', 'denied', 'none', 'none'),
  ('telegram_polling', 'manager',    'none', 'denied', 'none', 'none'),
  ('telegram_polling', 'accountant', 'none', 'denied', 'none', 'none'),
  ('telegram_polling', 'observer',   'none', 'denied', 'none', 'none'),
  ('chat_invitations', 'admin',      'all',  'denied', 'none', 'none'),
  ('chat_invitations', 'manager',    'all',  'denied', 'none', 'none'),
  ('chat_invitations', 'accountant', 'some(1 of 2)', 'denied', 'none', 'none'),
  ('chat_invitations', 'observer',   'none', 'denied', 'none', 'none'),
  -- quick wins: every staff member reads, managers and admins write
  ('faq',         'admin',      'all',  'allowed', 'all',  'all'),
  ('faq',         'manager',    'all',  'allowed', 'all',  'all'),
  ('faq',         'accountant', 'all',  'denied',  'none', 'none'),
  ('faq',         'observer',   'all',  'denied',  'none', 'none'),
  ('templates',   'admin',      'all',  'allowed', 'all',  'all'),
  ('templates',   'manager',    'all',  'allowed', 'all',  'all'),
  ('templates',   'accountant', 'all',  'denied',  'none', 'none'),
  ('templates',   'observer',   'all',  'denied',  'none', 'none'),
  -- feedback: written only by the database's functions; votes carry the client's identity (managers+)
  ('surveys',     'admin',      'all',  'denied',  'none', 'none'),
  ('surveys',     'manager',    'all',  'denied',  'none', 'none'),
  ('surveys',     'accountant', 'all',  'denied',  'none', 'none'),
  ('surveys',     'observer',   'all',  'denied',  'none', 'none'),
  ('survey_deliveries', 'admin',      'all', 'denied', 'none', 'none'),
  ('survey_deliveries', 'manager',    'all', 'denied', 'none', 'none'),
  ('survey_deliveries', 'accountant', 'own', 'denied', 'none', 'none'),
  ('survey_deliveries', 'observer',   'all', 'denied', 'none', 'none'),
  ('survey_votes', 'admin',      'all',  'denied', 'none', 'none'),
  ('survey_votes', 'manager',    'all',  'denied', 'none', 'none'),
  ('survey_votes', 'accountant', 'none', 'denied', 'none', 'none'),
  ('survey_votes', 'observer',   'none', 'denied', 'none', 'none');

-- Fixtures: every table needs rows inside and outside the accountant's chats for the probes to tell
-- 'all' from 'own' from 'none'. Requests in the accountant's chat and another (after the demo history),
-- both breached by a tick ten days later.
insert into public.outbox (kind, chat_id, payload, dedup_key) values ('breach', 700002, '{"text":"x"}', 'matrix:1');
insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1001000000003, 799999, 'accountant');
select public.record_message(jsonb_build_object('chat_id', c, 'message_id', 990001, 'sender_telegram_id', 555001,
         'sender_name', 'Клиент', 'kind', 'text', 'text', 'Где акт сверки?', 'sent_at', now())),
       public.classify_message(c, 990001, 'REQUEST', 'rules')
from unnest(array[-1001000000001, -1001000000002]) c;
select sla.tick(now() + interval '10 days');
insert into public.telegram_updates (update_id, update_type, chat_id, status)
values (990001, 'message', -1001000000001, 'done'), (990002, 'message', -1001000000002, 'done');
insert into public.telegram_update_totals (update_type, purged) values ('message', 10);
select public.polling_advance(123456, 990003);
insert into public.chat_invitations (code, created_by_telegram_id, staff_role, expires_at)
values ('ACCTNT22', 700003, 'accountant', now() + interval '1 day'), ('MANAGR22', 700002, 'manager', now() + interval '1 day');
select sla.set_schedule(-1001000000003, sla.get_schedule(null));
insert into public.chat_migrations (old_chat_id, new_chat_id) values (-990001, -1001000000001), (-990002, -1001000000002);
-- A survey delivered to both chats (each had a client message above), one vote in each.
insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
values ('manual', 'matrix', now() - interval '1 day', now() + interval '1 minute', '2026-10-01', now(), now() + interval '7 days', 'matrix');
select feedback.deliver((select max(id) from public.surveys), now());
select public.survey_vote(d.id, d.chat_id, 555001, 4) from public.survey_deliveries d;

\ir helpers/role_probe.psql

select plan((select count(*)::int * 4 + 2 from matrix) + 2);

select is(
  (select coalesce(array_agg(tbl order by tbl), '{}') from matrix m
   where who = 'accountant' and 'own' in (sel, upd, del) and tests.probe('accountant', tbl, 'fixture') <> 'ok'),
  '{}'::text[], 'fixtures: tables the accountant sees in part have rows inside and outside their chat');

select is(
  (select coalesce(array_agg(t order by t), '{}') from (
     select c.relname::text t from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
     except select tbl from matrix) x),
  '{}'::text[], 'every public table is in the role matrix');

select is(tests.probe(m.who, m.tbl, op.name), op.expected, format('%s %s %s', m.who, op.name, m.tbl))
from matrix m cross join lateral (values ('select', m.sel), ('insert', m.ins), ('update', m.upd), ('delete', m.del)) op(name, expected)
order by m.tbl, m.who, op.name;

-- anon: nothing, on every table of the matrix.
select is((select array_agg(distinct tests.probe('anon', tbl, 'select')) from matrix), '{none}', 'anon selects nothing');
select is((select array_agg(distinct tests.probe('anon', tbl, 'insert')) from matrix), '{denied}', 'anon inserts nothing');

select * from finish();
rollback;
