-- Polling mode's offset: per bot, starts at 0, only moves forward, and only the service role reaches it.
begin;
create extension if not exists pgtap with schema extensions;
select plan(7);
\ir helpers/act_as.psql

select is(public.polling_offset(111), 0::bigint, 'a bot never polled resumes from 0 (whatever Telegram holds)');
select is(public.polling_advance(111, 500), 500::bigint, 'advancing records the next offset');
select is(public.polling_advance(111, 420), 500::bigint, 'an older offset (a late retry) does not move it back');
select is(public.polling_offset(111), 500::bigint, 'the bridge resumes after the last update the webhook took');
select is(public.polling_offset(222), 0::bigint, 'another bot has its own offset');

select is(tests.as_user('admin', 'public.polling_offset(111)'), 'error 42501', 'staff cannot read the offset');
select is(tests.as_user('manager', 'public.polling_advance(111, 900)'), 'error 42501', 'staff cannot move the offset');

select * from finish();
rollback;
