-- =====================================================================================================
-- Survey comments on the webhook's hot path: a voter's next text message in the chat within
-- settings.survey_comment_window_minutes of their (latest) rating becomes that vote's comment — and
-- then it is not classified, so it opens no request. Captured inside public.ingest_message (the one
-- round trip of a group message), which is redefined here with exactly one step added after
-- record_message; everything else it does is unchanged (20261122003400_webhook_ingest.sql).
-- One comment per vote: a later message, or a message after changing the rating, is an ordinary message.
-- Commands ('/…'), stickers, media without a caption and edits never become comments.
-- =====================================================================================================

create function feedback.capture_comment(p_message_row_id bigint, p_now timestamptz) returns boolean
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_vote_id bigint;
begin
  select * into v_msg from public.messages m where m.id = p_message_row_id;
  if v_msg.id is null or v_msg.direction <> 'in' or v_msg.sender_kind <> 'client' or v_msg.version <> 1
     or v_msg.kind not in ('text', 'caption') or coalesce(btrim(v_msg.text), '') = '' or v_msg.text like '/%' then
    return false;
  end if;
  update public.survey_votes v
     set comment = left(btrim(v_msg.text), 4000), comment_message_id = v_msg.message_id, commented_at = p_now
   where v.id = (
     select v2.id from public.survey_votes v2
       join public.survey_deliveries d on d.id = v2.delivery_id
       cross join public.settings s
      where v2.chat_id = v_msg.chat_id and v2.telegram_user_id = v_msg.sender_telegram_id
        and v2.rating is not null and v2.comment is null and d.status = 'open' and p_now < d.expires_at
        and p_now >= v2.voted_at and p_now <= v2.voted_at + make_interval(mins => s.survey_comment_window_minutes)
      order by v2.voted_at desc limit 1)
  returning v.id into v_vote_id;
  return v_vote_id is not null;
end $$;
comment on function feedback.capture_comment(bigint, timestamptz) is
  'Makes a client''s text message the comment of their vote when it is their first message within the comment window after rating. True when captured.';

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
  v_comment boolean := false;
begin
  if not public.claim_update(p_update_id, p_update_type, v_source_chat, 'done', null, p_now) then
    return jsonb_build_object('claimed', false);
  end if;
  -- Migration first: the supergroup's first service message must not register it as a second chat.
  if p_migrate_from is not null and p_migrate_to is not null then
    perform public.migrate_chat(p_migrate_from, p_migrate_to, p_now);
  end if;
  v_stored := public.record_message(p_message, p_now);
  if v_stored ->> 'sender_kind' = 'client' and not (v_stored ->> 'duplicate')::boolean then
    v_comment := feedback.capture_comment((v_stored ->> 'message_row_id')::bigint, p_now);
  end if;
  if p_label is not null and v_stored ->> 'sender_kind' = 'client' and not v_comment then
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
    'working_now', coalesce(sla.is_working_time_in(v_schedule, p_now), true))
    -- only when true, so the answer of every other message keeps its established shape
    || case when v_comment then '{"survey_comment": true}'::jsonb else '{}'::jsonb end;
end $$;
comment on function public.ingest_message(bigint, text, jsonb, text, text, bigint, bigint, timestamptz) is
  'Webhook hot path for a group message, one transaction: claim the update (as done), apply a migration, record_message, capture a survey comment (then no classification), classify_message (clients, when a label is given). Returns record_message''s answer plus {claimed, label_source, action, request_id, breach_at, timezone, working_now} and survey_comment: true when the message became a survey comment, or {claimed:false} for a redelivery.';
