-- The console sandbox's demo chat (npm start applies it after the demo seed; never run against
-- production). A 2-minute threshold, 24/7: a question typed in the sandbox gets its warning and its
-- breach DM within about three minutes, at any hour. Kept out of supabase/seed.sql so the tests' figures
-- over the demo chats stay as they are; the sandbox's e2e test applies it to its own stack.
insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes, bot_can_read_all) values
  (-1001000000099, 'Песочница: ООО «Демо»', 'supergroup', true, 2, true)
on conflict (id) do nothing;

insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name) values
  (-1001000000099, 700003, 'accountant', true, 'Ольга Бухгалтер'),
  (-1001000000099, 700002, 'manager', false, 'Мария Руководитель')
on conflict do nothing;

select sla.set_schedule(-1001000000099, '{"timezone": "Europe/Moscow", "is_24x7": true}')
where not exists (select 1 from public.calendars where chat_id = -1001000000099);
