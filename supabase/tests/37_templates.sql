-- Reply templates: who may read and write (every role × operation, probed as the demo users), only the
-- five known variables accepted in a body, audit of edits but not of usage counting, and the webhook's RPCs.
begin;
create extension if not exists pgtap with schema extensions;

insert into public.templates (category, title, body, is_active) values
  ('Документы', 'Получили', 'Здравствуйте, {{client_name}}! Документы получили {{date}} в {{time}}.', true),
  ('Тест: оплата', 'Реквизиты', 'Реквизиты отправит {{accountant_name}}.', true),
  ('Архив', 'Старый', 'Не используется', false);

\ir helpers/role_probe.psql

create temp table matrix (who text, sel text, ins text, upd text, del text) on commit drop;
insert into matrix values
  -- role        select  insert     update  delete
  ('admin',      'all',  'allowed', 'all',  'all'),
  ('manager',    'all',  'allowed', 'all',  'all'),
  ('accountant', 'all',  'denied',  'none', 'none'),
  ('observer',   'all',  'denied',  'none', 'none'),
  ('anon',       'none', 'denied',  'none', 'none');

create temp table bodies (body text, accepted boolean) on commit drop;
insert into bodies values
  ('{{client_name}} {{accountant_name}} {{chat_title}} {{date}} {{time}}', true),
  ('{{ client_name }}, добрый день', true),
  ('Фигурные { скобки } и {одна}', true),
  ('{{client}}', false),
  ('{{Client_Name}}', false),
  ('{{client_name}} и {{foo}}', false),
  ('{{client_name', false),
  ('{{{client_name}}}', false),
  ('{{}}', false);

select plan((select count(*)::int * 4 from matrix) + (select count(*)::int from bodies) + 10);

select is(tests.probe(m.who, 'templates', op.name), op.expected, format('%s %s templates', m.who, op.name))
from matrix m cross join lateral (values ('select', m.sel), ('insert', m.ins), ('update', m.upd), ('delete', m.del)) op(name, expected)
order by m.who, op.name;

select case when b.accepted
  then lives_ok(format('insert into public.templates (category, title, body) values (''t'', %L, %L)', md5(b.body), b.body),
                format('body «%s» accepted', b.body))
  else throws_ok(format('insert into public.templates (category, title, body) values (''t'', %L, %L)', md5(b.body), b.body),
                 '23514', null, format('body «%s» refused', b.body)) end
from bodies b;

-- A manager creates and edits a template: created_by is filled, both changes are audited.
select tests.act_as('manager');
insert into public.templates (category, title, body) values ('Зарплата', 'Расчёт готов', 'Расчёт готов, {{client_name}}.');
update public.templates set body = 'Расчёт зарплаты готов, {{client_name}}.' where title = 'Расчёт готов';
reset role;
select is((select created_by from public.templates where title = 'Расчёт готов'),
  '00000000-0000-4000-a000-000000000002'::uuid, 'created_by is the manager');
select is((select array_agg(action order by id) from public.audit_log where table_name = 'templates'
           and row_key = (select id::text from public.templates where title = 'Расчёт готов')),
  '{INSERT,UPDATE}', 'creation and edit are audited with the template id');
select throws_ok($$insert into public.templates (category, title, body) values ('Тест: оплата', 'Реквизиты', 'x')$$, '23505', null,
  'a title is unique within its category');

-- Usage counting is not an edit.
select is(public.template_record_use((select id from public.templates where title = 'Получили'), '2026-03-02T10:00Z'), 1, 'first use counted');
select is(public.template_record_use((select id from public.templates where title = 'Получили'), '2026-03-02T11:00Z'), 2, 'second use counted');
select is((select (usage_count, last_used_at, updated_at = created_at) from public.templates where title = 'Получили'),
  (2, '2026-03-02T11:00Z'::timestamptz, true), 'usage stored without bumping updated_at');
select is((select count(*)::int from public.audit_log where table_name = 'templates' and action = 'UPDATE'
           and row_key = (select id::text from public.templates where title = 'Получили')), 0, 'counting a use leaves no audit entry');

select is(array(select id from public.templates_active()),
  array(select id from public.templates where is_active order by category, title), 'templates_active: active ones by category and title');

select ok(has_function_privilege('service_role', 'public.templates_active()', 'execute')
      and has_function_privilege('service_role', 'public.template_record_use(bigint, timestamptz)', 'execute'),
  'the webhook may list templates and count uses');
select ok(not has_function_privilege('authenticated', 'public.template_record_use(bigint, timestamptz)', 'execute')
      and not has_function_privilege('anon', 'public.templates_active()', 'execute'), 'console users and anon may not');

select * from finish();
rollback;
