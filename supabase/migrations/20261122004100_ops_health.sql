-- =====================================================================================================
-- Ops health: what Prometheus needs to see that the database side of the bot is alive, read by the relay
-- through public.ops_metrics() on each scrape and exported once (the relay holding the metrics lease):
--   * pg_cron jobs — the last successful run and the failures of the last hour per job, from
--     cron.job_run_details (sla-tick not succeeding for 3 minutes pages: no warnings, no breaches);
--   * Telegram updates stuck in 'processing' for more than 5 minutes (the webhook died mid-update);
--   * how much of the firm's working time (global calendar: weekends, holidays, transferred workdays)
--     has passed since the webhook last stored an update: silence on a Saturday is normal, silence on
--     a transferred Saturday workday is not.
-- cron.job_run_details grows by a row per job run (sla-tick alone: 1 440 a day); sla.purge_cron_history
-- keeps 7 days, enough for the daily jobs' last success, and runs in the daily retention job.
-- =====================================================================================================

-- Like relay_metrics, bounded by a statement timeout below the relay's 5 s (PostgREST applies it to the call).
create function public.ops_metrics(p_now timestamptz default now()) returns jsonb
language sql stable security definer set search_path = '' set statement_timeout = '3s' as $$
  select jsonb_build_object(
    'cron_jobs', coalesce((
      select jsonb_object_agg(j.jobname, jsonb_build_object(
               'last_success', (select extract(epoch from max(d.end_time))::numeric(14, 3)
                                  from cron.job_run_details d where d.jobid = j.jobid and d.status = 'succeeded'),
               'failed_last_hour', (select count(*) from cron.job_run_details d
                                     where d.jobid = j.jobid and d.status = 'failed'
                                       and d.start_time >= p_now - interval '1 hour')))
        from cron.job j where j.jobname is not null), '{}'::jsonb),
    'updates_stuck', (select count(*) from public.telegram_updates u
                       where u.status = 'processing' and u.received_at < p_now - interval '5 minutes'),
    -- Null (exported as NaN) until the first update is stored: nothing to be silent after.
    'webhook_silent_working_seconds', (select sla.working_seconds(null, max(u.received_at), p_now)
                                         from public.telegram_updates u having count(*) > 0))
$$;
comment on function public.ops_metrics(timestamptz) is
  'Ops gauges for /metrics: per pg_cron job the last success (unix s, null if none kept) and failures in the last hour; updates in processing for over 5 minutes; working seconds of the global calendar since the last stored update (null if none).';
grant execute on function public.ops_metrics(timestamptz) to service_role;

create function sla.purge_cron_history(p_now timestamptz default now()) returns bigint
language sql security definer set search_path = '' as $$
  with gone as (delete from cron.job_run_details d where d.end_time < p_now - interval '7 days' returning 1)
  select count(*) from gone
$$;
comment on function sla.purge_cron_history(timestamptz) is
  'Deletes pg_cron run history older than 7 days (run by sla.daily_purge). Returns how many runs went.';
grant execute on function sla.purge_cron_history(timestamptz) to service_role;
