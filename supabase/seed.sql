-- Demo data for the local stack (`npm start`). Never run against production.
-- One login per role; the passwords are printed by `npm start`.
-- The rows are complete for real Supabase Auth too: GoTrue cannot read a user whose token columns are
-- NULL, and an email login needs its auth.identities row.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
  phone_change, phone_change_token, reauthentication_token, raw_app_meta_data, raw_user_meta_data)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
  extensions.crypt(u.password, extensions.gen_salt('bf', 8)), now(), '', '', '', '', '', '', '', '',
  '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', u.full_name)
from (values
  ('00000000-0000-4000-a000-000000000001'::uuid, 'admin@buhbot.local', 'admin-demo', 'Анна Админова'),
  ('00000000-0000-4000-a000-000000000002', 'manager@buhbot.local', 'manager-demo', 'Мария Руководитель'),
  ('00000000-0000-4000-a000-000000000003', 'accountant@buhbot.local', 'accountant-demo', 'Ольга Бухгалтер'),
  ('00000000-0000-4000-a000-000000000004', 'observer@buhbot.local', 'observer-demo', 'Олег Наблюдатель')
) as u (id, email, password, full_name)
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email', now()
from auth.users u where u.email like '%@buhbot.local'
on conflict (provider_id, provider) do nothing;

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

-- ---- H2: demo SLA history (begin) ---------------------------------------------------------------------
-- Two weeks of client requests in the demo chats, fed through the webhook's own RPCs at fixed local hours
-- of the working days before today, so the dashboard has compliance, response times and breaches to show.
-- ООО «Ромашка»: two questions a day, answered by the accountant after 5–95 min (60-min threshold).
-- ИП Сидоров: no accountant yet; one question a day, closed by the manager by hand (30-min threshold).
-- Nothing is left open and no tick runs here, so starting the demo sends no alerts. Message ids 9000000+.
do $$
declare
  v_questions text[] := array['Когда будет готова декларация по НДС?', 'Пришлите, пожалуйста, акт сверки с поставщиком',
    'Нужна справка 2-НДФЛ для сотрудника', 'Где счёт за прошлый месяц?', 'Подскажите, до какого числа платить аванс по УСН?',
    'Отправили выписку, проверьте, пожалуйста, всё ли есть'];
  v_delays integer[] := array[12, 25, 45, 70, 8, 95, 30, 15, 55, 5, 40, 20];
  v_day date;
  v_slot integer;
  v_n integer := 0;
  v_at timestamptz;
  v_id bigint;
  v_chat bigint;
begin
  for v_day in select d::date from generate_series(current_date - 14, current_date - 1, interval '1 day') d loop
    foreach v_slot in array array[1, 2, 3] loop
      v_chat := case when v_slot < 3 then -1001000000001 else -1001000000002 end;
      v_at := (v_day + case v_slot when 1 then time '10:00' when 2 then time '15:00' else time '11:30' end)
              at time zone (sla.get_schedule(v_chat) ->> 'timezone');
      continue when not sla.is_working_time(v_chat, v_at);
      v_n := v_n + 1;
      v_id := 9000000 + (v_day - date '2025-01-01') * 10 + v_slot * 2;
      perform public.record_message(jsonb_build_object('chat_id', v_chat, 'message_id', v_id, 'sender_telegram_id', 710000 + v_n % 3,
        'sender_name', (array['Иван Петров', 'Светлана Кузнецова', 'Олег Сидоров'])[1 + v_n % 3], 'kind', 'text',
        'text', v_questions[1 + v_n % 6], 'sent_at', v_at), v_at);
      perform public.classify_message(v_chat, v_id, 'REQUEST', 'rules', v_at);
      v_at := v_at + make_interval(mins => v_delays[1 + v_n % 12]);
      if v_chat = -1001000000001 then
        perform public.record_message(jsonb_build_object('chat_id', v_chat, 'message_id', v_id + 1, 'sender_telegram_id', 700003,
          'sender_name', 'Ольга', 'kind', 'text', 'text', 'Добрый день! Посмотрела, всё сделаем сегодня.', 'sent_at', v_at), v_at);
      else
        perform sla.resolve_request((select r.id from public.requests r where r.chat_id = v_chat and r.status = 'open'),
                                       'Мария Руководитель', v_at);
      end if;
    end loop;
  end loop;
end $$;
-- ---- H2: demo SLA history (end) -----------------------------------------------------------------------
