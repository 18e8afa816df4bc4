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
-- ---- H5: demo FAQ and reply templates (begin) ---------------------------------------------------------
-- Keywords that occur together: an item answers when at least faq_min_score (0.5) of them are present.
insert into public.faq (question, answer, keywords) values
  ('Ваши реквизиты',
   '💳 Наши реквизиты есть в договоре и в каждом счёте. Если нужна отдельная карточка организации, бухгалтер пришлёт её.',
   '{"ваши реквизиты"}'),
  ('Срок уплаты ЕНП',
   '📅 Единый налоговый платёж перечисляется до 28-го числа месяца, уведомление об исчисленных суммах подаётся до 25-го.',
   '{енп,"до какого числа","срок уплаты"}'),
  ('Режим работы',
   '🕘 Мы работаем по будням с 9:00 до 18:00 по Москве. Сообщения в выходные увидим в понедельник утром.',
   '{работаете,"до скольки","во сколько"}'),
  ('Сколько раз в месяц платить зарплату',
   '💰 По Трудовому кодексу зарплату платят не реже двух раз в месяц, с промежутком не больше 15 дней; даты — в трудовом договоре.',
   '{зарплат*,"сколько раз","два раза"}')
on conflict (question) do nothing;

insert into public.templates (category, title, body) values
  ('Документы', 'Документы получены',
   'Здравствуйте, {{client_name}}! Документы получили {{date}} в {{time}}, возьмём в работу сегодня.'),
  ('Документы', 'Нужны оригиналы',
   '{{client_name}}, для закрытия периода нужны оригиналы документов. Пожалуйста, передайте их курьером или привезите в офис.'),
  ('Оплата', 'Платёжка готова',
   '{{client_name}}, платёжное поручение подготовлено и загружено в банк-клиент. Пожалуйста, подпишите его сегодня.'),
  ('Налоги', 'Декларация сдана',
   'Декларация по «{{chat_title}}» сдана {{date}}. Квитанцию о приёме пришлём, как только придёт. {{accountant_name}}'),
  ('Общее', 'Ответим позже',
   'Здравствуйте, {{client_name}}! Вопрос принят, отвечу до конца рабочего дня. {{accountant_name}}')
on conflict (category, title) do nothing;
-- ---- H5: demo FAQ and reply templates (end) -----------------------------------------------------------
