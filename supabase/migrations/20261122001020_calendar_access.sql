-- =====================================================================================================
-- Calendar access: who may read and change calendars, enforced by RLS, and the console's RPCs that read
-- and replace a calendar as a document with clear refusals.
-- =====================================================================================================

-- ---------------------------------------------------------------------------------------------------
-- Who may read and change calendars (same matrix as chats): every staff member reads the global
-- calendar; chat calendars are read by whoever sees the chat; managers and admins change chat
-- calendars; only admins change the global calendar; nobody deletes it.
-- ---------------------------------------------------------------------------------------------------

alter table public.calendars enable row level security;
create policy calendars_select on public.calendars for select to authenticated
  using ((chat_id is null and (select authz.role()) is not null) or (select authz.sees_all_chats())
         or chat_id in (select authz.my_chat_ids()));
create policy calendars_manager_insert on public.calendars for insert to authenticated
  with check ((select authz.is_manager()) and (chat_id is not null or (select authz.is_admin())));
create policy calendars_manager_update on public.calendars for update to authenticated
  using ((select authz.is_manager()) and (chat_id is not null or (select authz.is_admin())))
  with check ((select authz.is_manager()) and (chat_id is not null or (select authz.is_admin())));
create policy calendars_manager_delete on public.calendars for delete to authenticated
  using (chat_id is not null and (select authz.is_manager()));

-- ---------------------------------------------------------------------------------------------------
-- Console RPCs (PostgREST, authenticated). The checks mirror the policies above, with clear messages.
-- ---------------------------------------------------------------------------------------------------

create function public.get_chat_schedule(p_chat_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if authz.role() is null
     or (p_chat_id is not null and not authz.sees_all_chats() and p_chat_id not in (select authz.my_chat_ids())) then
    raise exception 'not allowed to read this calendar' using errcode = 'insufficient_privilege';
  end if;
  if p_chat_id is not null and not exists (select 1 from public.chats c where c.id = p_chat_id) then
    raise exception 'chat % not found', p_chat_id using errcode = 'no_data_found';
  end if;
  return (
    select jsonb_build_object('chat_id', p_chat_id, 'inherited', p_chat_id is not null and own.id is null,
                              'schedule', sla.calendar_document(coalesce(own, global)),
                              'effective', effective.doc,
                              'week_ahead', sla.week_ahead(effective.doc, (now() at time zone (effective.doc ->> 'timezone'))::date))
    from public.calendars global
    cross join sla.get_schedule(p_chat_id) effective (doc)
    left join public.calendars own on own.chat_id = p_chat_id
    where global.chat_id is null);
end $$;
comment on function public.get_chat_schedule(bigint) is
  'Console: {chat_id, inherited, schedule, effective, week_ahead}. schedule = the editable document (the chat''s own calendar, or the global one when inherited = true); effective = what working time is computed from; week_ahead = sla.week_ahead of it from today (server clock). Null chat = the global calendar.';

create function public.set_chat_schedule(p_chat_id bigint, p_schedule jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if p_chat_id is null and not authz.is_admin() then
    raise exception 'only an admin may change the global calendar' using errcode = 'insufficient_privilege';
  end if;
  if not authz.is_manager() then
    raise exception 'only a manager or an admin may change a chat calendar' using errcode = 'insufficient_privilege';
  end if;
  perform sla.set_schedule(p_chat_id, p_schedule);
  return public.get_chat_schedule(p_chat_id);
end $$;
comment on function public.set_chat_schedule(bigint, jsonb) is
  'Console: replaces a chat''s calendar (manager/admin) or the global one (null chat, admin only); a null document makes the chat follow the global calendar again. Returns get_chat_schedule.';

grant execute on function public.get_chat_schedule(bigint), public.set_chat_schedule(bigint, jsonb) to authenticated;
