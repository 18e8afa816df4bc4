-- =====================================================================================================
-- Personal data (152-ФЗ, art. 21): erasing one client on request.
--   public.erase_client(p_telegram_user_id bigint) → jsonb {table: rows changed}, admins only.
-- In every chat: the person's messages lose their text, media metadata, names and Telegram id; the rows
-- stay, so requests, their timing and every SLA report stay exactly as they were. Requests keep the fact,
-- not the client's id. Their votes (with the vote history) and comments are deleted. The copies of their
-- words and names in outbox payloads and in the bot's own logged messages are replaced by a note.
-- One audit_log row (action ERASE, row_key = the Telegram id) records who erased whom and how many rows
-- per table, never the data. Idempotent: a second call finds nothing and records zeros.
-- Not touched: sla.classifier_cache holds only SHA-256 hashes of texts and expires within 24 hours.
-- =====================================================================================================

create function sla.erased_text() returns text
language sql immutable as $$ select '🗑 Текст удалён по запросу клиента' $$;
comment on function sla.erased_text() is 'What replaces a bot message that quoted an erased client.';

-- How the person appears inside messages the bot rendered: names and the first 200 characters of their
-- texts, both as written and HTML-escaped, and the "id <n>" fallback name.
create function sla.client_traces(p_telegram_user_id bigint) returns text[]
language sql stable set search_path = '' as $$
  select coalesce(array_agg(distinct t.trace) filter (where length(t.trace) >= 3), '{}')
  from (
    select unnest(array[m.sender_name, m.sender_username, '@' || m.sender_username,
                        case when nullif(btrim(m.text), '') is not null then sla.message_excerpt(m) end,
                        m.text])
      from public.messages m where m.sender_telegram_id = p_telegram_user_id
    union all
    select unnest(array[v.voter_name, v.comment]) from public.survey_votes v where v.telegram_user_id = p_telegram_user_id
    union all
    select 'id ' || p_telegram_user_id
  ) x (raw)
  cross join lateral (values (x.raw), (sla.html_escape(x.raw))) t (trace)
  where x.raw is not null
$$;
comment on function sla.client_traces(bigint) is
  'Strings that identify a client inside rendered bot messages: their names, usernames, texts and excerpts, raw and HTML-escaped.';

create function sla.mentions_any(p_text text, p_traces text[]) returns boolean
language sql immutable as $$ select exists (select from unnest(p_traces) t where strpos(p_text, t) > 0) $$;
comment on function sla.mentions_any(text, text[]) is 'True when the text contains any of the strings.';

create function public.erase_client(p_telegram_user_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_traces text[];
  v_counts jsonb := '{}';
  v_n bigint;
begin
  if not authz.is_admin() then
    raise exception 'erase_client: admins only' using errcode = '42501';
  elsif p_telegram_user_id is null or p_telegram_user_id <= 0 then
    raise exception 'erase_client: the Telegram user id must be a positive number' using errcode = '22023';
  end if;
  v_traces := sla.client_traces(p_telegram_user_id);

  update public.outbox o
     set payload = o.payload || jsonb_build_object('text', sla.erased_text()),
         dedup_key = case when o.dedup_key like 'menu:%' and split_part(o.dedup_key, ':', 4) = p_telegram_user_id::text
                          then 'erased:' || o.id else o.dedup_key end
   where sla.mentions_any(o.payload ->> 'text', v_traces)
      or (o.dedup_key like 'menu:%' and split_part(o.dedup_key, ':', 4) = p_telegram_user_id::text);
  get diagnostics v_n = row_count;
  v_counts := v_counts || jsonb_build_object('outbox', v_n);

  update public.messages m set text = sla.erased_text()
   where m.direction = 'out' and sla.mentions_any(m.text, v_traces);
  get diagnostics v_n = row_count;
  v_counts := v_counts || jsonb_build_object('bot_messages', v_n);

  update public.messages m
     set text = null, media = null, sender_name = null, sender_username = null, sender_telegram_id = null
   where m.sender_telegram_id = p_telegram_user_id;
  get diagnostics v_n = row_count;
  v_counts := v_counts || jsonb_build_object('messages', v_n);

  update public.requests r set client_telegram_id = null where r.client_telegram_id = p_telegram_user_id;
  get diagnostics v_n = row_count;
  v_counts := v_counts || jsonb_build_object('requests', v_n);

  select count(*) into v_n from feedback.vote_events e
    join public.survey_votes v on v.id = e.vote_id where v.telegram_user_id = p_telegram_user_id;
  v_counts := v_counts || jsonb_build_object('vote_events', v_n);
  delete from public.survey_votes v where v.telegram_user_id = p_telegram_user_id;  -- vote_events cascade
  get diagnostics v_n = row_count;
  v_counts := v_counts || jsonb_build_object('survey_votes', v_n);

  update public.chat_invitations i set used_by_telegram_id = null where i.used_by_telegram_id = p_telegram_user_id;
  get diagnostics v_n = row_count;
  v_counts := v_counts || jsonb_build_object('chat_invitations', v_n);

  insert into public.audit_log (actor_id, actor_role, table_name, row_key, action, new_row)
  values (auth.uid(), coalesce(auth.role(), current_user), 'clients', p_telegram_user_id::text, 'ERASE', v_counts);
  return v_counts;
end $$;
comment on function public.erase_client(bigint) is
  'Console (admins): erases a client''s personal data in every chat on request (152-ФЗ art. 21) and writes one ERASE audit row with the counts. Returns {table: rows changed}.';
grant execute on function public.erase_client(bigint) to authenticated;
