-- Ops health gauges (public.ops_metrics) and the pg_cron history purge, as a table of cases.
begin;
create extension if not exists pgtap with schema extensions;
select plan(12);

-- pg_cron history of sla-tick: succeeded 10:00 and 10:01, failed 10:02 and 10:03; feedback-tick failed 08:00.
delete from cron.job_run_details;
insert into cron.job_run_details (jobid, runid, job_pid, database, username, command, status, return_message, start_time, end_time)
select j.jobid, r.runid, 1, 'postgres', 'postgres', j.command, r.status, '', r.at, r.at + interval '1 second'
  from cron.job j
  join (values ('sla-tick', 1, 'succeeded', timestamptz '2026-03-16 10:00Z'),
               ('sla-tick', 2, 'succeeded', '2026-03-16 10:01Z'),
               ('sla-tick', 3, 'failed', '2026-03-16 10:02Z'),
               ('sla-tick', 4, 'failed', '2026-03-16 10:03Z'),
               ('feedback-tick', 5, 'failed', '2026-03-16 08:00Z'),
               ('sla-tick', 6, 'succeeded', '2026-03-01 10:00Z')) r(job, runid, status, at) on r.job = j.jobname;

-- Updates: one finished, one processing for 4 minutes, two processing for 6 minutes and more.
delete from public.telegram_updates;
insert into public.telegram_updates (update_id, update_type, received_at, status) values
  (1, 'message', '2026-03-13 14:00Z', 'done'),          -- Friday 17:00 Moscow
  (2, 'message', '2026-03-16 10:01Z', 'processing'),
  (3, 'message', '2026-03-16 09:59Z', 'processing'),
  (4, 'message', '2026-03-16 09:00Z', 'processing');

create temp table m as select public.ops_metrics('2026-03-16 10:05Z') as m;
select is((select m -> 'cron_jobs' -> 'sla-tick' ->> 'last_success' from m)::numeric,
          extract(epoch from timestamptz '2026-03-16 10:01:01Z')::numeric, 'cron: last success is the end of the newest succeeded run');
select is((select m -> 'cron_jobs' -> 'sla-tick' ->> 'failed_last_hour' from m)::int, 2, 'cron: failures of the last hour are counted');
select is((select m -> 'cron_jobs' -> 'feedback-tick' ->> 'failed_last_hour' from m)::int, 0, 'cron: a failure two hours ago is not');
select is((select m -> 'cron_jobs' -> 'feedback-tick' -> 'last_success' from m), 'null'::jsonb, 'cron: a job that never succeeded has no last success');
select ok((select m -> 'cron_jobs' ? 'daily-purge' from m), 'cron: every scheduled job is reported, even without runs');
select is((select m ->> 'updates_stuck' from m)::int, 2, 'updates: only those processing for more than 5 minutes are stuck');
select is((select m ->> 'webhook_silent_working_seconds' from m)::int, 240, 'silence starts at the newest update');
-- Only Friday's update left. Friday 17:00 Moscow → Monday 13:05 Moscow: an hour on Friday, 4 h 5 min on Monday.
delete from public.telegram_updates where update_id > 1;
select is((public.ops_metrics('2026-03-16 10:05Z') ->> 'webhook_silent_working_seconds')::int, 3600 + 4 * 3600 + 300,
          'silence counts only the firm''s working time (not the weekend)');
delete from public.telegram_updates;
select is(public.ops_metrics('2026-03-16 10:05Z') -> 'webhook_silent_working_seconds', 'null'::jsonb,
          'silence is unknown before the first update');

select is(sla.purge_cron_history('2026-03-16 12:00Z'), 1::bigint, 'cron history older than 7 days is purged');
select is((sla.daily_purge('2026-03-30 12:00Z') ->> 'cron_history')::bigint, 5::bigint, 'by the daily retention job');

select is_empty(
  $$ select r from unnest(array['anon', 'authenticated', 'service_role']) r
      where has_function_privilege(r, 'public.ops_metrics(timestamptz)', 'execute') <> (r = 'service_role') $$,
  'ops_metrics is executable by service_role only');

select * from finish();
rollback;
