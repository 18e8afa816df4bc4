-- =====================================================================================================
-- Webhook hot path in exactly one round trip: a group message's update is recorded as done by the same
-- transaction that stores and labels the message (public.ingest_message), instead of a second call
-- after the features ran. Whatever the features do afterwards (a FAQ reply, a receipt, a late LLM label)
-- can still fail; then the webhook marks the update failed — finish_update now allows done → failed.
-- Measured: at 200 updates/s this halves the webhook's PostgREST calls (tests/bench/webhook.mjs).
-- =====================================================================================================

create or replace function public.finish_update(
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

create or replace function public.ingest_message(
  p_update_id bigint,
  p_update_type text,
  p_message jsonb,
  p_label text default null,
  p_label_source text default null,
  p_migrate_from bigint default null,
  p_migrate_to bigint default null,
  p_now timestamptz default now()
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_source_chat bigint := (p_message ->> 'chat_id')::bigint;
  v_stored jsonb;
  v_labelled jsonb;
  v_label_source text := p_label_source;
  v_schedule jsonb;
begin
  if not public.claim_update(p_update_id, p_update_type, v_source_chat, 'done', null, p_now) then
    return jsonb_build_object('claimed', false);
  end if;
  -- Migration first: the supergroup's first service message must not register it as a second chat.
  if p_migrate_from is not null and p_migrate_to is not null then
    perform public.migrate_chat(p_migrate_from, p_migrate_to, p_now);
  end if;
  v_stored := public.record_message(p_message, p_now);
  if p_label is not null and v_stored ->> 'sender_kind' = 'client' then
    -- The FAQ answers only in connected chats; elsewhere the rules' label stands as such.
    if v_label_source = 'faq' and not (v_stored ->> 'sla_enabled')::boolean then
      v_label_source := 'rules';
    end if;
    v_labelled := public.classify_message(v_source_chat, (p_message ->> 'message_id')::bigint, p_label, v_label_source, p_now);
  end if;
  -- Connected chats only: the chat's calendar, for replies that show a time (receipts, "ответим до …").
  if (v_stored ->> 'sla_enabled')::boolean then
    v_schedule := sla.get_schedule((v_stored ->> 'chat_id')::bigint);
  end if;
  return v_stored || jsonb_build_object(
    'claimed', true,
    'label_source', case when v_labelled is not null then v_label_source end,
    'action', v_labelled ->> 'action',
    'request_id', v_labelled -> 'request_id',
    'breach_at', v_labelled -> 'breach_at',
    'timezone', coalesce(v_schedule ->> 'timezone', 'Europe/Moscow'),
    'working_now', coalesce(sla.is_working_time_in(v_schedule, p_now), true));
end $$;
comment on function public.ingest_message(bigint, text, jsonb, text, text, bigint, bigint, timestamptz) is
  'Webhook hot path for a group message, one transaction: claim the update (as done), apply a migration, record_message, classify_message (clients, when a label is given). Returns record_message''s answer plus {claimed, label_source, action, request_id, breach_at, timezone, working_now}, or {claimed:false} for a redelivery.';
