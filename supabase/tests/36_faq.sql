-- FAQ: who may read and write (every role × operation, probed as the demo users), keyword validation,
-- audit of edits but not of usage counting, and the webhook's RPCs.
begin;
create extension if not exists pgtap with schema extensions;

insert into public.faq (question, answer, keywords, is_active) values
  ('Тест: реквизиты', 'Реквизиты: …', '{реквизит*,оплат*}', true),
  ('Тест: срок ЕНП', 'До 28 числа', '{енп,срок*}', true),
  ('Тест: старый вопрос', 'Не актуально', '{старое}', false);

\ir helpers/role_probe.psql

create temp table matrix (who text, sel text, ins text, upd text, del text) on commit drop;
insert into matrix values
  -- role        select  insert     update  delete
  ('admin',      'all',  'allowed', 'all',  'all'),
  ('manager',    'all',  'allowed', 'all',  'all'),
  ('accountant', 'all',  'denied',  'none', 'none'),
  ('observer',   'all',  'denied',  'none', 'none'),
  ('anon',       'none', 'denied',  'none', 'none');

select plan((select count(*)::int * 4 from matrix) + 16);

select is(tests.probe(m.who, 'faq', op.name), op.expected, format('%s %s faq', m.who, op.name))
from matrix m cross join lateral (values ('select', m.sel), ('insert', m.ins), ('update', m.upd), ('delete', m.del)) op(name, expected)
order by m.who, op.name;

-- Keyword validation, table-driven.
select throws_ok(format('insert into public.faq (question, answer, keywords) values (%L, %L, %L)', 'q' || k.n, 'a', k.keywords),
                 '23514', null, format('keywords %s refused', k.keywords))
from (values (1, '{}'), (2, '{"!!!"}'), (3, array[repeat('x', 101)]::text), (4, '{"ок",null}')) k(n, keywords);

-- A manager creates and edits an item: created_by is filled, both changes are audited.
select tests.act_as('manager');
insert into public.faq (question, answer, keywords) values ('Тест: как получить справку', 'Напишите в чат', '{справк*}');
update public.faq set answer = 'Напишите бухгалтеру' where question = 'Тест: как получить справку';
reset role;
select is((select created_by from public.faq where question = 'Тест: как получить справку'),
  '00000000-0000-4000-a000-000000000002'::uuid, 'created_by is the manager');
select is((select array_agg(action order by id) from public.audit_log where table_name = 'faq'
           and row_key = (select id::text from public.faq where question = 'Тест: как получить справку')),
  '{INSERT,UPDATE}', 'creation and edit are audited with the item id');

-- Usage counting is not an edit.
select is(public.faq_record_use((select id from public.faq where question = 'Тест: срок ЕНП'), '2026-03-02T10:00Z'), 1, 'first use counted');
select is(public.faq_record_use((select id from public.faq where question = 'Тест: срок ЕНП'), '2026-03-02T11:00Z'), 2, 'second use counted');
select is((select (usage_count, last_used_at) from public.faq where question = 'Тест: срок ЕНП'),
  (2, '2026-03-02T11:00Z'::timestamptz), 'usage_count and last_used_at stored');
select is((select count(*)::int from public.audit_log where table_name = 'faq'
           and row_key = (select id::text from public.faq where question = 'Тест: срок ЕНП') and action = 'UPDATE'),
  0, 'counting a use leaves no audit entry');
select is((select updated_at = created_at from public.faq where question = 'Тест: срок ЕНП'), true, 'nor bumps updated_at');
select is(public.faq_record_use(-1), null, 'an unknown item counts nothing');

select is(array(select id from public.faq_active()), array(select id from public.faq where is_active order by id),
  'faq_active lists the active items, oldest first');
select ok('Тест: старый вопрос' <> all (array(select question from public.faq_active())), 'an inactive item is not offered');

select ok(has_function_privilege('service_role', 'public.faq_active()', 'execute')
      and has_function_privilege('service_role', 'public.faq_record_use(bigint, timestamptz)', 'execute'),
  'the webhook may load items and count uses');
select ok(not has_function_privilege('authenticated', 'public.faq_record_use(bigint, timestamptz)', 'execute')
      and not has_function_privilege('anon', 'public.faq_active()', 'execute'), 'console users and anon may not');

select * from finish();
rollback;
