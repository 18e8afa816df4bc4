-- =====================================================================================================
-- What a manager opens from a report: the requests behind a figure, each missed deadline, each
-- accountant's load, and people's names for the console's CSV files. Figures use the definitions of
-- public.request_outcomes (20261122002500_reports.sql); times are in working minutes of the request's
-- own schedule snapshot. The definer functions filter rows as the requests' RLS does (same visibility
-- rule), because the working-time functions of schema sla are not open to console callers.
-- =====================================================================================================

-- The chats the console caller sees, as the RLS policies of chat data state it, for the definer functions
-- below: filtering by `chat_id in (select authz.visible_chat_ids())` asks once per query, not once per row.
create function authz.visible_chat_ids() returns setof bigint
language sql stable set search_path = '' as $$
  select c.id from public.chats c where (select authz.sees_all_chats()) or c.id in (select authz.my_chat_ids())
$$;
comment on function authz.visible_chat_ids() is 'Ids of the chats the logged-in staff member may read (all for admins, managers, observers).';

-- Each missed deadline of the requests received in [p_from, p_to): how late the answer came (or, still
-- unanswered, how late it is now; closed by hand, how late it was closed), latest first.
create function public.sla_misses(p_from timestamptz, p_to timestamptz)
returns table (request_id bigint, chat_id bigint, chat_title text, accountant_telegram_id bigint, accountant_name text,
               status text, received_at timestamptz, breach_at timestamptz, answered_at timestamptz, late_minutes bigint)
language sql stable security definer set search_path = '' as $$
  select o.id, o.chat_id, c.title, o.accountant_telegram_id, authz.person_name(o.accountant_telegram_id, o.chat_id),
         o.status, o.received_at, o.breach_at, o.answered_at,
         case when r.status = 'answered' then r.response_working_seconds / 60 - r.threshold_minutes
              else sla.working_seconds_in(sla.schedule_of(r.schedule_id), r.breach_at, coalesce(r.resolved_at, now())) / 60 end
  from public.request_outcomes o
  join public.requests r on r.id = o.id
  left join public.chats c on c.id = o.chat_id
  where o.received_at >= p_from and o.received_at < p_to and o.breached and o.chat_id in (select authz.visible_chat_ids())
  order by 10 desc, o.received_at
$$;
comment on function public.sla_misses(timestamptz, timestamptz) is
  'Every breached request received in [p_from, p_to) that the caller may see: chat, accountant, and how many working minutes past its deadline it was answered (or is now / was closed).';

-- Per accountant: the open requests waiting for them now (with the longest wait in working minutes and how
-- many are past their deadline), and what they handled among the requests received in [p_from, p_to).
create function public.accountant_workload(p_from timestamptz, p_to timestamptz)
returns table (telegram_user_id bigint, name text, open_now bigint, overdue_now bigint, longest_wait_minutes bigint,
               requests bigint, answered bigint, breached bigint)
language sql stable security definer set search_path = '' as $$
  with waiting as (
    select o.accountant_telegram_id as id, count(*) as open_now, count(*) filter (where r.breach_at <= now()) as overdue,
           max(sla.working_seconds_in(sla.schedule_of(r.schedule_id), r.received_at, now())) / 60 as longest
    from public.requests r join public.request_outcomes o on o.id = r.id
    where r.status = 'open' and r.chat_id in (select authz.visible_chat_ids())
    group by 1
  ), handled as (
    select o.accountant_telegram_id as id, count(*) as requests, count(*) filter (where o.status = 'answered') as answered,
           count(*) filter (where o.breached) as breached
    from public.request_outcomes o
    where o.received_at >= p_from and o.received_at < p_to and o.chat_id in (select authz.visible_chat_ids())
    group by 1
  )
  select a.id, authz.person_name(a.id), sum(a.open_now)::bigint, sum(a.overdue)::bigint, max(a.longest),
         sum(a.requests)::bigint, sum(a.answered)::bigint, sum(a.breached)::bigint
  from (select w.id, w.open_now, w.overdue, w.longest, 0 as requests, 0 as answered, 0 as breached from waiting w
        union all
        select h.id, 0, 0, null, h.requests, h.answered, h.breached from handled h) a
  group by a.id
  order by 3 desc, 5 desc nulls last, 6 desc
$$;
comment on function public.accountant_workload(timestamptz, timestamptz) is
  'Per accountant (null: chats without a primary accountant): open requests now, overdue now, longest wait in working minutes; requests received in [p_from, p_to) they count for, answered, breached.';

-- Names for the console's CSV files (who answered, who is in a chat): the same name everywhere, whoever asks.
create function public.person_names(p_telegram_ids bigint[])
returns table (telegram_user_id bigint, name text)
language sql stable security invoker set search_path = '' as $$
  select i.id, authz.person_name(i.id) from unnest(p_telegram_ids) i (id) where i.id is not null
$$;
comment on function public.person_names(bigint[]) is 'Display names of Telegram users (authz.person_name) for exports.';

grant execute on function public.sla_misses(timestamptz, timestamptz), public.accountant_workload(timestamptz, timestamptz),
  public.person_names(bigint[]), authz.visible_chat_ids()
  to authenticated, service_role;
