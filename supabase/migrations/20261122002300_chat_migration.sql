-- =====================================================================================================
-- Group → supergroup migration (Telegram's migrate_to_chat_id / migrate_from_chat_id).
-- sla.migrate_chat(old, new) moves the chat and everything that refers to it — message history,
-- requests with their open SLA state, alerts, staff, calendar, surveys, every table keyed by chat — to the new id
-- in one transaction: every foreign key to public.chats is ON UPDATE CASCADE, so that is one UPDATE of
-- chats.id. Telegram delivers both service messages, in either order, and the supergroup may already
-- have written (so an unknown chat with the new id was registered with SLA off). Then the two are
-- merged: the new chat's rows are re-pointed to the old chat first, the old chat's configuration wins
-- where both have one (a table where re-pointing would break a unique key keeps the old chat's rows),
-- and the supergroup's title and last activity are kept. A repeated call is a no-op.
-- Messages keep their source_chat_id, so old group and supergroup message ids never collide.
-- =====================================================================================================

-- Re-points every row referring to chat p_from to chat p_to, for every foreign key to public.chats.
create function sla.repoint_chat_rows(p_from bigint, p_to bigint) returns void
language plpgsql set search_path = '' as $$
declare
  v_fk record;
begin
  for v_fk in
    select c.conrelid::regclass tbl, a.attname col
      from pg_catalog.pg_constraint c
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f' and c.confrelid = 'public.chats'::regclass and cardinality(c.conkey) = 1
     order by c.conrelid::regclass::text
  loop
    begin
      execute format('update %s set %I = $1 where %I = $2', v_fk.tbl, v_fk.col, v_fk.col) using p_to, p_from;
    exception when unique_violation then
      -- Both chats have a row where only one may exist (staff member, calendar…): p_to's stays.
      execute format('delete from %s where %I = $1', v_fk.tbl, v_fk.col) using p_from;
    end;
  end loop;
end $$;
comment on function sla.repoint_chat_rows(bigint, bigint) is
  'Moves all rows of every table referring to chat p_from over to chat p_to; where that would duplicate a unique key, p_from''s rows are dropped.';

create function sla.migrate_chat(p_old bigint, p_new bigint, p_now timestamptz default now())
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_old public.chats;
  v_new public.chats;
begin
  if p_old is null or p_new is null or p_old = p_new then
    raise exception 'migrate_chat: two different chat ids are required (got % → %)', p_old, p_new using errcode = '22023';
  end if;
  perform 1 from public.chats c where c.id in (p_old, p_new) order by c.id for update;  -- fixed order: no deadlock
  select * into v_old from public.chats c where c.id = p_old;
  select * into v_new from public.chats c where c.id = p_new;
  if v_old.id is null then
    return jsonb_build_object('migrated', false, 'merged', false, 'chat_id', sla.current_chat_id(p_old),
      'reason', case when sla.current_chat_id(p_old) = p_new then 'already migrated' else 'unknown chat' end);
  end if;
  if v_new.id is not null then
    perform sla.repoint_chat_rows(p_new, p_old);
    delete from public.chats c where c.id = p_new;
  end if;
  update public.chats c
     set id = p_new, chat_type = 'supergroup', title = coalesce(nullif(v_new.title, ''), c.title),
         last_message_at = greatest(c.last_message_at, v_new.last_message_at)
   where c.id = p_old;
  insert into public.chat_migrations (old_chat_id, new_chat_id, migrated_at) values (p_old, p_new, p_now)
  on conflict (old_chat_id) do update set new_chat_id = excluded.new_chat_id, migrated_at = excluded.migrated_at;
  insert into public.sla_events (chat_id, kind, at, data)
  values (p_new, 'migrated', p_now, jsonb_build_object('from', p_old, 'merged', v_new.id is not null));
  return jsonb_build_object('migrated', true, 'merged', v_new.id is not null, 'chat_id', p_new);
end $$;
comment on function sla.migrate_chat(bigint, bigint, timestamptz) is
  'Group → supergroup: moves the chat with all its history, requests, alerts and settings to the new id in one transaction, merging a chat already registered under the new id. Idempotent. Returns {migrated, merged, chat_id}.';
grant execute on function sla.migrate_chat(bigint, bigint, timestamptz) to service_role;
