-- =====================================================================================================
-- Requests: the SLA lifecycle of a client's question, fed by the webhook through two RPCs.
--
--   public.record_message(message)  stores every message first (idempotent on chat, message id,
--                                   version), registers unknown chats with SLA off, decides who wrote
--                                   it, and lets an accountant's message answer the chat's open requests.
--   public.classify_message(...)    applies the classifier's label to a stored client message:
--                                   open a request, join the open one, or ignore.
--
-- The one rule for what OPENS a request (sla.counts_as_request, table-tested in 25_request_rule.sql):
--   * only a client's own new message (not an edit, not a bot command) in a chat with SLA and monitoring on;
--   * a voice message always counts (it cannot be read: when in doubt, it is a request);
--   * text, a caption, a document/photo/video with a caption counts when labelled REQUEST or
--     CLARIFICATION and not answered by the FAQ; stickers, reactions, service messages and bare media never;
--   * the FAQ answers only in connected chats: elsewhere a 'faq' label stands as a 'rules' one.
--   * REQUEST opens a request unless the chat already has an open one; then the message joins it. The
--     first unanswered message's timer keeps running: joining never moves received_at or breach_at.
--   * CLARIFICATION behaves exactly like REQUEST (a client adding details after an answer needs a
--     reaction too, and a false alarm is cheaper than a missed client). GRATITUDE and SPAM are stored
--     as labels only: they never open, join, answer or close anything.
--   * A message that needs a label and has none 60 s after it reached us (LLM slow or down, worker
--     killed) is labelled REQUEST with source 'fallback' by sla.tick, its timer from its own time.
-- The one rule for what ANSWERS (sla.is_answer): an accountant's own new message in the chat (not a
-- sticker, reaction, service message or bot command), or the bot's message posted for an accountant (a
-- /template reply). It answers EVERY open request of the chat received before it: answered_at = its
-- time, the working seconds in between are frozen, breached = answered after breach_at (exactly at
-- breach_at is on time).
-- Snapshots: threshold and warning percent are copied when the request opens, the calendar is referenced
-- as an immutable schedule version (shared by every request opened under the same document); breach_at and
-- warn_at (threshold × percent in working SECONDS, so a 1-minute threshold still warns) are stored.
-- Order: (sent_at, message_id) — Telegram dates have one-second resolution and message ids grow.
-- Late labels (the LLM may answer after later messages and after an edit): the label belongs to the
-- message's original version, which the request links and whose time starts the timer; it joins the
-- request that was open when the message was sent, or becomes an already-answered request when an
-- accountant answered after it (so statistics stay true and nobody is paged).
-- =====================================================================================================

create table public.requests (
  id bigint generated always as identity primary key,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  first_message_id bigint not null,
  first_message_row_id bigint references public.messages (id) on delete set null,
  client_telegram_id bigint,
  status text not null default 'open' check (status in ('open', 'answered', 'resolved')),
  received_at timestamptz not null,
  threshold_minutes integer not null check (threshold_minutes > 0),
  warning_percent integer not null check (warning_percent between 0 and 99),
  schedule_id bigint not null,
  warn_at timestamptz,
  breach_at timestamptz not null,
  next_alert_at timestamptz,
  answered_at timestamptz,
  answered_by_telegram_id bigint,
  answer_message_id bigint,
  response_working_seconds bigint check (response_working_seconds >= 0),
  breached boolean not null default false,
  resolved_at timestamptz,
  resolved_by text check (length(resolved_by) <= 300),
  message_count integer not null default 1 check (message_count >= 1),
  created_at timestamptz not null default now(),
  check ((status = 'answered') = (answered_at is not null)),
  check ((status = 'answered') = (response_working_seconds is not null)),
  check ((status = 'resolved') = (resolved_at is not null)),
  check (status <> 'open' or next_alert_at is null or next_alert_at <= breach_at)
);
comment on table public.requests is
  'A client''s question and its SLA lifecycle: open → answered (by an accountant''s message) | resolved (manually, no response metrics).';
comment on column public.requests.first_message_id is 'Telegram message id of the first client message (in the chat it was sent in).';
comment on column public.requests.schedule_id is
  'The working-time calendar in force when the request opened: an immutable sla.schedule_versions row (sla.schedule_of).';
comment on column public.requests.warn_at is 'floor(threshold × 60 × warning_percent / 100) working seconds after received_at; null when warnings are off.';
comment on column public.requests.next_alert_at is 'sla.tick''s cursor: warn_at, then breach_at, then null once the breach alert exists or the request closed.';
comment on column public.requests.response_working_seconds is 'Working seconds from received_at to answered_at, frozen when answered.';
comment on column public.requests.breached is 'True iff the request was still unanswered at breach_at (set by the tick, by a late answer or a late resolve).';
comment on column public.requests.resolved_by is 'Who closed it manually (name), for the audit trail and the edited alert messages.';

-- One open request per chat: the "join the open one" rule, enforced even under concurrency.
create unique index requests_one_open_per_chat on public.requests (chat_id) where status = 'open';
-- The tick's only scan: open requests whose next warning/breach instant has come.
create index requests_due on public.requests (next_alert_at) where status = 'open' and next_alert_at is not null;
-- A chat's requests newest first, as the console lists them (desc nulls last).
create index requests_chat_received on public.requests (chat_id, received_at desc nulls last);
-- Carries what the reports count (public.request_outcomes), so a month of requests is read from the
-- index alone, without visiting the table. Newest first, as the console's lists ask (desc nulls last), so
-- a page of the requests list is the index's first entries.
create index requests_received on public.requests (received_at desc nulls last)
  include (chat_id, status, breached, response_working_seconds, answered_by_telegram_id);

-- The document a request is timed against. Its table, sla.schedule_versions, and the foreign key come in
-- 20261205010000_schedule_versions.sql; PL/pgSQL so that the SQL functions here and in later files that
-- render times can call it before that table exists.
create function sla.schedule_of(p_schedule_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select v.document from sla.schedule_versions v where v.id = p_schedule_id);
end $$;
comment on function sla.schedule_of(bigint) is 'The working-time document of a schedule version (requests.schedule_id).';

alter table public.messages add constraint messages_request_fk
  foreign key (request_id) references public.requests (id) on delete set null;

alter table public.requests enable row level security;
create policy requests_select on public.requests for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
revoke insert, update, delete, truncate on public.requests from authenticated;

create table public.sla_events (
  id bigint generated always as identity primary key,
  request_id bigint references public.requests (id) on delete cascade,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  kind text not null check (kind in ('opened', 'joined', 'answered', 'resolved', 'warning', 'breach',
                                     'escalation', 'notify', 'migrated')),
  at timestamptz not null,
  data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
  created_at timestamptz not null default now()
);
comment on table public.sla_events is 'Append-only timeline of SLA decisions per request (and chat-level events such as migrations).';
create index sla_events_request on public.sla_events (request_id, at);
create index sla_events_chat_at on public.sla_events (chat_id, at desc);

alter table public.sla_events enable row level security;
create policy sla_events_select on public.sla_events for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
revoke insert, update, delete, truncate on public.sla_events from authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Storing messages
-- ---------------------------------------------------------------------------------------------------

-- The chat row a message belongs to, registered when unknown (SLA off, monitoring on, default threshold)
-- and locked so that messages of one chat are decided one at a time.
create function sla.ensure_chat(p_chat_id bigint, p_title text, p_type text, p_seen_at timestamptz)
returns public.chats
language plpgsql set search_path = '' as $$
declare
  v_chat public.chats;
  v_title text := left(nullif(p_title, ''), 255);  -- an update without a title keeps the stored one
begin
  insert into public.chats (id, title, chat_type)
  values (p_chat_id, coalesce(v_title, ''), coalesce(p_type, 'group'))
  on conflict (id) do nothing;
  select * into v_chat from public.chats c where c.id = p_chat_id for no key update;
  -- last_message_at feeds the console's health view; 5-minute precision is enough and spares the audit log.
  if v_chat.last_message_at is null or v_chat.last_message_at < p_seen_at - interval '5 minutes'
     or v_title <> v_chat.title then
    update public.chats c
       set last_message_at = greatest(c.last_message_at, p_seen_at), title = coalesce(v_title, c.title)
     where c.id = p_chat_id
    returning * into v_chat;
  end if;
  return v_chat;
end $$;
comment on function sla.ensure_chat(bigint, text, text, timestamptz) is
  'Registers an unknown chat with SLA off, keeps title and last_message_at current, and locks the chat row.';

create function sla.store_message(p_chat_id bigint, p_message jsonb, p_now timestamptz)
returns public.messages
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_sender bigint := (p_message ->> 'sender_telegram_id')::bigint;
  v_direction text := coalesce(p_message ->> 'direction', 'in');
begin
  insert into public.messages (chat_id, source_chat_id, message_id, version, direction, sender_telegram_id,
    sender_name, sender_username, sender_kind, kind, text, media, reply_to_message_id, is_command, on_behalf_of,
    sent_at, created_at)
  values (p_chat_id, (p_message ->> 'chat_id')::bigint, (p_message ->> 'message_id')::bigint,
    coalesce((p_message ->> 'version')::integer, 1), v_direction, v_sender,
    left(p_message ->> 'sender_name', 300), left(p_message ->> 'sender_username', 64),
    sla.sender_kind(p_chat_id, v_sender, (p_message ->> 'sender_is_bot')::boolean, v_direction),
    coalesce(p_message ->> 'kind', 'text'), left(p_message ->> 'text', 10000),
    case when jsonb_typeof(p_message -> 'media') = 'object' then p_message -> 'media' end,
    (p_message ->> 'reply_to_message_id')::bigint, coalesce((p_message ->> 'is_command')::boolean, false),
    -- only an accountant of this chat can have the bot post for them
    case when v_direction = 'out'
          and authz.chat_role(p_chat_id, (p_message ->> 'on_behalf_of')::bigint) = 'accountant'
         then (p_message ->> 'on_behalf_of')::bigint end,
    coalesce((p_message ->> 'sent_at')::timestamptz, p_now), p_now)
  on conflict (source_chat_id, message_id, version) do nothing
  returning * into v_msg;
  return v_msg;  -- all nulls when the message was already stored
end $$;
comment on function sla.store_message(bigint, jsonb, timestamptz) is
  'Appends one message version to the log; returns a null row when that (chat, message id, version) is already there.';

-- Whether a stored message answers the chat's open requests.
create function sla.is_answer(p_msg public.messages) returns boolean
language sql immutable set search_path = '' as $$
  select p_msg.version = 1 and not p_msg.is_command and p_msg.kind not in ('sticker', 'reaction', 'service')
     and ((p_msg.direction = 'in' and p_msg.sender_kind = 'accountant')
          or (p_msg.direction = 'out' and p_msg.on_behalf_of is not null))
$$;
comment on function sla.is_answer(public.messages) is
  'An accountant''s own new message (not an edit, bot command, sticker, reaction or service message), or the bot''s message posted for an accountant (/template), answers requests.';

create function sla.answered_by(p_answer public.messages) returns bigint
language sql immutable set search_path = '' as $$
  select coalesce(p_answer.on_behalf_of, p_answer.sender_telegram_id)
$$;
comment on function sla.answered_by(public.messages) is 'The accountant an answer is credited to: the writer, or whom the bot posted it for.';

-- Closes every open request of the chat received before the answer; returns how many.
create function sla.answer_requests(p_answer public.messages) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  with answered as (
    update public.requests r
       set status = 'answered', answered_at = p_answer.sent_at,
           answered_by_telegram_id = sla.answered_by(p_answer),
           answer_message_id = p_answer.message_id, next_alert_at = null,
           response_working_seconds = sla.working_seconds_in(sla.schedule_of(r.schedule_id), r.received_at, p_answer.sent_at),
           breached = p_answer.sent_at > r.breach_at
     where r.chat_id = p_answer.chat_id and r.status = 'open'
       and (r.received_at, r.first_message_id) < (p_answer.sent_at, p_answer.message_id)
    returning r.id, r.chat_id, r.response_working_seconds, r.breached
  )
  insert into public.sla_events (request_id, chat_id, kind, at, data)
  select a.id, a.chat_id, 'answered', p_answer.sent_at,
         jsonb_build_object('by', sla.answered_by(p_answer), 'message_id', p_answer.message_id,
                            'working_seconds', a.response_working_seconds, 'breached', a.breached)
  from answered a;
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function sla.answer_requests(public.messages) is
  'An accountant''s message answers every open request of its chat received before it (metrics frozen, breached decided).';

create function public.record_message(p_message jsonb, p_now timestamptz default now())
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_source bigint := (p_message ->> 'chat_id')::bigint;
  v_chat public.chats;
  v_msg public.messages;
  v_answered integer := 0;
  v_duplicate boolean := false;
begin
  if v_source is null or p_message ->> 'message_id' is null then
    raise exception 'record_message: chat_id and message_id are required' using errcode = '22023';
  end if;
  v_chat := sla.ensure_chat(sla.current_chat_id(v_source), p_message ->> 'chat_title', p_message ->> 'chat_type',
                            coalesce((p_message ->> 'sent_at')::timestamptz, p_now));
  v_msg := sla.store_message(v_chat.id, p_message, p_now);
  if v_msg.id is null then
    v_duplicate := true;
    select * into v_msg from public.messages m
     where m.source_chat_id = v_source and m.message_id = (p_message ->> 'message_id')::bigint
       and m.version = coalesce((p_message ->> 'version')::integer, 1);
  elsif sla.is_answer(v_msg) then
    v_answered := sla.answer_requests(v_msg);
  end if;
  return jsonb_build_object('duplicate', v_duplicate,
    'sender_kind', v_msg.sender_kind, 'sla_enabled', v_chat.sla_enabled, 'monitoring_enabled', v_chat.monitoring_enabled,
    'answered', v_answered, 'message_row_id', v_msg.id, 'chat_id', v_chat.id);
end $$;
comment on function public.record_message(jsonb, timestamptz) is
  'Webhook entry: stores a message version (idempotent), registers unknown chats with SLA off, and lets an accountant''s message answer the chat''s open requests. Returns {duplicate, sender_kind, sla_enabled, monitoring_enabled, answered, message_row_id, chat_id}.';
grant execute on function public.record_message(jsonb, timestamptz) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Opening and joining requests
-- ---------------------------------------------------------------------------------------------------

-- A client's own new message whose text decides whether it counts (so it needs a label). Voice messages
-- count without one; stickers, reactions, service messages, bare media, commands and edits never count.
create function sla.needs_label(p_msg public.messages) returns boolean
language sql immutable set search_path = '' as $$
  select p_msg.direction = 'in' and p_msg.sender_kind = 'client' and p_msg.version = 1 and not p_msg.is_command
     and p_msg.kind in ('text', 'caption', 'document', 'photo', 'video') and btrim(coalesce(p_msg.text, '')) <> ''
$$;
comment on function sla.needs_label(public.messages) is
  'A client''s new, non-command message with text or a caption: whether it counts depends on its label.';

-- The tick's fallback scan (sla.label_fallbacks): messages that need a label and have none yet. Labelled
-- messages leave the index and those that never need one (stickers, bare media, our own) never enter
-- it, so it stays as small as the classifier's backlog however many stickers clients send.
create index messages_awaiting_label on public.messages (created_at) where label is null and sla.needs_label(messages);

-- THE rule for what opens (or joins) a request; the table of its cases is supabase/tests/25_request_rule.sql.
create function sla.counts_as_request(p_chat public.chats, p_msg public.messages, p_label text, p_source text)
returns boolean
language sql immutable set search_path = '' as $$
  select p_chat.sla_enabled and p_chat.monitoring_enabled
     and p_msg.direction = 'in' and p_msg.sender_kind = 'client' and p_msg.version = 1 and not p_msg.is_command
     and (p_msg.kind = 'voice'
          or (sla.needs_label(p_msg) and p_label in ('REQUEST', 'CLARIFICATION') and p_source is distinct from 'faq'))
$$;
comment on function sla.counts_as_request(public.chats, public.messages, text, text) is
  'A client''s new, non-command message in a chat with SLA and monitoring on: voice always; text/captions labelled REQUEST or CLARIFICATION and not answered by the FAQ.';

-- The instant p_seconds working seconds after p_from. Whole minutes come from breach_at_in; the rest
-- (< 60 s) lies in the next working minute, which holds at most one gap (intervals are whole minutes):
-- before the gap when the first piece is long enough, else counted back from that minute's end.
create function sla.after_working_seconds(p_schedule jsonb, p_from timestamptz, p_seconds integer)
returns timestamptz
language plpgsql immutable strict set search_path = '' as $$
declare
  v_whole timestamptz := sla.breach_at_in(p_schedule, p_from, p_seconds / 60);
  v_rest interval := make_interval(secs => p_seconds % 60);
  v_minute_end timestamptz;
begin
  if p_seconds % 60 = 0 or sla.working_seconds_in(p_schedule, v_whole, v_whole + v_rest) = p_seconds % 60 then
    return v_whole + v_rest;
  end if;
  v_minute_end := sla.breach_at_in(p_schedule, v_whole, 1);
  return v_minute_end - (interval '1 minute' - v_rest);
end $$;
comment on function sla.after_working_seconds(jsonb, timestamptz, integer) is
  'The instant when p_seconds working seconds have passed since p_from under a schedule document (warnings).';

-- A new request for a client message, with threshold, warning percent and calendar snapshotted now.
-- p_answer: an accountant message that already came after it (late classification) → stored answered.
create function sla.new_request(p_chat public.chats, p_msg public.messages, p_answer public.messages,
                                p_now timestamptz)
returns public.requests
language plpgsql set search_path = '' as $$
declare
  v_req public.requests;
  v_schedule jsonb := sla.get_schedule(p_chat.id);
  v_percent integer := (select s.warning_percent from public.settings s);
  v_warn_seconds integer := floor(p_chat.threshold_minutes * 60 * v_percent / 100.0);
  v_breach timestamptz := sla.breach_at_in(v_schedule, p_msg.sent_at, p_chat.threshold_minutes);
  v_warn timestamptz := case when v_warn_seconds > 0 then sla.after_working_seconds(v_schedule, p_msg.sent_at, v_warn_seconds) end;
begin
  insert into public.requests (chat_id, first_message_id, first_message_row_id, client_telegram_id, received_at,
    threshold_minutes, warning_percent, schedule_id, warn_at, breach_at, next_alert_at,
    status, answered_at, answered_by_telegram_id, answer_message_id, response_working_seconds, breached)
  values (p_chat.id, p_msg.message_id, p_msg.id, p_msg.sender_telegram_id, p_msg.sent_at,
    p_chat.threshold_minutes, v_percent, sla.schedule_version(v_schedule), v_warn, v_breach,
    case when p_answer.id is null then coalesce(v_warn, v_breach) end,
    case when p_answer.id is null then 'open' else 'answered' end, p_answer.sent_at, sla.answered_by(p_answer),
    p_answer.message_id, case when p_answer.id is not null
      then sla.working_seconds_in(v_schedule, p_msg.sent_at, p_answer.sent_at) end,
    coalesce(p_answer.sent_at > v_breach, false))
  returning * into v_req;
  insert into public.sla_events (request_id, chat_id, kind, at, data)
  values (v_req.id, v_req.chat_id, 'opened', v_req.received_at, jsonb_build_object('message_id', p_msg.message_id,
    'threshold_minutes', v_req.threshold_minutes, 'breach_at', v_req.breach_at, 'labelled_at', p_now,
    'already_answered', p_answer.id is not null));
  return v_req;
end $$;
comment on function sla.new_request(public.chats, public.messages, public.messages, timestamptz) is
  'Inserts a request for a client message with snapshotted threshold, warning percent and calendar; stored answered when an accountant message already followed it.';

-- The request a client message belongs to: the one that was open when it was sent (or is open now).
create function sla.covering_request(p_msg public.messages) returns public.requests
language sql stable set search_path = '' as $$
  select r.* from public.requests r
  where r.chat_id = p_msg.chat_id
    and (r.status = 'open'
         or (r.received_at <= p_msg.sent_at
             and ((r.status = 'answered' and (r.answered_at, r.answer_message_id) > (p_msg.sent_at, p_msg.message_id))
                  or (r.status = 'resolved' and r.resolved_at > p_msg.sent_at))))
  order by (r.received_at <= p_msg.sent_at) desc, r.received_at desc
  limit 1
$$;
comment on function sla.covering_request(public.messages) is
  'The chat''s request that was still open when the message was sent (a closed one for late labels), else its open request.';

-- The first accountant message after a client message, if any (for late classification).
create function sla.answer_after(p_msg public.messages) returns public.messages
language sql stable set search_path = '' as $$
  select m.* from public.messages m
  where m.chat_id = p_msg.chat_id and m.sent_at >= p_msg.sent_at and sla.is_answer(m)
    and (m.sent_at, m.message_id) > (p_msg.sent_at, p_msg.message_id)
  order by m.sent_at, m.message_id
  limit 1
$$;
comment on function sla.answer_after(public.messages) is 'The first accountant answer in the chat after the given message.';

create function sla.join_request(p_req public.requests, p_msg public.messages, p_now timestamptz) returns void
language sql set search_path = '' as $$
  update public.requests r set message_count = r.message_count + 1 where r.id = p_req.id;
  update public.messages m set request_id = p_req.id where m.id = p_msg.id;
  insert into public.sla_events (request_id, chat_id, kind, at, data)
  values (p_req.id, p_req.chat_id, 'joined', p_msg.sent_at, jsonb_build_object('message_id', p_msg.message_id, 'labelled_at', p_now));
$$;
comment on function sla.join_request(public.requests, public.messages, timestamptz) is
  'Adds a client message to a request; the request''s received_at and breach_at stay as they are.';

create function sla.classify_result(p_action text, p_req public.requests, p_label_source text) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('action', p_action, 'request_id', p_req.id, 'breach_at', p_req.breach_at,
                            'label_source', p_label_source)
$$;
comment on function sla.classify_result(text, public.requests, text) is 'Shape of public.classify_message''s answer.';

-- Applies a label to one stored message version under THE rule: opens a request, joins the covering one,
-- ignores it, or leaves it 'awaiting' (no label yet for a message that needs one: the LLM or the
-- tick's fallback will give it). The caller holds the chat row locked.
create function sla.apply_label(p_chat public.chats, p_msg public.messages, p_label text, p_source text,
                                p_now timestamptz)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_req public.requests;
  v_label text := coalesce(p_label, case when p_msg.kind = 'voice' then 'REQUEST' end);
  v_source text := case when p_label is null then 'rules'
                        when p_source = 'faq' and not p_chat.sla_enabled then 'rules' else p_source end;
begin
  select r.* into v_req from public.requests r where r.id = p_msg.request_id;
  if v_req.id is not null or (p_msg.label, p_msg.label_source) is not distinct from (v_label, v_source) then
    return sla.classify_result('duplicate', v_req, p_msg.label_source);
  elsif v_label is null then
    return sla.classify_result(case when sla.needs_label(p_msg) and p_msg.label is null then 'awaiting' else 'ignored' end, null, null);
  end if;
  update public.messages m set label = v_label, label_source = v_source where m.id = p_msg.id;
  if not sla.counts_as_request(p_chat, p_msg, v_label, v_source) then
    return sla.classify_result('ignored', null, v_source);
  end if;
  v_req := sla.covering_request(p_msg);
  if v_req.id is not null then
    perform sla.join_request(v_req, p_msg, p_now);
    return sla.classify_result('joined', v_req, v_source);
  end if;
  v_req := sla.new_request(p_chat, p_msg, sla.answer_after(p_msg), p_now);
  update public.messages m set request_id = v_req.id where m.id = p_msg.id;
  return sla.classify_result('opened', v_req, v_source);
end $$;
comment on function sla.apply_label(public.chats, public.messages, text, text, timestamptz) is
  'Labels one message version and opens a request, joins the covering one, ignores it or leaves it awaiting a label. Idempotent.';

-- A late label (LLM) belongs to the message's ORIGINAL version, even when an edit was stored meanwhile.
create function public.classify_message(p_chat_id bigint, p_message_id bigint, p_label text, p_source text,
                                        p_now timestamptz default now())
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_chat public.chats;
  v_msg public.messages;
begin
  select * into v_chat from public.chats c where c.id = sla.current_chat_id(p_chat_id) for no key update;
  select * into v_msg from public.messages m
   where m.source_chat_id = p_chat_id and m.message_id = p_message_id order by m.version limit 1;
  if v_msg.id is null then
    raise exception 'classify_message: message % of chat % is not recorded', p_message_id, p_chat_id using errcode = 'P0002';
  end if;
  return sla.apply_label(v_chat, v_msg, p_label, p_source, p_now);
end $$;
comment on function public.classify_message(bigint, bigint, text, text, timestamptz) is
  'Webhook entry for a late label: applies it to the message''s original version (sla.apply_label). Idempotent. Returns {action: opened|joined|ignored|awaiting|duplicate, request_id, breach_at, label_source}.';
grant execute on function public.classify_message(bigint, bigint, text, text, timestamptz) to service_role;

-- The tick's safety net: every message still awaiting a label 60 s after it reached us becomes a
-- fallback REQUEST. Chats busy in another transaction are left to the next tick. Returns how many.
create function sla.label_fallbacks(p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_chat public.chats;
  v_msg public.messages;
  v_count integer := 0;
begin
  for v_msg in
    select m.* from public.messages m
    where m.label is null and sla.needs_label(m) and m.created_at <= p_now - interval '60 seconds'
    order by m.created_at
  loop
    select * into v_chat from public.chats c where c.id = v_msg.chat_id for no key update skip locked;
    continue when v_chat.id is null;
    select * into v_msg from public.messages m where m.id = v_msg.id and m.label is null;  -- labelled meanwhile?
    continue when v_msg.id is null;
    perform sla.apply_label(v_chat, v_msg, 'REQUEST', 'fallback', p_now);
    v_count := v_count + 1;
  end loop;
  return v_count;
end $$;
comment on function sla.label_fallbacks(timestamptz) is
  'Labels REQUEST (source fallback) every client message that needs a label and has none 60 s after it arrived, and applies the rule.';
