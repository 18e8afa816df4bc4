-- =====================================================================================================
-- Telegram updates are kept for 7 days: dedup needs about one (Telegram stops redelivering after 24 h),
-- a week leaves room to investigate failures. The per-type counts the metrics report
-- (buhbot_webhook_updates_total{type}) must not drop when rows go, so the daily purge first adds what it
-- deletes to public.telegram_update_totals; public.webhook_update_totals() = purged + still stored —
-- a scrape reads a week of rows, not the whole history.
-- =====================================================================================================

create table public.telegram_update_totals (
  update_type text primary key check (update_type ~ '^[a-z_]{1,40}$'),
  purged bigint not null default 0 check (purged >= 0)
);
comment on table public.telegram_update_totals is
  'Updates per type already purged from telegram_updates, so that webhook_update_totals() keeps counting up.';

alter table public.telegram_update_totals enable row level security;
create policy telegram_update_totals_select on public.telegram_update_totals for select to authenticated
  using ((select authz.is_manager()));
revoke insert, update, delete, truncate on public.telegram_update_totals from authenticated;

create function sla.purge_telegram_updates(p_now timestamptz default now(), p_keep interval default interval '7 days')
returns bigint
language sql security definer set search_path = '' as $$
  with gone as (
    delete from public.telegram_updates t where t.received_at < p_now - p_keep returning t.update_type
  ), counted as (
    insert into public.telegram_update_totals as tot (update_type, purged)
    select g.update_type, count(*) from gone g group by g.update_type
    on conflict (update_type) do update set purged = tot.purged + excluded.purged
  )
  select count(*) from gone  -- the insert above runs whether or not it is read
$$;
comment on function sla.purge_telegram_updates(timestamptz, interval) is
  'Deletes telegram_updates older than p_keep (pg_cron daily), adding them to telegram_update_totals; returns how many.';

create function public.webhook_update_totals() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_object_agg(k.update_type, k.n), '{}'::jsonb)
    from (select u.update_type, sum(u.n)::bigint as n
            from (select t.update_type, count(*) as n from public.telegram_updates t group by t.update_type
                  union all
                  select tot.update_type, tot.purged from public.telegram_update_totals tot) u
           group by u.update_type) k
$$;
comment on function public.webhook_update_totals() is
  'Webhook updates per type since the start, never decreasing: purged + stored (buhbot_webhook_updates_total{type}).';

grant execute on function sla.purge_telegram_updates(timestamptz, interval) to service_role;
grant execute on function public.webhook_update_totals() to service_role;

create extension if not exists pg_cron with schema pg_catalog;
select cron.unschedule(j.jobid) from cron.job j where j.jobname = 'telegram-updates-purge';
select cron.schedule('telegram-updates-purge', '41 3 * * *', $$select sla.purge_telegram_updates()$$);
