-- =====================================================================================================
-- Chats and their staff.
-- A chat is a client company's Telegram group, keyed by its Telegram chat id. Unknown groups that write
-- are registered with SLA off; /connect or the console turns SLA on. Every table that refers to a chat
-- does so with ON UPDATE CASCADE, so a group → supergroup migration is one UPDATE of chats.id.
-- =====================================================================================================

create table public.chats (
  id bigint primary key,
  title text not null default '' check (length(title) <= 255),
  chat_type text not null default 'group' check (chat_type in ('group', 'supergroup', 'private', 'channel')),
  sla_enabled boolean not null default false,
  monitoring_enabled boolean not null default true,
  threshold_minutes integer not null check (threshold_minutes between 1 and 1440),
  bot_can_read_all boolean,
  last_message_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.chats is 'Client Telegram groups. sla_enabled: requests are timed; monitoring_enabled: the bot is in the group.';
comment on column public.chats.monitoring_enabled is 'False while the bot is removed from the group; re-adding restores it.';
comment on column public.chats.bot_can_read_all is 'Whether the bot receives every group message (privacy mode off or admin); null = not yet known.';

-- New chats copy the global default threshold unless one is given.
create function public.chats_defaults() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.threshold_minutes := coalesce(new.threshold_minutes, (select s.default_threshold_minutes from public.settings s));
  return new;
end $$;
comment on function public.chats_defaults() is 'Fills a new chat''s threshold from the global settings.';
create trigger chats_defaults before insert on public.chats for each row execute function public.chats_defaults();

create table public.chat_staff (
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  telegram_user_id bigint not null check (telegram_user_id > 0),
  role text not null check (role in ('accountant', 'manager')),
  is_primary boolean not null default false check (not is_primary or role = 'accountant'),
  display_name text check (length(display_name) <= 200),
  created_at timestamptz not null default now(),
  primary key (chat_id, telegram_user_id)
);
comment on table public.chat_staff is 'Accountants (one primary) and managers of a chat, by Telegram user id. Anyone else writing in the group is a client.';
create unique index chat_staff_one_primary on public.chat_staff (chat_id) where is_primary;
create index chat_staff_by_user on public.chat_staff (telegram_user_id);

create function authz.my_chat_ids() returns setof bigint
language sql stable security definer set search_path = '' as $$
  select cs.chat_id from public.chat_staff cs where cs.telegram_user_id = authz.telegram_user_id()
$$;
comment on function authz.my_chat_ids() is 'Chats the logged-in staff member works in (by Telegram user id); an accountant sees only these.';
grant execute on function authz.my_chat_ids() to authenticated, service_role;

-- Policies use `(select f())` and `in (select …)` so the helpers run once per statement, not per row.
alter table public.chats enable row level security;
create policy chats_select on public.chats for select to authenticated
  using ((select authz.sees_all_chats()) or id in (select authz.my_chat_ids()));
create policy chats_manager_insert on public.chats for insert to authenticated with check ((select authz.is_manager()));
create policy chats_manager_update on public.chats for update to authenticated
  using ((select authz.is_manager())) with check ((select authz.is_manager()));
create policy chats_manager_delete on public.chats for delete to authenticated using ((select authz.is_manager()));

alter table public.chat_staff enable row level security;
create policy chat_staff_select on public.chat_staff for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
create policy chat_staff_manager_insert on public.chat_staff for insert to authenticated with check ((select authz.is_manager()));
create policy chat_staff_manager_update on public.chat_staff for update to authenticated
  using ((select authz.is_manager())) with check ((select authz.is_manager()));
create policy chat_staff_manager_delete on public.chat_staff for delete to authenticated using ((select authz.is_manager()));
