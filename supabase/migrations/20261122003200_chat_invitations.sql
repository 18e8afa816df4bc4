-- =====================================================================================================
-- Chat invitations: how a client group is connected from Telegram. A staff member asks the bot for a
-- one-time code in a private chat (/newchat); anyone in the group sends `/connect <code>`; the group is
-- registered (if needed), SLA is switched on, and the code's creator becomes the chat's accountant
-- (primary if the chat has none) or manager. A code works once and expires.
-- A chat that is already connected (it has staff, or SLA is on) is somebody's client: an accountant's code
-- cannot add its creator there on its own — otherwise any accountant invited into a group could make
-- themselves its staff and read its history. There it takes a manager's code, or a manager of that chat
-- (or a global manager) sending /connect. The audit rows name the Telegram user who sent /connect.
-- =====================================================================================================

create table public.chat_invitations (
  code text primary key check (code ~ '^[A-HJ-NP-Z2-9]{8}$'),
  created_by_telegram_id bigint not null check (created_by_telegram_id > 0),
  staff_role text not null check (staff_role in ('accountant', 'manager')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_telegram_id bigint,
  chat_id bigint references public.chats (id) on update cascade on delete set null,
  check (expires_at > created_at),
  check (chat_id is null or used_at is not null)
);
comment on table public.chat_invitations is
  'One-time codes for /connect: made by staff with /newchat, single use, expire; record which chat used them.';
comment on column public.chat_invitations.staff_role is 'Role the creator takes in the connected chat.';
create index chat_invitations_by_creator on public.chat_invitations (created_by_telegram_id, created_at desc);

alter table public.chat_invitations enable row level security;
create policy chat_invitations_select on public.chat_invitations for select to authenticated
  using ((select authz.is_manager()) or created_by_telegram_id = (select authz.telegram_user_id()));
revoke insert, update, delete, truncate on public.chat_invitations from authenticated;

-- 8 characters from an alphabet without look-alikes (no I, O, 0, 1): 32^8 ≈ 10^12 codes.
create function sla.new_invitation_code() returns text
language sql volatile set search_path = '' as $$
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(b, i) % 32) + 1, 1), '' order by i)
    from (select extensions.gen_random_bytes(8) as b) r, generate_series(0, 7) as i
$$;
comment on function sla.new_invitation_code() is 'A random invitation code (8 characters, no look-alike letters or digits).';

create function public.create_invitation(
  p_telegram_user_id bigint,
  p_now timestamptz default now(),
  p_valid_for interval default interval '24 hours'
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_role text := sla.telegram_role(p_telegram_user_id);
  v_code text;
begin
  if v_role not in ('admin', 'manager', 'accountant') then
    return jsonb_build_object('ok', false, 'reason', 'not_staff');
  end if;
  loop
    v_code := sla.new_invitation_code();
    insert into public.chat_invitations (code, created_by_telegram_id, staff_role, created_at, expires_at)
    values (v_code, p_telegram_user_id, case v_role when 'accountant' then 'accountant' else 'manager' end,
            p_now, p_now + p_valid_for)
    on conflict (code) do nothing;
    exit when found;
  end loop;
  return jsonb_build_object('ok', true, 'code', v_code, 'expires_at', p_now + p_valid_for);
end $$;
comment on function public.create_invitation(bigint, timestamptz, interval) is
  'Makes a one-time /connect code for an admin, manager or accountant; {ok:false, reason:"not_staff"} for anyone else.';

create function sla.chat_is_connected(p_chat_id bigint) returns boolean
language sql stable set search_path = '' as $$
  select exists (select from public.chats c where c.id = p_chat_id and c.sla_enabled)
      or exists (select from public.chat_staff cs where cs.chat_id = p_chat_id)
$$;
comment on function sla.chat_is_connected(bigint) is 'True when the chat already has staff or SLA monitoring on, i.e. it belongs to someone.';

create function public.redeem_invitation(
  p_code text,
  p_chat_id bigint,
  p_chat_title text,
  p_chat_type text,
  p_telegram_user_id bigint,
  p_now timestamptz default now()
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_inv public.chat_invitations;
begin
  select * into v_inv from public.chat_invitations where code = upper(btrim(p_code)) for update;
  if not found then
    return jsonb_build_object('ok', false, 'reason', 'not_found');
  elsif v_inv.used_at is not null then
    return jsonb_build_object('ok', false, 'reason', case when v_inv.chat_id = p_chat_id then 'already_connected' else 'used' end);
  elsif v_inv.expires_at <= p_now then
    return jsonb_build_object('ok', false, 'reason', 'expired');
  elsif v_inv.staff_role <> 'manager' and sla.chat_is_connected(p_chat_id)
        and sla.telegram_role(p_telegram_user_id, p_chat_id) not in ('admin', 'manager') then
    return jsonb_build_object('ok', false, 'reason', 'needs_manager');
  end if;
  perform authz.act_for_telegram_user(p_telegram_user_id);
  insert into public.chats as c (id, title, chat_type, sla_enabled, monitoring_enabled)
  values (p_chat_id, left(coalesce(p_chat_title, ''), 255), p_chat_type, true, true)
  on conflict (id) do update set sla_enabled = true, monitoring_enabled = true,
                                 title = coalesce(nullif(excluded.title, ''), c.title);
  insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
  select p_chat_id, v_inv.created_by_telegram_id, v_inv.staff_role,
         v_inv.staff_role = 'accountant'
           and not exists (select from public.chat_staff cs where cs.chat_id = p_chat_id and cs.is_primary),
         authz.staff_display_name(v_inv.created_by_telegram_id)
  on conflict (chat_id, telegram_user_id) do nothing;
  update public.chat_invitations
     set used_at = p_now, used_by_telegram_id = p_telegram_user_id, chat_id = p_chat_id
   where code = v_inv.code;
  return jsonb_build_object('ok', true, 'chat_id', p_chat_id, 'staff_role', v_inv.staff_role,
    'staff_telegram_id', v_inv.created_by_telegram_id,
    'staff_name', authz.staff_display_name(v_inv.created_by_telegram_id, p_chat_id));
end $$;
comment on function public.redeem_invitation(text, bigint, text, text, bigint, timestamptz) is
  '/connect <code>: links the group (SLA on, monitoring on) and its creator as accountant or manager; reasons not_found, used, already_connected, expired, needs_manager (an accountant''s code in a connected chat, sent by a non-manager).';

grant execute on function public.create_invitation(bigint, timestamptz, interval),
  public.redeem_invitation(text, bigint, text, text, bigint, timestamptz) to service_role;
