-- =====================================================================================================
-- A message to a group that Telegram has upgraded to a supergroup fails with 400 "group chat was upgraded
-- to a supergroup chat" and parameters.migrate_to_chat_id. The relay then moves the chat (as the webhook
-- does when it sees migrate_to_chat_id first) and re-addresses every open outbox row of the old id, this
-- one included, so the message goes to the new id at once instead of failing.
-- =====================================================================================================

create function public.relay_migrated(p_id bigint, p_worker text, p_new_chat_id bigint, p_now timestamptz default now())
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_old bigint;
  v_moved integer;
begin
  select o.chat_id into v_old from public.outbox o
   where o.id = p_id and o.status = 'sending' and o.claimed_by = p_worker for update;
  if not found or v_old = p_new_chat_id then
    return null;
  end if;
  perform public.migrate_chat(v_old, p_new_chat_id, p_now);
  update public.settings s set internal_team_chat_id = p_new_chat_id where s.internal_team_chat_id = v_old;
  update public.outbox o
     set status = 'pending', lease_until = null, claimed_by = null, not_before = p_now,
         last_error = format('group %s was upgraded to supergroup %s', v_old, p_new_chat_id)
   where o.id = p_id;
  update public.outbox o set chat_id = p_new_chat_id where o.chat_id = v_old and o.status in ('pending', 'sending');
  get diagnostics v_moved = row_count;
  return v_moved;
end $$;
comment on function public.relay_migrated(bigint, text, bigint, timestamptz) is
  'Relay: the row''s group became supergroup p_new_chat_id. Moves the chat (public.migrate_chat), the team chat setting and every open row of the old id to the new one; the row is due again at once. Returns how many rows were re-addressed, null if the worker no longer held the row.';
grant execute on function public.relay_migrated(bigint, text, bigint, timestamptz) to service_role;
