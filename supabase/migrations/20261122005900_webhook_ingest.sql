-- =====================================================================================================
-- Webhook hot path: a group message arrives → claim its update id, follow a group → supergroup
-- migration, store the message (public.record_message), and label a client message
-- (public.classify_message) — all in ONE round trip and one transaction, so the webhook can acknowledge
-- Telegram quickly and a redelivered update (sequential or concurrent) has exactly one effect.
-- The label is the rules' verdict on the message's text, computed by the webhook beforehand (null when
-- the rules were unsure and an LLM is configured, or there is no text); SQL alone decides what it means
-- (sla.apply_label: edits, commands, bare media, voice, the FAQ in unconnected chats). action 'awaiting'
-- tells the webhook to ask the LLM and label it afterwards (classify_message); sla.tick's fallback
-- labels it if that never happens.
-- A group message's update is recorded as done by the same transaction; whatever the features do
-- afterwards (a FAQ reply, a receipt, a late LLM label) can still fail, and then the webhook marks the
-- update failed (finish_update allows done → failed). Measured: this halves the webhook's PostgREST calls.
-- A client's message that becomes a survey comment (feedback.capture_comment) is not classified.
-- This migration comes after every function it composes (requests, migration, updates, feedback).
-- =====================================================================================================

create function public.ingest_message(
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
  v_chat public.chats;
  v_msg public.messages;
  v_schedule jsonb;
  v_comment boolean := false;
begin
  if not public.claim_update(p_update_id, p_update_type, v_source_chat, 'done', null, p_now) then
    return jsonb_build_object('claimed', false);
  end if;
  -- Migration first: the supergroup's first service message must not register it as a second chat.
  if p_migrate_from is not null and p_migrate_to is not null then
    perform sla.migrate_chat(p_migrate_from, p_migrate_to, p_now);
  end if;
  v_stored := public.record_message(p_message, p_now);
  if v_stored ->> 'sender_kind' = 'client' and not (v_stored ->> 'duplicate')::boolean then
    v_comment := feedback.capture_comment((v_stored ->> 'message_row_id')::bigint, p_now);
  end if;
  if v_stored ->> 'sender_kind' = 'client' and not v_comment then
    select * into v_chat from public.chats c where c.id = (v_stored ->> 'chat_id')::bigint;  -- locked by record_message
    select * into v_msg from public.messages m where m.id = (v_stored ->> 'message_row_id')::bigint;
    v_labelled := sla.apply_label(v_chat, v_msg, p_label, p_label_source, p_now);
  end if;
  -- Connected chats only: the chat's calendar, for replies that show a time (receipts, "ответим до …").
  if (v_stored ->> 'sla_enabled')::boolean then
    v_schedule := sla.get_schedule((v_stored ->> 'chat_id')::bigint);
  end if;
  return v_stored || jsonb_build_object(
    'claimed', true,
    'label_source', v_labelled -> 'label_source',
    'action', v_labelled ->> 'action',
    'request_id', v_labelled -> 'request_id',
    'breach_at', v_labelled -> 'breach_at',
    'timezone', coalesce(v_schedule ->> 'timezone', sla.firm_timezone()),
    'working_now', coalesce(sla.is_working_time_in(v_schedule, p_now), true))
    -- only when true, so the answer of every other message keeps its established shape
    || case when v_comment then '{"survey_comment": true}'::jsonb else '{}'::jsonb end;
end $$;
comment on function public.ingest_message(bigint, text, jsonb, text, text, bigint, bigint, timestamptz) is
  'Webhook hot path for a group message, one transaction: claim the update (as done), apply a migration, record_message, capture a survey comment (then no classification), sla.apply_label (a client''s new message). Returns record_message''s answer plus {claimed, label_source, action (opened|joined|ignored|awaiting|duplicate), request_id, breach_at, timezone, working_now} and survey_comment: true when the message became a survey comment, or {claimed:false} for a redelivery.';

grant execute on function public.ingest_message(bigint, text, jsonb, text, text, bigint, bigint, timestamptz) to service_role;

-- The global settings the webhook consults on every client message; it caches them for a few seconds.
create function public.webhook_settings() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('faq_enabled', s.faq_enabled, 'faq_min_score', s.faq_min_score,
    'out_of_hours_ack', s.out_of_hours_ack, 'llm_enabled', s.llm_enabled, 'llm_model', s.llm_model,
    'llm_timeout_ms', s.llm_timeout_ms)
  from public.settings s
$$;
comment on function public.webhook_settings() is
  'Settings the webhook needs per message (FAQ, out-of-hours acknowledgement, LLM); cached by the function.';

grant execute on function public.webhook_settings() to service_role;
