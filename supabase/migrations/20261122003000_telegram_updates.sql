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
