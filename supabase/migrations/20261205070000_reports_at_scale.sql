-- =====================================================================================================
-- Reports and newest-first indexes at a year of a large firm (measured by `npm run bench -- scale`).
--
-- 1. The accountant a request counts for (who answered, else the chat's primary accountant) moves to
--    schema authz, which the API does not expose, so its primary-accountant lookup can run as definer:
--    under the caller's row level security every lookup re-ran the chat_staff policy (the caller's role
--    and chats), ~80 µs each, a third of the manager's 30-day report. It is only ever applied to requests
--    the caller already reads, whose chats' staff the caller may read anyway; as a public function it could
--    have been called through the API with a made-up request row.
-- 2. sla_report sorts a month of requests three ways for its percentiles: in memory, not in temporary files.
-- 3. sla_misses returns a page (p_limit, the most late first) and the total: names are looked up for the
--    rows shown, not for every miss of the period.
-- 4. The request a new message belongs to is found among the chat's requests closed after it (an index
--    of when each request closed), not by reading every request the chat ever had: with a chat's requests
--    spread over the table as they arrive, that read cost ~40 ms per message at a year of history, and the
--    webhook could no longer take 200 updates a second.
-- 5. Newest-first indexes on columns that only grow (times, per chat or overall) are rebuilt ascending:
--    PostgreSQL splits a B-tree page in half unless the new entry goes to the right end, so a descending
--    index fed in time order stays half empty (measured: 40 B per entry against 22). A backward scan of
--    the ascending index gives the same newest-first order (nulls first ↔ desc nulls last).
--    Rebuilding them blocks writes to their tables while it runs (seconds at a year of 500 chats; on a
--    database holding years of a large firm, minutes for messages): apply this in a quiet hour.
-- 6. The reports read a month of requests from the table (rows of a month lie together, as they arrive)
--    instead of from copies of their columns in the indexes, which cost 90–120 B per request to save
--    ~20 ms of reading.
-- =====================================================================================================

create or replace function authz.primary_accountant(p_chat_id bigint) returns bigint
language sql stable security definer set search_path = '' as $$
  select cs.telegram_user_id from public.chat_staff cs where cs.chat_id = p_chat_id and cs.is_primary
$$;

-- The views that use the rule (public.request_outcomes, public.request_rows) follow the function to its
-- new schema: they refer to it, not to its name.
alter function public.accountant_telegram_id(public.requests) set schema authz;
comment on function authz.accountant_telegram_id(public.requests) is
  'The accountant the request counts for in the reports, the request rows and their filter (who answered, else the chat''s primary accountant).';

alter function public.sla_report(timestamptz, timestamptz) set work_mem = '64MB';

drop function public.sla_misses(timestamptz, timestamptz);
-- Each missed deadline of the requests received in [p_from, p_to): how late the answer came (or, still
-- unanswered, how late it is now; closed by hand, how late it was closed), the latest first; p_limit of
-- them (all when null), each with the number of misses in the period.
create function public.sla_misses(p_from timestamptz, p_to timestamptz, p_limit integer default null)
returns table (request_id bigint, chat_id bigint, chat_title text, accountant_telegram_id bigint, accountant_name text,
               status text, received_at timestamptz, breach_at timestamptz, answered_at timestamptz, late_minutes bigint,
               total bigint)
language sql stable security definer set search_path = '' as $$
  with missed as (
    select r.id, r.chat_id, authz.accountant_telegram_id(r) as accountant, r.status, r.received_at, r.breach_at,
           r.answered_at,
           case when r.status = 'answered' then r.response_working_seconds / 60 - r.threshold_minutes
                else sla.working_seconds_in(sla.schedule_of(r.schedule_id), r.breach_at, coalesce(r.resolved_at, now())) / 60
           end as late
    from public.requests r
    where r.received_at >= p_from and r.received_at < p_to and r.breached and r.chat_id in (select authz.visible_chat_ids())
  ), page as (
    select m.*, count(*) over () as total from missed m order by m.late desc, m.received_at limit p_limit
  )
  select p.id, p.chat_id, c.title, p.accountant, authz.person_name(p.accountant, p.chat_id), p.status, p.received_at,
         p.breach_at, p.answered_at, p.late, p.total
  from page p left join public.chats c on c.id = p.chat_id
  order by p.late desc, p.received_at
$$;
comment on function public.sla_misses(timestamptz, timestamptz, integer) is
  'Breached requests received in [p_from, p_to) that the caller may see, the latest first (p_limit of them): chat, accountant, how many working minutes past the deadline it was answered (or is now / was closed), and how many there are in all.';
grant execute on function public.sla_misses(timestamptz, timestamptz, integer) to authenticated, service_role;

create or replace function sla.covering_request(p_msg public.messages) returns public.requests
language sql stable set search_path = '' as $$
  select r.* from public.requests r
  where r.chat_id = p_msg.chat_id
    and (r.status = 'open'
         or (r.status <> 'open' and coalesce(r.answered_at, r.resolved_at) >= p_msg.sent_at
             and r.received_at <= p_msg.sent_at
             and ((r.status = 'answered' and (r.answered_at, r.answer_message_id) > (p_msg.sent_at, p_msg.message_id))
                  or (r.status = 'resolved' and r.resolved_at > p_msg.sent_at))))
  order by (r.received_at <= p_msg.sent_at) desc, r.received_at desc
  limit 1
$$;
-- What sla.covering_request reads: the chat's open request and those closed at or after the message.
create index requests_chat_closed on public.requests (chat_id, (coalesce(answered_at, resolved_at))) where status <> 'open';

drop index public.requests_received;
create index requests_received on public.requests (received_at nulls first);
comment on index public.requests_received is 'Requests by arrival: the reports'' periods, and scanned backward the newest-first lists.';
drop index public.requests_answered;
create index requests_answered on public.requests (answered_at) where answered_at is not null;
comment on index public.requests_answered is 'Answers by when they came (sla_report_by_day).';
-- The breached requests of a period (the console's «Нарушения» list, sla_misses), so that no plan reads a
-- year of breaches to keep a month's; «breaches today» reads requests_breached, which has the same key
-- as the index dropped here.
drop index public.requests_breached_at;
create index requests_breached_received on public.requests (received_at) where breached;
drop index public.requests_chat_received;
create index requests_chat_received on public.requests (chat_id, received_at nulls first);
drop index public.messages_chat_time;
create index messages_chat_time on public.messages (chat_id, sent_at);
drop index public.sla_events_chat_at;
create index sla_events_chat_at on public.sla_events (chat_id, at);
drop index public.alerts_chat_created;
create index alerts_chat_created on public.alerts (chat_id, created_at);
drop index public.audit_log_at;
create index audit_log_at on public.audit_log (at);
