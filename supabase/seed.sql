-- Demo data for the local stack (`npm start`). Never run against production.
-- One login per role; the passwords are printed by `npm start`.
insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
values
  ('00000000-0000-4000-a000-000000000001', 'admin@buhbot.local', extensions.crypt('admin-demo', extensions.gen_salt('bf', 8)), now(), '{"provider":"email"}', '{"full_name":"Анна Админова"}'),
  ('00000000-0000-4000-a000-000000000002', 'manager@buhbot.local', extensions.crypt('manager-demo', extensions.gen_salt('bf', 8)), now(), '{"provider":"email"}', '{"full_name":"Мария Руководитель"}'),
  ('00000000-0000-4000-a000-000000000003', 'accountant@buhbot.local', extensions.crypt('accountant-demo', extensions.gen_salt('bf', 8)), now(), '{"provider":"email"}', '{"full_name":"Ольга Бухгалтер"}'),
  ('00000000-0000-4000-a000-000000000004', 'observer@buhbot.local', extensions.crypt('observer-demo', extensions.gen_salt('bf', 8)), now(), '{"provider":"email"}', '{"full_name":"Олег Наблюдатель"}')
on conflict (id) do nothing;

insert into public.staff (id, full_name, role, telegram_user_id, telegram_username) values
  ('00000000-0000-4000-a000-000000000001', 'Анна Админова', 'admin', 700001, 'anna_admin'),
  ('00000000-0000-4000-a000-000000000002', 'Мария Руководитель', 'manager', 700002, 'maria_manager'),
  ('00000000-0000-4000-a000-000000000003', 'Ольга Бухгалтер', 'accountant', 700003, 'olga_buh'),
  ('00000000-0000-4000-a000-000000000004', 'Олег Наблюдатель', 'observer', 700004, 'oleg_observer')
on conflict (id) do nothing;

update public.settings set global_manager_telegram_ids = '{700002}' where global_manager_telegram_ids = '{}';

insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes, bot_can_read_all) values
  (-1001000000001, 'ООО «Ромашка» — бухгалтерия', 'supergroup', true, 60, true),
  (-1001000000002, 'ИП Сидоров', 'supergroup', true, 30, true),
  (-1001000000003, 'АО «Вектор» (не подключён)', 'group', false, 60, null)
on conflict (id) do nothing;

insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name) values
  (-1001000000001, 700003, 'accountant', true, 'Ольга Бухгалтер'),
  (-1001000000001, 700002, 'manager', false, 'Мария Руководитель'),
  (-1001000000002, 700002, 'manager', false, 'Мария Руководитель')
on conflict do nothing;

-- ---- H1: demo calendars (begin) ---------------------------------------------------------------------
-- «Ромашка» has its own calendar equal to the default (Mon–Fri 09:00–18:00 Moscow); «ИП Сидоров» breaks
-- for lunch 13:00–14:00; «Вектор» has none and follows the global calendar. Both still get the global
-- production-calendar holidays.
select sla.set_schedule(-1001000000001, '{"timezone": "Europe/Moscow", "is_24x7": false,
  "week": {"1": [["09:00", "18:00"]], "2": [["09:00", "18:00"]], "3": [["09:00", "18:00"]],
           "4": [["09:00", "18:00"]], "5": [["09:00", "18:00"]], "6": [], "7": []},
  "holidays": [], "workdays": {}}')
where not exists (select 1 from public.calendars where chat_id = -1001000000001);
select sla.set_schedule(-1001000000002, '{"timezone": "Europe/Moscow", "is_24x7": false,
  "week": {"1": [["09:00", "13:00"], ["14:00", "18:00"]], "2": [["09:00", "13:00"], ["14:00", "18:00"]],
           "3": [["09:00", "13:00"], ["14:00", "18:00"]], "4": [["09:00", "13:00"], ["14:00", "18:00"]],
           "5": [["09:00", "13:00"], ["14:00", "18:00"]], "6": [], "7": []},
  "holidays": [], "workdays": {}}')
where not exists (select 1 from public.calendars where chat_id = -1001000000002);
-- ---- H1: demo calendars (end) -----------------------------------------------------------------------
