-- =====================================================================================================
-- Outbox: everything the database decides to say in Telegram (warnings, breaches, escalations, alert
-- edits, DMs, surveys, reminders, low-rating alerts) is a row here. SQL only writes rows; the relay on
-- the VDS is the one sender: it claims rows, calls the Bot API through the shared rate limiter and
-- records the outcome. Nothing decided by the database is ever sent directly.
-- =====================================================================================================

create table public.outbox (
  id bigint generated always as identity primary key,
  kind text not null check (kind ~ '^[a-z_]{2,40}$'),
  chat_id bigint not null,
  about_chat_id bigint references public.chats (id) on update cascade on delete set null,
  method text not null default 'sendMessage'
    check (method in ('sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'deleteMessage')),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  edit_of bigint references public.outbox (id),
  dedup_key text not null unique check (length(dedup_key) between 1 and 200),
  to_client_group boolean not null default false,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer not null default 0,
  not_before timestamptz not null default now(),
  lease_until timestamptz,
  claimed_by text,
  telegram_message_id bigint,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check (method = 'sendMessage' or edit_of is not null)
);
comment on table public.outbox is
  'Messages the database decided to send; the relay is the only sender. dedup_key makes every decision write at most one row.';
comment on column public.outbox.chat_id is 'Telegram recipient: a user id for private messages, a chat id for groups.';
comment on column public.outbox.about_chat_id is
  'For a private message about a client chat (warning, breach, escalation, notify_accountant): that chat. When such a DM cannot be delivered the relay re-addresses it to this chat''s managers (else the global managers). Alert copies need not set it: public.alert_deliveries already knows their chat.';
comment on column public.outbox.payload is 'Bot API parameters except chat_id (and message_id for edits, taken from edit_of): text, parse_mode, reply_markup…';
comment on column public.outbox.edit_of is 'For edits: the outbox row whose sent message (telegram_message_id) is edited.';
comment on column public.outbox.to_client_group is 'True when the recipient is a client group: such a row is never resent when its outcome is in doubt.';
comment on column public.outbox.status is 'pending → sending (claimed with a lease) → sent | failed; cancelled when no longer needed before sending.';

create index outbox_due on public.outbox (not_before, id) where status in ('pending', 'sending');
create index outbox_edit_of on public.outbox (edit_of) where edit_of is not null;

alter table public.outbox enable row level security;
create policy outbox_select on public.outbox for select to authenticated using ((select authz.is_manager()));
revoke insert, update, delete, truncate on public.outbox from authenticated;
