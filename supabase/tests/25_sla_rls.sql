-- Who may read and write the SLA tables, table-driven (same probes as 01_role_matrix.sql): everyone on
-- the staff reads, accountants only their own chats' rows; nobody writes directly — messages and events
-- are append-only, requests and alerts change only through the SLA functions.
begin;
create extension if not exists pgtap with schema extensions;

create temp table matrix (tbl text, who text, sel text, ins text, upd text, del text) on commit drop;
insert into matrix
select t.tbl, w.who, case w.who when 'accountant' then t.own else 'all' end, 'denied', 'none', 'none'
from (values ('messages', 'own'), ('requests', 'own'), ('alerts', 'own'), ('alert_deliveries', 'own'),
             ('sla_events', 'own'), ('chat_migrations', 'some(1 of 2)')) t (tbl, own)
cross join (values ('admin'), ('manager'), ('accountant'), ('observer')) w (who);

\ir helpers/sla_fixture.psql
-- Fixtures: rows in a chat of the demo accountant (700003, accountant@buhbot.local) and in a chat of
-- neither the demo accountant nor the demo manager (-1001000000003, given SLA and an accountant here).
do $$ begin
  perform pg_temp.chat(-1002000000501);
  insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1002000000501, 700003, 'accountant');
  update public.chats set sla_enabled = true where id = -1001000000003;
  insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary) values (-1001000000003, 800001, 'accountant', true);
  perform pg_temp.ask(c, 1, '2025-01-06T07:00:00Z') from unnest(array[-1002000000501, -1001000000003]) c;
  perform sla.tick('2025-01-06T08:00:00Z');
  insert into public.chat_migrations (old_chat_id, new_chat_id) values (-42, -1002000000501), (-43, -1001000000003);
end $$;

\ir helpers/role_probe.psql

select plan((select count(*)::int * 4 from matrix) + 2);

select is(tests.probe(m.who, m.tbl, op.name), op.expected, format('%s %s %s', m.who, op.name, m.tbl))
from matrix m cross join lateral (values ('select', m.sel), ('insert', m.ins), ('update', m.upd), ('delete', m.del)) op(name, expected)
order by m.tbl, m.who, op.name;

select is((select array_agg(distinct tests.probe('anon', tbl, 'select')) from matrix), '{none}', 'anon selects nothing');
select is((select array_agg(distinct tests.probe('anon', tbl, 'insert')) from matrix), '{denied}', 'anon inserts nothing');

select * from finish();
rollback;
