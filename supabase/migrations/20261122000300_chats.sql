-- =====================================================================================================
-- Chats and their staff.
-- A chat is a client company's Telegram group, keyed by its Telegram chat id. Unknown groups that write
-- are registered with SLA off; /connect or the console turns SLA on. Every table that refers to a chat
-- does so with ON UPDATE CASCADE, so a group → supergroup migration is one UPDATE of chats.id.
-- =====================================================================================================

create schema if not exists sla;
comment on schema sla is 'SLA engine internals (chat defaults, working time, requests, tick, retention); not exposed through PostgREST.';
grant usage on schema sla to service_role;

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
create function sla.chats_defaults() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.threshold_minutes := coalesce(new.threshold_minutes, (select s.default_threshold_minutes from public.settings s));
  return new;
end $$;
comment on function sla.chats_defaults() is 'Fills a new chat''s threshold from the global settings.';
create trigger chats_defaults before insert on public.chats for each row execute function sla.chats_defaults();

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

-- ---------------------------------------------------------------------------------------------------
-- People. Every decision and text about a Telegram user goes through these functions, so a person has
-- one role, one name and one set of stand-ins wherever they appear (alerts, reports, the console).
-- ---------------------------------------------------------------------------------------------------

-- The role of a Telegram user in a chat: bot, else their chat_staff role, else global manager, else client.
create function authz.chat_role(p_chat_id bigint, p_telegram_id bigint, p_is_bot boolean default false) returns text
language sql stable set search_path = '' as $$
  select case when coalesce(p_is_bot, false) then 'bot' else coalesce(
    (select cs.role from public.chat_staff cs where cs.chat_id = p_chat_id and cs.telegram_user_id = p_telegram_id),
    (select 'global_manager' from public.settings s where p_telegram_id = any (s.global_manager_telegram_ids)),
    'client') end
$$;
comment on function authz.chat_role(bigint, bigint, boolean) is
  'bot | accountant | manager (the chat''s staff role) | global_manager | client: what a Telegram user is in a chat (null chat: global manager or client).';

-- Definer: a name is the same whoever asks, though RLS hides other staff rows from an accountant.
create function authz.staff_display_name(p_telegram_id bigint, p_chat_id bigint default null) returns text
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select s.full_name from public.staff s where s.telegram_user_id = p_telegram_id),
    (select cs.display_name from public.chat_staff cs
      where cs.telegram_user_id = p_telegram_id and cs.display_name is not null
      order by cs.chat_id is not distinct from p_chat_id desc, cs.created_at, cs.chat_id limit 1))
$$;
comment on function authz.staff_display_name(bigint, bigint) is
  'The firm''s name for a Telegram user: the console''s full name, else the chat''s display name (this chat first), else null.';

create function authz.person_name(p_telegram_id bigint, p_chat_id bigint default null, p_telegram_name text default null)
returns text
language sql stable set search_path = '' as $$
  select coalesce(authz.staff_display_name(p_telegram_id, p_chat_id), nullif(btrim(p_telegram_name), ''), 'id ' || p_telegram_id)
$$;
comment on function authz.person_name(bigint, bigint, text) is
  'Name to show for a Telegram user: authz.staff_display_name, else their Telegram name, else "id <n>". Never null for a known id.';

-- Stand-ins for a chat's managers: alerts, client requests without an accountant, low ratings and DMs
-- nobody could receive all go to the chat's own managers, or to the global managers when it has none.
create function authz.chat_managers(p_chat_id bigint) returns table (telegram_user_id bigint, audience text)
language sql stable as $$
  select cs.telegram_user_id, 'managers' from public.chat_staff cs where cs.chat_id = p_chat_id and cs.role = 'manager'
  union all
  select g.id, 'global_managers' from public.settings s cross join unnest(s.global_manager_telegram_ids) g (id)
   where not exists (select from public.chat_staff cs where cs.chat_id = p_chat_id and cs.role = 'manager')
$$;
comment on function authz.chat_managers(bigint) is
  'The chat''s managers (audience managers), else the global managers (audience global_managers).';

grant execute on function authz.chat_role(bigint, bigint, boolean), authz.chat_managers(bigint) to service_role;
-- Names also for the console's reports, which run as the logged-in user.
grant execute on function authz.staff_display_name(bigint, bigint), authz.person_name(bigint, bigint, text)
  to authenticated, service_role;
