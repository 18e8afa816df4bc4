-- =====================================================================================================
-- Survey comments on the webhook's hot path: a voter's next text message in the chat within
-- settings.survey_comment_window_minutes of their (latest) rating becomes that vote's comment — and
-- then it is not classified, so it opens no request. Captured inside public.ingest_message (the one
-- round trip of a group message, 20261122005900_webhook_ingest.sql) right after record_message.
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
