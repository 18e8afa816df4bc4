-- =====================================================================================================
-- Telegram updates: one row per update the webhook accepted, keyed by Telegram's update_id.
-- Claiming the row (insert … on conflict do nothing) is how the webhook makes a redelivered update —
-- Telegram retries, or several deliveries of the same update racing each other — have exactly one
-- effect. The rows double as the webhook's metrics (buhbot_webhook_updates_total{type}) and as a record
-- of updates that failed, with the reason.
-- =====================================================================================================

create table public.telegram_updates (
  update_id bigint primary key check (update_id >= 0),
  update_type text not null check (update_type ~ '^[a-z_]{1,40}$'),
  -- The Telegram chat the update came from, for metrics and debugging; not a reference: private chats
  -- and unregistered groups have no row in chats, and dedup must never depend on one.
  chat_id bigint,
  received_at timestamptz not null default now(),
  status text not null default 'processing' check (status in ('processing', 'done', 'failed')),
  error text check (length(error) <= 2000),
  finished_at timestamptz
);
comment on table public.telegram_updates is
  'Every Telegram update the webhook accepted (dedup by update_id, metrics by update_type, failures with their error).';
comment on column public.telegram_updates.status is
  'processing while the webhook handles it; done; failed (error says why — an invalid update or a handler error).';
create index telegram_updates_received on public.telegram_updates (received_at);
create index telegram_updates_failed on public.telegram_updates (received_at) where status = 'failed';

alter table public.telegram_updates enable row level security;
create policy telegram_updates_select on public.telegram_updates for select to authenticated
  using ((select authz.is_manager()));
revoke insert, update, delete, truncate on public.telegram_updates from authenticated;

create function public.claim_update(
  p_update_id bigint,
  p_update_type text,
  p_chat_id bigint default null,
  p_status text default 'processing',
  p_error text default null,
  p_now timestamptz default now()
) returns boolean
language sql security definer set search_path = '' as $$
  with claimed as (
    insert into public.telegram_updates (update_id, update_type, chat_id, received_at, status, error, finished_at)
    values (p_update_id, p_update_type, p_chat_id, p_now, p_status, left(p_error, 2000),
            case when p_status <> 'processing' then p_now end)
    on conflict (update_id) do nothing
    returning 1
  )
  select exists (select from claimed)
$$;
comment on function public.claim_update(bigint, text, bigint, text, text, timestamptz) is
  'Claims an update id for processing: true for the first delivery, false for any redelivery (a concurrent one waits for the first to commit, then gets false). An invalid update is claimed directly as failed with its reason.';

create function public.finish_update(
  p_update_id bigint,
  p_status text,
  p_error text default null,
  p_now timestamptz default now()
) returns void
language sql security definer set search_path = '' as $$
  update public.telegram_updates
     set status = p_status, error = left(p_error, 2000), finished_at = p_now
   where update_id = p_update_id
     and (status = 'processing' or (status = 'done' and p_status = 'failed'))
$$;
comment on function public.finish_update(bigint, text, text, timestamptz) is
  'Marks a claimed update done or failed (with the error); a done update may still turn failed (its replies failed after it was stored); a failed one stays failed.';

grant execute on function public.claim_update(bigint, text, bigint, text, text, timestamptz),
  public.finish_update(bigint, text, text, timestamptz) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Retention: updates are kept for 7 days: dedup needs about one (Telegram stops redelivering after 24 h),
-- a week leaves room to investigate failures. The per-type counts the metrics report
-- (buhbot_webhook_updates_total{type}) must not drop when rows go, so the purge first adds what it
-- deletes to public.telegram_update_totals; sla.webhook_update_totals() = purged + still stored — a
-- scrape reads a week of rows, not the whole history. sla.daily_purge runs the purge.
-- ---------------------------------------------------------------------------------------------------

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
  'Deletes telegram_updates older than p_keep (sla.daily_purge), adding them to telegram_update_totals; returns how many.';

create function sla.webhook_update_totals() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_object_agg(k.update_type, k.n), '{}'::jsonb)
    from (select u.update_type, sum(u.n)::bigint as n
            from (select t.update_type, count(*) as n from public.telegram_updates t group by t.update_type
                  union all
                  select tot.update_type, tot.purged from public.telegram_update_totals tot) u
           group by u.update_type) k
$$;
comment on function sla.webhook_update_totals() is
  'Webhook updates per type since the start, never decreasing: purged + stored (buhbot_webhook_updates_total{type}).';

grant execute on function sla.purge_telegram_updates(timestamptz, interval) to service_role;
grant execute on function sla.webhook_update_totals() to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Polling mode (TELEGRAM_UPDATES=polling, vds/relay/polling.ts): where a bridge without a public HTTPS
-- endpoint resumes getUpdates. The offset is stored only after the webhook accepted the update, so a
-- bridge killed at any point asks again from an update that may already be done — claim_update makes
-- that second delivery a no-op — and never from one past an update that was not. One row per bot (the
-- token's numeric id): a different bot starts from Telegram's own queue. Never moves back.
-- ---------------------------------------------------------------------------------------------------

create table public.telegram_polling (
  bot_id bigint primary key check (bot_id > 0),
  next_offset bigint not null check (next_offset >= 0),
  updated_at timestamptz not null default now()
);
comment on table public.telegram_polling is
  'Polling bridge state per bot: the getUpdates offset to resume from (every update below it reached the webhook).';

alter table public.telegram_polling enable row level security;  -- no policies: the service role only
revoke all on public.telegram_polling from anon, authenticated;

create function public.polling_offset(p_bot_id bigint) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce((select p.next_offset from public.telegram_polling p where p.bot_id = p_bot_id), 0)
$$;
comment on function public.polling_offset(bigint) is
  'The getUpdates offset a polling bridge resumes from (0 = whatever Telegram still holds).';

create function public.polling_advance(p_bot_id bigint, p_next_offset bigint) returns bigint
language sql security definer set search_path = '' as $$
  insert into public.telegram_polling as p (bot_id, next_offset) values (p_bot_id, p_next_offset)
  on conflict (bot_id) do update
    set next_offset = greatest(p.next_offset, excluded.next_offset), updated_at = now()
  returning next_offset
$$;
comment on function public.polling_advance(bigint, bigint) is
  'Records that every update below p_next_offset reached the webhook; an older offset (a late retry) is ignored.';

grant execute on function public.polling_offset(bigint), public.polling_advance(bigint, bigint) to service_role;
