-- =====================================================================================================
-- Relay metrics: the gauges /metrics exports that only the database knows (outbox backlog, SLA state,
-- classifier fallback rate, webhook updates), computed in one call per Prometheus scrape.
-- Reads what the SLA engine (public.sla_metrics, messages) and the webhook (webhook_update_totals(): stored + purged updates) own.
-- =====================================================================================================

create function public.relay_metrics(p_now timestamptz default now()) returns jsonb
language sql stable security definer set search_path = '' as $$
  with sla as (
    select public.sla_metrics(p_now) as m  -- the SLA engine's own definitions (20261122002500_reports.sql)
  ), labelled as (
    select count(*) as total, count(*) filter (where m.label_source = 'fallback') as fallback
      from public.messages m
     where m.created_at >= p_now - interval '24 hours' and m.direction = 'in' and m.label_source is not null
  )
  select jsonb_build_object(
    'outbox_pending', (select count(*) from public.outbox o where o.status = 'pending'),
    'outbox_sending', (select count(*) from public.outbox o where o.status = 'sending'),
    -- How long the most overdue row has been due: grows steadily while nothing is being sent.
    'outbox_oldest_age_seconds', coalesce((select extract(epoch from p_now - min(o.not_before))::numeric(12, 3)
                                             from public.outbox o
                                            where o.status in ('pending', 'sending') and o.not_before <= p_now), 0),
    'sla_open_requests', sla.m -> 'open_requests',
    'sla_warnings_today', sla.m -> 'warnings_today',
    'sla_breaches_today', sla.m -> 'breaches_today',
    'sla_compliance_ratio', sla.m -> 'compliance_ratio',
    'sla_open_alerts', sla.m -> 'open_alerts',
    'classifier_fallback_ratio', (select case when l.total = 0 then 0 else round(l.fallback::numeric / l.total, 4) end from labelled l),
    'webhook_updates', public.webhook_update_totals())
  from sla
$$;
comment on function public.relay_metrics(timestamptz) is
  'Relay /metrics in one call: outbox depth and overdue age, the SLA gauges of public.sla_metrics (compliance null when nothing was decided), 24 h classifier fallback ratio (0 when nothing was labelled), webhook updates by type.';
grant execute on function public.relay_metrics(timestamptz) to service_role;
