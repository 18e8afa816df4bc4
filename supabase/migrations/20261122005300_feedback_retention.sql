-- =====================================================================================================
-- Feedback retention: votes carry the client's name and comment, so they follow the same rule as the
-- message log (settings.retention_years). A survey that closed before the cutoff is deleted with its
-- deliveries, votes and vote history (all ON DELETE CASCADE); pg_cron runs it daily beside sla.purge.
-- =====================================================================================================

create function feedback.purge(p_now timestamptz default now()) returns bigint
language sql security definer set search_path = '' as $$
  with gone as (
    delete from public.surveys s
     where s.expires_at < p_now - make_interval(years => (select st.retention_years from public.settings st))
    returning 1)
  select count(*) from gone
$$;
comment on function feedback.purge(timestamptz) is
  'Deletes surveys (with deliveries, votes and vote history) that closed more than settings.retention_years ago. Returns how many surveys went.';
grant execute on function feedback.purge(timestamptz) to service_role;

select cron.unschedule(j.jobid) from cron.job j where j.jobname = 'feedback-purge';
select cron.schedule('feedback-purge', '23 3 * * *', $$select feedback.purge()$$);
