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
-- Fixtures: rows inside the demo accountant's and manager's chat (-1001000000001) and in a chat that is
-- neither's (-1001000000003, given SLA and an accountant here).
do $$ begin
  update public.chats set sla_enabled = true where id = -1001000000003;
  insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary) values (-1001000000003, 800001, 'accountant', true);
  perform public.record_message(jsonb_build_object('chat_id', c, 'message_id', 1, 'sender_telegram_id', 555001,
    'kind', 'text', 'text', 'Когда?', 'sent_at', '2025-01-06T07:00:00Z'), '2025-01-06T07:00:00Z')
  from unnest(array[-1001000000001, -1001000000003]) c;
  perform public.classify_message(c, 1, 'REQUEST', 'rules') from unnest(array[-1001000000001, -1001000000003]) c;
  perform sla.tick('2025-01-06T08:00:00Z');
  insert into public.chat_migrations (old_chat_id, new_chat_id) values (-42, -1001000000001), (-43, -1001000000003);
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
