-- Who sees whose login facts (public.staff_accounts): the same people who see the staff rows. An invited
-- person who has not yet set a password is "not accepted".
begin;
create extension if not exists pgtap with schema extensions;
select plan(6);
\ir helpers/act_as.psql

insert into auth.users (id, email, invited_at) values ('00000000-0000-4000-a000-0000000000aa', 'new@firm.ru', now());
insert into public.staff (id, full_name, role) values ('00000000-0000-4000-a000-0000000000aa', 'Новый Бухгалтер', 'accountant');

select is(tests.as_user(t.who, 'select count(*) from public.staff_accounts()'), t.rows, t.who || ' sees ' || t.rows)
from (values ('admin', '5'), ('manager', '5'), ('observer', '5'), ('accountant', '1')) t (who, rows);

select is(tests.as_user('admin', $$select accepted from public.staff_accounts() where email = 'new@firm.ru'$$),
  'false', 'an invited person who has not set a password has not accepted');
select is(tests.as_user('anon', 'select count(*) from public.staff_accounts()'), 'error 42501', 'anon may not call it');

select * from finish();
rollback;
