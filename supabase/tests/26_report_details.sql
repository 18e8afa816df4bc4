-- What a report row opens: each missed deadline (how late, in working minutes), each accountant's load now
-- and over a period, the requests' "counts for" accountant as a filterable column, names for exports; and
-- who sees which rows (manager and observer every chat, an accountant her own chats, anon nothing).
begin;
create extension if not exists pgtap with schema extensions;
select plan(16);
\ir helpers/sla_fixture.psql
\ir helpers/act_as.psql

-- Week of Mon 2025-01-06 (MSK = UTC+3, working 09:00–18:00, threshold 60 working minutes).
--   a  Р1  Mon 10:00 → answered 11:30 by 800001      deadline 11:00, 30 min late
--   b  Р2  Tue 10:00 → never answered                deadline 11:00, still open (counts for primary 800001)
--   c  Р4  Thu 10:00 → answered 12:00 by 700003      deadline 11:00, 60 min late (the demo accountant's chat)
--   d  Р1  Thu 10:00 → answered 10:10 by 800001      on time
do $$ begin
  perform pg_temp.chat(-1002000000511, true, 'Р1'), pg_temp.chat(-1002000000512, true, 'Р2'), pg_temp.chat(-1002000000514, true, 'Р4');
  insert into public.chat_staff (chat_id, telegram_user_id, role) values (-1002000000514, 700003, 'accountant');
  perform pg_temp.ask(-1002000000511, 1, '2025-01-06T07:00:00Z'), pg_temp.say(-1002000000511, 2, 800001, '2025-01-06T08:30:00Z', 'a');
  perform pg_temp.ask(-1002000000512, 1, '2025-01-07T07:00:00Z'), sla.tick('2025-01-07T08:00:01Z');
  perform pg_temp.ask(-1002000000514, 1, '2025-01-09T07:00:00Z'), pg_temp.say(-1002000000514, 2, 700003, '2025-01-09T09:00:00Z', 'c');
  perform pg_temp.ask(-1002000000511, 3, '2025-01-09T07:00:00Z'), pg_temp.say(-1002000000511, 4, 800001, '2025-01-09T07:10:00Z', 'd');
end $$;

select is(tests.as_user('manager', $$(select string_agg(format('%s %s %s %s', chat_title, accountant_name, status, late_minutes), ' / ')
                                      from public.sla_misses('2025-01-06T07:00Z', '2025-01-10') where status <> 'open')$$),
          'Р4 Ольга Бухгалтер answered 60 / Р1 Бухгалтер Анна answered 30',
          'a manager sees every miss, latest first, with how late it was answered in working minutes');
select ok(tests.as_user('manager', $$(select late_minutes > 60 from public.sla_misses('2025-01-06', '2025-01-10') where status = 'open')$$)::boolean,
          'a miss still unanswered is as late as it is now (server clock), and comes first');
select is(tests.as_user('manager', $$(select count(*) from public.sla_misses('2025-01-07', '2025-01-10'))$$), '2',
          'the range is on the day a request was received');
select is(tests.as_user('accountant', $$(select string_agg(chat_title, ',') from public.sla_misses('2025-01-01', '2025-02-01'))$$), 'Р4',
          'an accountant sees the misses of her own chats only');
select is(tests.as_user('observer', $$(select count(*) from public.sla_misses('2025-01-01', '2025-02-01'))$$), '3',
          'an observer sees every chat''s misses');
select is(tests.as_user('manager', $$(select string_agg(format('%s %s/%s', chat_title, late_minutes, total), ' / ')
                                      from public.sla_misses('2025-01-06T07:00Z', '2025-01-10', 2))$$)
            ~ '^Р2 \d+/3 / Р4 60/3$', true,
          'a page of misses: the latest first, each with the number of misses in the period');
select is(tests.as_user('accountant', $$(select format('%s %s', count(*), max(total)) from public.sla_misses('2025-01-01', '2025-02-01', 20))$$),
          '1 1', 'the count is of the misses the caller may see');
select ok(not has_function_privilege('anon', 'public.sla_misses(timestamptz, timestamptz, integer)', 'execute')
          and not has_function_privilege('anon', 'public.accountant_workload(timestamptz, timestamptz)', 'execute'),
          'anon can run neither');

select is(tests.as_user('manager', $$(select string_agg(format('%s %s %s %s %s %s', name, open_now, overdue_now, requests, answered, breached), ' / ')
                                      from public.accountant_workload('2025-01-01', '2025-02-01'))$$),
          'Бухгалтер Анна 1 1 3 2 2 / Ольга Бухгалтер 0 0 1 1 1',
          'workload: open and overdue now (an unanswered request waits for the primary accountant), requests of the period, answered, breached');
select ok(tests.as_user('manager', $$(select longest_wait_minutes > 60 from public.accountant_workload('2025-01-01', '2025-02-01') where open_now > 0)$$)::boolean,
          'the longest wait of open requests, in working minutes up to now');
select is(tests.as_user('manager', $$(select count(*) from public.accountant_workload('2025-01-07', '2025-01-08') where requests > 0)$$), '1',
          'the period part counts the requests received in the range');
select is(tests.as_user('accountant', $$(select string_agg(format('%s %s', name, requests), ',') from public.accountant_workload('2025-01-01', '2025-02-01'))$$),
          'Ольга Бухгалтер 1', 'an accountant''s workload covers her own chats only');

select is(tests.as_user('manager', $$(select string_agg(r.chat_id::text, ',' order by r.id) from public.request_rows r
                                      where r.accountant_telegram_id = 700003)$$),
          '-1002000000514', 'requests filter by the accountant they count for, as the reports count them');
select is(tests.as_user('manager', $$(select string_agg(format('%s %s', r.chat_id, r.accountant_name), ',' order by r.id)
                                      from public.request_rows r where r.status = 'open')$$),
          '-1002000000512 Бухгалтер Анна', 'an unanswered request counts for its chat''s primary accountant');
-- The rule's primary-accountant lookup runs as definer (no per-row policy): it must not be callable
-- through the API, where a made-up request row would name the accountant of any chat.
select ok(not exists (select from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                      where n.nspname = 'public' and p.proname in ('accountant_telegram_id', 'primary_accountant')),
          'the accountant rule is not an API function');
select is(tests.as_user('accountant', $$(select string_agg(name, ',' order by telegram_user_id) from public.person_names('{700003,800001,null}'))$$),
          'Ольга Бухгалтер,Бухгалтер Анна', 'names for exports are the same whoever asks');

select * from finish();
rollback;
