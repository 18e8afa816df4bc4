-- The role matrix, table-driven: every table × every role × select / insert / update / delete.
-- Each probe really runs the statement as that user (JWT claims set like PostgREST does) inside a
-- subtransaction that is always rolled back, and classifies what happened:
--   select/update/delete → 'all' rows, the user's 'own' chats' rows, 'self' (own staff row), or 'none'
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
  ('outbox',      'observer',   'none', 'denied',  'none', 'none');

-- Fixtures: every table needs rows inside and outside the accountant's chats for the probes to tell
-- 'all' from 'own' from 'none'.
insert into public.outbox (kind, chat_id, payload, dedup_key) values ('breach', 700002, '{"text":"x"}', 'matrix:1');
insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1001000000003, 799999, 'accountant');

\ir helpers/role_probe.psql

select plan((select count(*)::int * 4 + 2 from matrix) + 1);

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
