-- =====================================================================================================
-- Retention: personal data is kept settings.retention_years and no longer, and working data no longer
-- than it is useful. One pg_cron job, sla.daily_purge, runs every purge once a day:
--   * sla.purge — messages sent and SLA events that happened before the cutoff, closed requests (with
--     their alerts) closed before it, and finished outbox rows (sent, failed, cancelled) created before
--     it, since their texts quote clients. Open requests are never deleted, however old. It deletes in
--     slices of 5,000 ids (20261205010100_retention_slices.sql) so a month of a large firm never holds
--     the webhook up;
--   * feedback.purge — surveys that closed before the cutoff, with their deliveries, votes (the client's
--     name and comment) and vote history (all ON DELETE CASCADE);
--   * sla.purge_telegram_updates — webhook updates older than 7 days (their counts are kept);
--   * sla.purge_classifier_cache — classifier cache rows past their validity;
--   * sla.purge_cron_history — pg_cron's run history older than 7 days (20261122004100_ops_health.sql).
-- =====================================================================================================

create function sla.purge(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_cutoff timestamptz := p_now - make_interval(years => (select s.retention_years from public.settings s));
  v_requests bigint;
  v_messages bigint;
  v_events bigint;
  v_outbox bigint;
begin
  -- In slices (sla.delete_in_slices), messages before their requests: a request then loses one reference
  -- (first_message_row_id) instead of each of its messages losing its request_id.
  v_messages := sla.delete_in_slices('public.messages', 't.sent_at < $1', 't.sent_at < $1', v_cutoff);
  -- A request closed before the cutoff was received before it (requests_received finds the range).
  v_requests := sla.delete_in_slices('public.requests', 't.received_at < $1',
    't.status <> ''open'' and coalesce(t.answered_at, t.resolved_at) < $1', v_cutoff);
  v_events := sla.delete_in_slices('public.sla_events', 't.at < $1', 't.at < $1', v_cutoff);
  -- An edit is deleted together with its original or kept with it, never left pointing at nothing.
  v_outbox := sla.delete_in_slices('public.outbox', 't.created_at < $1',
    't.created_at < $1 and t.status in (''sent'', ''failed'', ''cancelled'')
     and not exists (select 1 from public.outbox e where e.edit_of = t.id
                     and (e.created_at >= $1 or e.status not in (''sent'', ''failed'', ''cancelled'')))', v_cutoff);
  return jsonb_build_object('cutoff', v_cutoff, 'requests', v_requests, 'messages', v_messages,
                            'events', v_events, 'outbox', v_outbox);
end $$;
comment on function sla.purge(timestamptz) is
  'Deletes messages, SLA events, closed requests and finished outbox rows older than settings.retention_years (sla.daily_purge). Returns counts.';
grant execute on function sla.purge(timestamptz) to service_role;

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

create function sla.daily_purge(p_now timestamptz default now()) returns jsonb
language sql security definer set search_path = '' as $$
  select jsonb_build_object('sla', sla.purge(p_now), 'surveys', feedback.purge(p_now),
                            'telegram_updates', sla.purge_telegram_updates(p_now),
                            'classifier_cache', sla.purge_classifier_cache(p_now),
                            'cron_history', sla.purge_cron_history(p_now))
$$;
comment on function sla.daily_purge(timestamptz) is
  'The one retention job (pg_cron daily): runs every purge and returns what each deleted.';
grant execute on function sla.daily_purge(timestamptz) to service_role;

create extension if not exists pg_cron with schema pg_catalog;
select cron.unschedule(j.jobid) from cron.job j where j.jobname = 'daily-purge';
select cron.schedule('daily-purge', '17 3 * * *', $$select sla.daily_purge()$$);
