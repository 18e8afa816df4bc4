-- =====================================================================================================
-- Message log: every message seen in a client chat, stored first, before any gating or classification.
-- Append-only: an edit is a new row with a higher version; nothing is updated except the classifier's
-- label and the request the message belongs to, and only by the SLA functions (security definer).
-- Retention (sla.purge) is the only thing that deletes messages.
--
-- Telegram message ids are unique per Telegram chat. After a group → supergroup migration the old
-- group's messages move to the new chat id but keep their numbering, which restarts in the supergroup,
-- so uniqueness is on the chat the message was *sent in* (source_chat_id), not on the current chat_id.
-- Before any migration source_chat_id = chat_id.
-- =====================================================================================================

create table public.messages (
  id bigint generated always as identity primary key,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  source_chat_id bigint not null,
  message_id bigint not null,
  version integer not null default 1 check (version >= 1),
  direction text not null default 'in' check (direction in ('in', 'out')),
  sender_telegram_id bigint,
  sender_name text check (length(sender_name) <= 300),
  sender_username text check (length(sender_username) <= 64),
  sender_kind text not null check (sender_kind in ('client', 'accountant', 'manager', 'bot')),
  kind text not null check (kind in ('text', 'caption', 'document', 'voice', 'photo', 'video', 'sticker',
                                     'reaction', 'service', 'other')),
  text text check (length(text) <= 10000),
  media jsonb check (media is null or jsonb_typeof(media) = 'object'),
  reply_to_message_id bigint,
  is_command boolean not null default false,
  on_behalf_of bigint,
  sent_at timestamptz not null,
  label text check (label in ('REQUEST', 'SPAM', 'GRATITUDE', 'CLARIFICATION')),
  label_source text check (label_source in ('rules', 'llm', 'cache', 'fallback', 'faq')),
  request_id bigint,
  created_at timestamptz not null default now(),
  unique (source_chat_id, message_id, version)
);
comment on table public.messages is
  'Append-only log of chat messages (edits are new versions). Written only by public.record_message; labelled by public.classify_message.';
comment on column public.messages.source_chat_id is
  'Telegram chat the message was sent in; differs from chat_id only for messages of a group that migrated to a supergroup.';
comment on column public.messages.sender_kind is
  'Decided when stored: chat_staff role of the sender in this chat, else manager if a global manager, else client; bot for bots and our own messages.';
comment on column public.messages.is_command is 'The text starts with a bot command (/template, /diagnose…): it never opens or answers a request.';
comment on column public.messages.on_behalf_of is
  'For the bot''s own message posted for an accountant of the chat (a /template reply): that accountant''s Telegram id.';
comment on column public.messages.created_at is 'When the message reached us (the fallback label counts 60 s from here).';
comment on column public.messages.sent_at is 'Telegram date of the message (edit_date for versions > 1).';
comment on column public.messages.request_id is 'The request this client message opened or joined.';

create index messages_chat_time on public.messages (chat_id, sent_at desc);
create index messages_request on public.messages (request_id) where request_id is not null;
-- Retention deletes by age; messages arrive roughly in sent_at order, so a tiny BRIN index serves it.
create index messages_sent_brin on public.messages using brin (sent_at);
-- The tick's fallback scan has its index, messages_awaiting_label, beside sla.needs_label in
-- 20261122002100_requests.sql.

alter table public.messages enable row level security;
create policy messages_select on public.messages for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
-- Append-only for everyone: writes go through the security definer functions of the sla schema.
revoke insert, update, delete, truncate on public.messages from authenticated, service_role;

-- Group → supergroup migrations, so that late updates carrying the old group id land in the new chat.
create table public.chat_migrations (
  old_chat_id bigint primary key,
  new_chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  migrated_at timestamptz not null default now()
);
comment on table public.chat_migrations is
  'Old group id → supergroup id, written by sla.migrate_chat; record_message follows it for late updates of the old group.';
create index chat_migrations_new on public.chat_migrations (new_chat_id);

alter table public.chat_migrations enable row level security;
create policy chat_migrations_select on public.chat_migrations for select to authenticated
  using ((select authz.sees_all_chats()) or new_chat_id in (select authz.my_chat_ids()));
revoke insert, update, delete, truncate on public.chat_migrations from authenticated;

-- HTML parse mode: every user-supplied string in a bot message goes through this. Plain SQL without a
-- SET clause so the planner inlines it (it renders thousands of strings per tick).
create function sla.html_escape(p_text text) returns text
language sql immutable parallel safe as $$
  select replace(replace(replace(replace(coalesce(p_text, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
$$;
comment on function sla.html_escape(text) is 'Escapes &, <, >, " for Telegram''s HTML parse mode; null becomes the empty string.';

-- Every outbox row the database writes is HTML without link previews (a client's link in an excerpt must
-- not unfold into a card); plain SQL so the tick's statements inline it.
create function sla.html_message(p_text text, p_reply_markup jsonb default null) returns jsonb
language sql immutable parallel safe as $$
  select jsonb_build_object('text', p_text, 'parse_mode', 'HTML', 'link_preview_options', '{"is_disabled": true}'::jsonb)
         || case when p_reply_markup is not null then jsonb_build_object('reply_markup', p_reply_markup) else '{}'::jsonb end
$$;
comment on function sla.html_message(text, jsonb) is
  'Bot API payload of an outbox message: the HTML text (already escaped by the caller), link previews off, the keyboard if any.';

-- The chat a Telegram chat id refers to today: itself, or the supergroup it migrated to.
create function sla.current_chat_id(p_chat_id bigint) returns bigint
language sql stable set search_path = '' as $$
  select coalesce((select m.new_chat_id from public.chat_migrations m where m.old_chat_id = p_chat_id), p_chat_id)
$$;
comment on function sla.current_chat_id(bigint) is 'Follows a group → supergroup migration; other ids map to themselves.';

-- Who wrote a message, decided once when it is stored: our own outgoing messages are the bot's, a global
-- manager counts as a manager, everything else is their role in the chat.
create function sla.sender_kind(p_chat_id bigint, p_sender bigint, p_is_bot boolean, p_direction text)
returns text
language sql stable set search_path = '' as $$
  select case r when 'global_manager' then 'manager' else r end
  from authz.chat_role(p_chat_id, p_sender, p_is_bot or p_direction = 'out') r
$$;
comment on function sla.sender_kind(bigint, bigint, boolean, text) is
  'messages.sender_kind: authz.chat_role of the sender, with outgoing messages as bot and global managers as manager.';
