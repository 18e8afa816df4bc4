-- =====================================================================================================
-- /mystats: an accountant's own SLA figures over the last days, with the same definitions as the
-- console's reports (public.request_outcomes): decided = answered or breached; on time = answered and
-- not breached; a request counts for whoever answered it, an unanswered breach for the primary accountant.
-- =====================================================================================================

create function public.accountant_stats(p_telegram_user_id bigint, p_now timestamptz default now(), p_days integer default 30)
returns jsonb
language sql stable security definer set search_path = '' as $$
  with mine as (
    select o.* from public.request_outcomes o
     where o.accountant_telegram_id = p_telegram_user_id
       and o.received_at >= p_now - make_interval(days => p_days) and o.received_at < p_now
  )
  select jsonb_build_object(
    'days', p_days,
    'chats', (select count(*) from public.chat_staff cs
               where cs.telegram_user_id = p_telegram_user_id and cs.role = 'accountant'),
    'requests', (select count(*) from mine),
    'answered', (select count(*) from mine where status = 'answered'),
    'breached', (select count(*) from mine where breached),
    'compliance_pct', (select round(100.0 * count(*) filter (where on_time) / nullif(count(*) filter (where decided), 0))
                         from mine),
    'avg_response_minutes', (select floor(avg(response_minutes)) from mine),
    'open_now', (select count(*) from public.requests r
                  join public.chat_staff cs on cs.chat_id = r.chat_id
                 where cs.telegram_user_id = p_telegram_user_id and cs.role = 'accountant' and r.status = 'open'))
$$;
comment on function public.accountant_stats(bigint, timestamptz, integer) is
  '/mystats: requests, answered, breached, compliance % and average response (working minutes) of one accountant over p_days, plus open requests in their chats now.';

grant execute on function public.accountant_stats(bigint, timestamptz, integer) to service_role;
