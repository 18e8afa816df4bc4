-- =====================================================================================================
-- Indexes for what is read on every Prometheus scrape (public.relay_metrics, public.ops_metrics) and on
-- every dashboard load (public.sla_report*, public.sla_metrics), so their cost follows the period or the
-- day asked for, not the years of history the tables hold. Each names the query that needs it; the rest
-- of those queries already had theirs (requests_received, requests_one_open_per_chat, outbox_due,
-- telegram_updates_received).
-- =====================================================================================================

-- relay_metrics: messages labelled in the last 24 hours and how many by the fallback rule.
create index messages_labelled_in on public.messages (created_at, label_source)
  where direction = 'in' and label_source is not null;

-- sla_metrics: warnings and breaches raised today; breach alerts still open.
create index alerts_kind_created on public.alerts (kind, created_at);
create index alerts_open on public.alerts (kind) where status = 'open';

-- sla_report_by_day: answers and breaches that happened in the period (not only of requests received in
-- it), read from the index alone like requests_received (chat_id is what row level security checks).
create index requests_answered on public.requests (answered_at) include (chat_id, status, breached, response_working_seconds)
  where answered_at is not null;
create index requests_breached on public.requests (breach_at) include (chat_id) where breached;

-- ops_metrics: updates the webhook left in processing.
create index telegram_updates_processing on public.telegram_updates (received_at) where status = 'processing';

-- relay_metrics: webhook updates per type (sla.webhook_update_totals), read from the index alone.
create index telegram_updates_type on public.telegram_updates (update_type);

-- The reports read the last weeks of requests from their indexes alone (requests_received carries the
-- counted columns), which needs the visibility map of those recent pages to be current: vacuum after 1 %
-- of the table changed instead of the default 20 %, which on a large firm would be weeks of requests.
alter table public.requests set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
