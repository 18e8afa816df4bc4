-- =====================================================================================================
-- Outbox relay: how the one sender (vds/relay) claims, sends and settles outbox rows.
--
-- Life of a row:  pending ──claim (lease)──▶ pending+claimed ──begin──▶ sending ──▶ sent | failed
--                                     │                                   └─ retry ──▶ pending (not_before)
--                                     └─ lease lapses / release ──▶ pending (claimable again)
-- * relay_claim takes due rows FOR UPDATE SKIP LOCKED and puts a lease on them. Only the oldest due (or
--   sending, or retried) row of each recipient is claimable, so messages to one chat go out in order; an
--   edit waits until its original is sent.
-- * relay_begin is the fence before the Bot API call: it flips pending → sending only for the worker that
--   holds the claim. A claim whose lease lapsed and was taken by another worker can never be sent twice.
-- * Telegram has no idempotency key. A row whose lease lapses while 'sending' (relay killed between the
--   API call and relay_sent) is IN DOUBT: maybe delivered, maybe not. Staff messages are resent (a
--   duplicate alert is better than a missing one); rows for a client group (to_client_group) are never
--   resent: they fail with reason 'in doubt', and admins are told like for any failure.
-- * A final failure never goes unnoticed: the reason stays on the row, a DM the accountant cannot receive
--   (blocked / never started the bot) is re-addressed to the chat's managers, anything else produces an
--   admin_notice row to every admin with a Telegram id (failed admin notices produce nothing more).
-- Callers: the relay, as service_role through PostgREST. Internals live in schema relay (not exposed).
-- =====================================================================================================

create schema if not exists relay;
comment on schema relay is 'Outbox relay internals (in-doubt sweep, consequences of failures); not exposed through PostgREST.';

-- The head-of-line test of relay_claim: "is there an older open row for this recipient?"
create index outbox_open_by_chat on public.outbox (chat_id, id) where status in ('pending', 'sending');
-- Edits waiting to be sent, checked on every claim for an original that will never be sent.
create index outbox_pending_edits on public.outbox (edit_of) where status = 'pending' and edit_of is not null;

-- Kinds whose DM, when undeliverable, goes to the chat's managers instead: an alert must reach somebody.
create function relay.falls_back(p_row public.outbox) returns boolean
language sql immutable set search_path = '' as $$
  select p_row.chat_id > 0 and p_row.method = 'sendMessage'
    and p_row.kind in ('warning', 'breach', 'escalation', 'notify_accountant')
    and (p_row.last_error like '403 %' or p_row.last_error like '400 Bad Request: chat not found%')
$$;
comment on function relay.falls_back(public.outbox) is
  'True for a failed DM to staff that Telegram refused because the person blocked the bot or never started it.';

create function relay.fallback_to_managers(p_row public.outbox, p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  -- The chat the DM is about: given by the writer, or known from the alert the message carries.
  v_chat bigint := coalesce(p_row.about_chat_id, (select d.chat_id from public.alert_deliveries d where d.outbox_id = p_row.id));
  v_name text := authz.person_name(p_row.chat_id, v_chat);
  v_prefix text := format(E'⚠️ Не удалось доставить сообщение сотруднику <b>%s</b>: бот заблокирован или диалог с ботом не начат. Пересылаю вам.\n\n',
                          sla.html_escape(v_name));
  v_count integer;
begin
  insert into public.outbox (kind, chat_id, payload, dedup_key, about_chat_id, not_before)
  select 'dm_fallback', m.id,
         p_row.payload || sla.html_message(v_prefix || coalesce(p_row.payload ->> 'text', '')),
         'fallback:' || p_row.id || ':' || m.id, v_chat, p_now
  from (select distinct cm.telegram_user_id as id from authz.chat_managers(v_chat) cm) m
  where m.id <> p_row.chat_id
  on conflict (dedup_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function relay.fallback_to_managers(public.outbox, timestamptz) is
  'Re-addresses an undeliverable staff DM to the managers of its chat (else the global managers) as dm_fallback rows; returns how many.';

create function relay.notify_admins(p_row public.outbox, p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  insert into public.outbox (kind, chat_id, payload, dedup_key, not_before)
  select 'admin_notice', s.telegram_user_id,
         sla.html_message(format(
           E'⚠️ <b>BuhBot не смог доставить сообщение</b>\nТип: <code>%s</code>\nПолучатель: <code>%s</code>\nПричина: %s\nПопыток: %s\nЗапись outbox №%s',
           p_row.kind, p_row.chat_id, sla.html_escape(p_row.last_error), p_row.attempts, p_row.id)),
         'admin_notice:' || p_row.id || ':' || s.telegram_user_id, p_now
  from public.staff s
  where s.role = 'admin' and s.is_active and s.telegram_user_id is not null
  on conflict (dedup_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function relay.notify_admins(public.outbox, timestamptz) is
  'Queues an admin_notice DM about a failed row to every active admin with a Telegram id; returns how many.';

create function relay.on_failed(p_row public.outbox, p_now timestamptz) returns void
language plpgsql set search_path = '' as $$
begin
  if p_row.kind = 'admin_notice' then
    return; -- never recursive: the failed notice itself is the record
  end if;
  if relay.falls_back(p_row) and relay.fallback_to_managers(p_row, p_now) > 0 then
    return;
  end if;
  perform relay.notify_admins(p_row, p_now);
end $$;
comment on function relay.on_failed(public.outbox, timestamptz) is
  'Consequences of a final failure: DM fallback to managers where it applies, otherwise admin notices.';

create function relay.settle_in_doubt(p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_row public.outbox;
  v_count integer := 0;
begin
  for v_row in
    update public.outbox o
       set status = case when o.to_client_group then 'failed' else 'pending' end,
           last_error = case when o.to_client_group
             then 'in doubt: the relay stopped during the send; a client group message is never resent'
             else 'in doubt: the relay stopped during the send; resent (a duplicate is possible)' end,
           claimed_by = null, lease_until = null, not_before = p_now
     where o.status = 'sending' and o.lease_until < p_now
    returning o.*
  loop
    v_count := v_count + 1;
    if v_row.status = 'failed' then
      perform relay.on_failed(v_row, p_now);
    end if;
  end loop;
  return v_count;
end $$;
comment on function relay.settle_in_doubt(timestamptz) is
  'Rows whose lease lapsed while sending: staff messages go back to pending (resent), client-group messages fail as in doubt.';

create function relay.cancel_orphan_edits(p_now timestamptz) returns integer
language sql set search_path = '' as $$
  with cancelled as (
    update public.outbox e
       set status = 'cancelled', lease_until = null,
           last_error = format('original message #%s was not sent (%s): nothing to edit', x.id, x.status)
      from public.outbox x
     where e.status = 'pending' and e.edit_of is not null and x.id = e.edit_of and x.status in ('failed', 'cancelled')
    returning e.id)
  select count(*)::integer from cancelled
$$;
comment on function relay.cancel_orphan_edits(timestamptz) is
  'An edit or delete of a message that was never delivered is cancelled with the reason: its recipient never saw the original.';

-- Group messages join the chat's message log (direction 'out'), so a chat's history shows what the bot
-- said there. DMs to staff are not chat history; their record is the outbox row itself.
create function relay.log_outgoing(p_row public.outbox, p_result jsonb, p_now timestamptz) returns void
language plpgsql set search_path = '' as $$
begin
  if p_row.chat_id >= 0 or p_row.method not in ('sendMessage', 'editMessageText')
     or jsonb_typeof(p_result) <> 'object' or p_result ->> 'message_id' is null then
    return;
  end if;
  perform public.record_message(jsonb_build_object(
    'chat_id', p_row.chat_id, 'chat_title', p_result -> 'chat' ->> 'title', 'chat_type', p_result -> 'chat' ->> 'type',
    'message_id', p_result -> 'message_id', 'direction', 'out', 'kind', 'text', 'text', p_result ->> 'text',
    'version', case when p_row.method = 'sendMessage' then 1
                    else 1 + (select count(*) from public.outbox e where e.edit_of = p_row.edit_of and e.status = 'sent'
                                and e.method = 'editMessageText' and e.id <= p_row.id) end,
    'sender_telegram_id', p_result -> 'from' -> 'id', 'sender_is_bot', true,
    'sender_name', p_result -> 'from' ->> 'first_name', 'sender_username', p_result -> 'from' ->> 'username',
    'reply_to_message_id', coalesce(p_row.payload -> 'reply_parameters' -> 'message_id', p_row.payload -> 'reply_to_message_id'),
    'sent_at', to_timestamp(coalesce((p_result ->> 'edit_date')::bigint, (p_result ->> 'date')::bigint,
                                     extract(epoch from p_now)::bigint))), p_now);
end $$;
comment on function relay.log_outgoing(public.outbox, jsonb, timestamptz) is
  'Adds a delivered group message (or a new version of an edited one) to public.messages through public.record_message.';

create function public.relay_claim(p_worker text, p_limit integer, p_lease_seconds integer,
                                   p_now timestamptz default now())
returns table (id bigint, kind text, chat_id bigint, method text, payload jsonb, to_client_group boolean,
               attempts integer, edit_message_id bigint)
language plpgsql security definer set search_path = '' as $$
begin
  perform relay.settle_in_doubt(p_now);
  perform relay.cancel_orphan_edits(p_now);
  return query
  with picked as (
    select o.id from public.outbox o
     where o.status = 'pending' and o.not_before <= p_now
       and (o.lease_until is null or o.lease_until < p_now)
       -- An older row of the same recipient goes first if it is due, being sent or being retried; one
       -- scheduled for later (not tried yet) does not hold back what is due now.
       and not exists (select 1 from public.outbox e
                        where e.chat_id = o.chat_id and e.id < o.id and e.status in ('pending', 'sending')
                          and (e.status = 'sending' or e.not_before <= p_now or e.attempts > 0))
       and (o.edit_of is null or exists (select 1 from public.outbox x where x.id = o.edit_of and x.status = 'sent'))
     order by o.not_before, o.id
     limit p_limit
       for update of o skip locked),
  claimed as (
    update public.outbox o set claimed_by = p_worker, lease_until = p_now + make_interval(secs => p_lease_seconds)
      from picked where o.id = picked.id
    returning o.*)
  select c.id, c.kind, c.chat_id, c.method, c.payload, c.to_client_group, c.attempts, x.telegram_message_id
    from claimed c left join public.outbox x on x.id = c.edit_of
   order by c.id;
end $$;
comment on function public.relay_claim(text, integer, integer, timestamptz) is
  'Relay: settles in-doubt rows, then leases up to p_limit due rows (only the oldest due, sending or retried row per recipient; edits only once their original is sent). edit_message_id is the Telegram message an edit applies to.';

create function public.relay_begin(p_id bigint, p_worker text, p_attempt integer, p_lease_seconds integer,
                                   p_now timestamptz default now())
returns boolean
language sql security definer set search_path = '' as $$
  -- Repeating the call for the same attempt answers true again, so a relay that lost the answer to its
  -- first call (network) can ask again instead of leaving a never-sent row to look "in doubt".
  with begun as (
    update public.outbox o set status = 'sending', attempts = p_attempt,
           lease_until = p_now + make_interval(secs => p_lease_seconds)
     where o.id = p_id and o.claimed_by = p_worker
       and ((o.status = 'pending' and o.attempts = p_attempt - 1) or (o.status = 'sending' and o.attempts = p_attempt))
    returning 1)
  select exists (select 1 from begun)
$$;
comment on function public.relay_begin(bigint, text, integer, integer, timestamptz) is
  'Relay: the fence right before the Bot API call (p_attempt = attempts + 1). True only for the worker holding the claim; false means "do not send".';

create function public.relay_sent(p_id bigint, p_worker text, p_result jsonb, p_now timestamptz default now())
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.outbox;
begin
  -- Normally the worker that began the send records it. A late answer for a row already settled as in
  -- doubt is still the truth: it is recorded, and the now pointless admin notice is withdrawn.
  update public.outbox o
     set status = 'sent', sent_at = p_now, lease_until = null,
         telegram_message_id = coalesce((p_result ->> 'message_id')::bigint,
                                        (select x.telegram_message_id from public.outbox x where x.id = o.edit_of))
   where o.id = p_id and o.status <> 'sent'
     and ((o.status = 'sending' and o.claimed_by = p_worker)
          or (o.status in ('pending', 'failed') and o.last_error like 'in doubt:%'))
  returning o.* into v_row;
  if not found then
    return false;
  end if;
  update public.outbox n set status = 'cancelled', last_error = 'the message was delivered after all'
   where n.dedup_key like 'admin\_notice:' || p_id || ':%' and n.status = 'pending';
  perform relay.log_outgoing(v_row, p_result, p_now);
  return true;
end $$;
comment on function public.relay_sent(bigint, text, jsonb, timestamptz) is
  'Relay: records a delivered row with Telegram''s message id (p_result = the Bot API result) and adds it to the message log.';

create function public.relay_failed(p_id bigint, p_worker text, p_error text, p_retry_at timestamptz default null,
                                    p_now timestamptz default now())
returns text
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.outbox;
begin
  update public.outbox o
     set status = case when p_retry_at is null then 'failed' else 'pending' end,
         not_before = coalesce(p_retry_at, o.not_before), last_error = left(p_error, 1000),
         lease_until = null, claimed_by = null
   where o.id = p_id and o.status = 'sending' and o.claimed_by = p_worker
  returning o.* into v_row;
  if not found then
    return null;
  end if;
  if v_row.status = 'failed' then
    perform relay.on_failed(v_row, p_now);
  end if;
  return v_row.status;
end $$;
comment on function public.relay_failed(bigint, text, text, timestamptz, timestamptz) is
  'Relay: an attempt failed with p_error ("<code> <description>"). With p_retry_at the row waits until then (5xx, timeout, 429); without it the row fails for good and its consequences run (DM fallback or admin notice). Returns the new status, null if the worker no longer held the row.';

-- Released rows stay due, so they keep their place in their recipient's order (see relay_claim).
create function public.relay_release(p_worker text, p_ids bigint[])
returns integer
language sql security definer set search_path = '' as $$
  with released as (
    update public.outbox o set claimed_by = null, lease_until = null
     where o.id = any (p_ids) and o.claimed_by = p_worker and o.status = 'pending'
    returning 1)
  select count(*)::integer from released
$$;
comment on function public.relay_release(text, bigint[]) is
  'Relay: gives claimed but not yet begun rows back (shutdown, or a rate limit that holds them longer than half a lease).';

create function public.relay_ping() returns timestamptz
language sql stable security definer set search_path = '' as $$ select now() $$;
comment on function public.relay_ping() is 'Relay health check: the database answers.';

grant execute on function public.relay_claim(text, integer, integer, timestamptz), public.relay_begin(bigint, text, integer, integer, timestamptz),
  public.relay_sent(bigint, text, jsonb, timestamptz), public.relay_failed(bigint, text, text, timestamptz, timestamptz),
  public.relay_release(text, bigint[]), public.relay_ping() to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Relay metrics: the gauges /metrics exports that only the database knows (outbox backlog, SLA state,
-- classifier fallback rate, webhook updates), computed in one call per Prometheus scrape.
-- Reads what the SLA engine (public.sla_metrics, messages) and the webhook (webhook_update_totals(): stored + purged updates) own.
-- ---------------------------------------------------------------------------------------------------

-- A scrape never runs long: PostgREST applies a function's own settings to the call's transaction, so
-- past the statement timeout (below the relay's 5 s) the database stops the work itself instead of
-- leaving it running after the relay gave up. The outbox backlog is counted first: when the rest is
-- cut short it is still exported (the rest as NaN), so backlog alerts keep firing while the database
-- is slow.
create function public.relay_metrics(p_now timestamptz default now()) returns jsonb
language plpgsql stable security definer set search_path = '' set statement_timeout = '3s' as $$
declare
  v_backlog jsonb := jsonb_build_object(
    'outbox_pending', (select count(*) from public.outbox o where o.status = 'pending'),
    'outbox_sending', (select count(*) from public.outbox o where o.status = 'sending'),
    -- How long the most overdue row has been due: grows steadily while nothing is being sent.
    'outbox_oldest_age_seconds', coalesce((select extract(epoch from p_now - min(o.not_before))::numeric(12, 3)
                                             from public.outbox o
                                            where o.status in ('pending', 'sending') and o.not_before <= p_now), 0));
begin
  return v_backlog || (
    -- Materialized: inlined, the call would run again for each gauge read from it.
    with sla as materialized (
      select public.sla_metrics(p_now) as m  -- the SLA engine's own definitions (20261122002500_reports.sql)
    ), labelled as (
      select count(*) as total, count(*) filter (where m.label_source = 'fallback') as fallback
        from public.messages m
       where m.created_at >= p_now - interval '24 hours' and m.direction = 'in' and m.label_source is not null
    )
    select jsonb_build_object(
      'sla_open_requests', sla.m -> 'open_requests',
      'sla_warnings_today', sla.m -> 'warnings_today',
      'sla_breaches_today', sla.m -> 'breaches_today',
      'sla_compliance_ratio', sla.m -> 'compliance_ratio',
      'sla_open_alerts', sla.m -> 'open_alerts',
      'classifier_fallback_ratio', case when l.total = 0 then 0 else round(l.fallback::numeric / l.total, 4) end,
      'classifier_fallbacks', l.fallback,
      'webhook_updates', sla.webhook_update_totals(),
      'calendar_covered_until_timestamp_seconds', sla.calendar_coverage(p_now) -> 'covered_until_epoch')
    from sla, labelled l);
exception when query_canceled then
  return v_backlog || jsonb_build_object(
    'sla_open_requests', null, 'sla_warnings_today', null, 'sla_breaches_today', null, 'sla_compliance_ratio', null,
    'sla_open_alerts', null, 'classifier_fallback_ratio', null, 'classifier_fallbacks', null,
    'webhook_updates', '{}'::jsonb, 'calendar_covered_until_timestamp_seconds', null);
end $$;
comment on function public.relay_metrics(timestamptz) is
  'Relay /metrics in one call: outbox depth and overdue age, the SLA gauges of public.sla_metrics (compliance null when nothing was decided), 24 h classifier fallback ratio (0 when nothing was labelled) and count, webhook updates by type, the instant the global production calendar runs out (sla.calendar_coverage). Past its 3 s statement timeout only the outbox gauges are given (the others null, webhook_updates empty).';
grant execute on function public.relay_metrics(timestamptz) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- A message to a group that Telegram has upgraded to a supergroup fails with 400 "group chat was upgraded
-- to a supergroup chat" and parameters.migrate_to_chat_id. The relay then moves the chat (as the webhook
-- does when it sees migrate_to_chat_id first) and re-addresses every open outbox row of the old id, this
-- one included, so the message goes to the new id at once instead of failing.
-- ---------------------------------------------------------------------------------------------------

create function public.relay_migrated(p_id bigint, p_worker text, p_new_chat_id bigint, p_now timestamptz default now())
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_old bigint;
  v_moved integer;
begin
  select o.chat_id into v_old from public.outbox o
   where o.id = p_id and o.status = 'sending' and o.claimed_by = p_worker for update;
  if not found or v_old = p_new_chat_id then
    return null;
  end if;
  perform sla.migrate_chat(v_old, p_new_chat_id, p_now);
  update public.settings s set internal_team_chat_id = p_new_chat_id where s.internal_team_chat_id = v_old;
  update public.outbox o
     set status = 'pending', lease_until = null, claimed_by = null, not_before = p_now,
         last_error = format('group %s was upgraded to supergroup %s', v_old, p_new_chat_id)
   where o.id = p_id;
  update public.outbox o set chat_id = p_new_chat_id where o.chat_id = v_old and o.status in ('pending', 'sending');
  get diagnostics v_moved = row_count;
  return v_moved;
end $$;
comment on function public.relay_migrated(bigint, text, bigint, timestamptz) is
  'Relay: the row''s group became supergroup p_new_chat_id. Moves the chat (sla.migrate_chat), the team chat setting and every open row of the old id to the new one; the row is due again at once. Returns how many rows were re-addressed, null if the worker no longer held the row.';
grant execute on function public.relay_migrated(bigint, text, bigint, timestamptz) to service_role;
