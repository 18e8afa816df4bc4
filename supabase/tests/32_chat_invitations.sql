-- /newchat and /connect: one-time codes made by staff, single use, expiring; redeeming links the chat.
begin;
create extension if not exists pgtap with schema extensions;
select plan(21);
\ir helpers/sla_fixture.psql
\ir helpers/act_as.psql

select is(public.create_invitation(555001, '2025-01-06T07:00:00Z'), '{"ok":false,"reason":"not_staff"}', 'a client gets no code');
select is(public.create_invitation(700004, '2025-01-06T07:00:00Z'), '{"ok":false,"reason":"not_staff"}', 'an observer gets no code');
select set_config('tests.code', public.create_invitation(700003, '2025-01-06T07:00:00Z') ->> 'code', true);
select matches(current_setting('tests.code'), '^[A-HJ-NP-Z2-9]{8}$', 'codes are 8 characters without look-alikes');
select is((select (staff_role, expires_at) from public.chat_invitations where code = current_setting('tests.code'))::text,
          '(accountant,"2025-01-07 07:00:00+00")', 'an accountant''s code makes them accountant and lives 24 hours');
select is((select count(distinct sla.new_invitation_code()) from generate_series(1, 200)), 200::bigint, 'codes are random');

-- Redeeming.
select is(public.redeem_invitation('NOPE2345', -1003200000001, 'Клиент', 'supergroup', 555001, '2025-01-06T08:00:00Z'),
          '{"ok":false,"reason":"not_found"}', 'an unknown code is refused');
select is(public.redeem_invitation(lower(current_setting('tests.code')), -1003200000001, 'ООО Клиент', 'supergroup', 555001,
          '2025-01-06T08:00:00Z'),
          '{"ok":true,"chat_id":-1003200000001,"staff_role":"accountant","staff_telegram_id":700003,"staff_name":"Ольга Бухгалтер"}',
          'a valid code (any case) links the group');
select is((select (sla_enabled, monitoring_enabled, title) from public.chats where id = -1003200000001)::text,
          '(t,t,"ООО Клиент")', 'the group is registered with SLA and monitoring on');
select is((select (role, is_primary, display_name) from public.chat_staff where chat_id = -1003200000001 and telegram_user_id = 700003)::text,
          '(accountant,t,"Ольга Бухгалтер")', 'the creator is the chat''s primary accountant');
select is(public.redeem_invitation(current_setting('tests.code'), -1003200000001, 'x', 'supergroup', 555001),
          '{"ok":false,"reason":"already_connected"}', 'the same code again in the same chat says it is connected');
select is(public.redeem_invitation(current_setting('tests.code'), -1003200000002, 'x', 'supergroup', 555001),
          '{"ok":false,"reason":"used"}', 'a code works once');

-- Expiry, and a manager's code in a chat that already has a primary accountant.
select set_config('tests.late', public.create_invitation(700002, '2025-01-06T07:00:00Z') ->> 'code', true);
select is(public.redeem_invitation(current_setting('tests.late'), -1003200000003, 'x', 'group', 555001, '2025-01-07T07:00:00Z'),
          '{"ok":false,"reason":"expired"}', 'a code is refused from its expiry instant on');
select set_config('tests.mgr', public.create_invitation(700002, '2025-01-06T07:00:00Z') ->> 'code', true);
select is(public.redeem_invitation(current_setting('tests.mgr'), -1003200000001, 'x', 'supergroup', 555001, '2025-01-06T09:00:00Z') ->> 'staff_role',
          'manager', 'a manager''s code makes them manager');
select is((select (role, is_primary) from public.chat_staff where chat_id = -1003200000001 and telegram_user_id = 700002)::text,
          '(manager,f)', 'managers are never primary');

-- An accountant's code cannot make its creator staff of somebody else's connected chat (-1001000000002
-- has only a manager); a manager sending the same /connect can, and the audit names who sent it.
select set_config('tests.own', public.create_invitation(700003, '2025-01-06T07:00:00Z') ->> 'code', true);
select is(public.redeem_invitation(current_setting('tests.own'), -1001000000002, 'x', 'supergroup', 700003, '2025-01-06T10:00:00Z'),
          '{"ok":false,"reason":"needs_manager"}', 'an accountant cannot connect themselves to a connected chat');
select is((select count(*) from public.chat_staff where chat_id = -1001000000002 and telegram_user_id = 700003), 0::bigint,
          'the refused /connect adds nobody to the chat''s staff');
select is((select used_at from public.chat_invitations where code = current_setting('tests.own')), null,
          'the refused code stays unused');
select is(public.redeem_invitation(current_setting('tests.own'), -1001000000002, 'x', 'supergroup', 700002, '2025-01-06T10:00:00Z') ->> 'ok',
          'true', 'a manager sending the accountant''s code in the connected chat adds the accountant');
select is((select actor_role from public.audit_log
           where table_name = 'chat_staff' and row_key = '-1001000000002' and new_row ->> 'telegram_user_id' = '700003'),
          'telegram 700002', 'the audit rows of /connect name the Telegram user, not the service role');

-- RLS: creators see their own codes, managers all.
select is(tests.as_user('accountant', 'select count(*) from public.chat_invitations')::int, 2, 'an accountant sees only their own codes');
select is(tests.as_user('manager', 'select count(*) from public.chat_invitations')::int, 4, 'a manager sees every code');

select * from finish();
rollback;
