-- Every text the database puts in the outbox, rendered from one working day of one client chat, as a table
-- a proofreader can read top to bottom: warnings (minutes left, under a minute), the breach and its repeat,
-- the manager's reminder to the accountant, the edits when a request is answered or closed by hand, the
-- client's /menu requests, the survey and its reminder, the low-rating alert, a DM re-addressed to the
-- managers and the admins' delivery failure notice. Every payload is HTML without link previews.
begin;
create extension if not exists pgtap with schema extensions;
select plan(7);
\ir helpers/sla_fixture.psql
delete from public.survey_deliveries;
do $$
declare v_alert bigint; v_row public.outbox; v_delivery bigint; v_survey bigint;
begin
  -- Mon 6 Jan 2025, MSK. Chat A (a supergroup) waits 95 minutes for its answer; chat B (a basic group) is
  -- closed by its manager with under a minute left; then the client menu, a survey, a low rating, failures.
  perform pg_temp.chat(-1006000000001, true, 'ООО «Ромашка» & Co');
  perform pg_temp.chat(-1006000000002, true, 'ИП Сидоров', 'group');
  perform pg_temp.ask(-1006000000001, 1, '2025-01-06T07:00:00Z');
  perform pg_temp.ask(-1006000000002, 1, '2025-01-06T07:05:00Z');
  perform sla.tick('2025-01-06T07:48:00Z');
  perform sla.tick('2025-01-06T08:04:30Z');
  update public.outbox set status = 'sent', telegram_message_id = id + 5000;
  select a.id into v_alert from public.alerts a where a.chat_id = -1006000000002 and a.kind = 'warning';
  perform public.alert_action(v_alert, 'resolve', 800002, '2025-01-06T08:04:50Z');
  perform sla.tick('2025-01-06T08:30:00Z');
  select a.id into v_alert from public.alerts a where a.chat_id = -1006000000001 and a.kind = 'breach';
  perform public.alert_action(v_alert, 'notify', 800002, '2025-01-06T08:31:00Z');
  update public.outbox set status = 'sent', telegram_message_id = id + 5000 where status = 'pending';
  perform pg_temp.say(-1006000000001, 2, 800001, '2025-01-06T08:35:00Z', 'Готово');
  perform public.contact_staff(-1006000000001, 10, 555001, 'Иван <Петров>', 'ivan_p', null, '2025-01-06T09:00:00Z');
  perform public.contact_staff(-1006000000002, 11, 555001, 'Иван <Петров>', null, '🧾 Акт сверки', '2025-01-06T09:00:00Z');
  insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
  values ('manual', 'Опрос', '2024-10-01', '2025-01-06T10:00:00Z', '2025-01-01', '2025-01-06T10:00:00Z', '2025-01-13T10:00:00Z', 'test')
  returning id into v_survey;
  perform feedback.deliver(v_survey, '2025-01-06T10:00:00Z');
  select d.id into v_delivery from public.survey_deliveries d where d.survey_id = v_survey and d.chat_id = -1006000000001;
  perform public.survey_vote(v_delivery, -1006000000001, 555001, 2, '2025-01-06T10:05:00Z', 'Иван <Петров>');
  select * into v_row from public.outbox o where o.kind = 'notify_accountant';
  v_row.last_error := '403 Forbidden: bot was blocked by the user';
  perform relay.on_failed(v_row, '2025-01-06T10:10:00Z');
  select * into v_row from public.outbox o where o.kind = 'survey' and o.chat_id = -1006000000002;
  v_row.last_error := '400 Bad Request: chat not found'; v_row.attempts := 3;
  perform relay.on_failed(v_row, '2025-01-06T10:10:00Z');
end $$;

-- The outbox, in the order the rows were written: kind, recipient, text.
select results_eq($$select kind, chat_id, regexp_replace(payload ->> 'text', '№\d+', '№N') from public.outbox order by id$$,
$$values
  ('warning', 800001, '⏳ <b>Скоро истечёт срок ответа клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⌛ Осталось 12 мин рабочего времени — ответить до 06.01.2025 11:00'),
  ('breach', 800001, '🚨 <b>Нарушен срок ответа клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 4 мин рабочего времени'),
  ('breach', 800002, '🚨 <b>Нарушен срок ответа клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 4 мин рабочего времени'),
  ('warning', 800001, '⏳ <b>Скоро истечёт срок ответа клиенту</b>
💬 Чат: <b>ИП Сидоров</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:05 (МСК)
⌛ Осталось меньше минуты рабочего времени — ответить до 06.01.2025 11:05'),
  ('alert_update', 800001, '⏳ <b>Скоро истечёт срок ответа клиенту</b>
💬 Чат: <b>ИП Сидоров</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:05 (МСК)
⌛ Осталось меньше минуты рабочего времени — ответить до 06.01.2025 11:05

☑️ <b>Закрыто вручную</b>: Руководитель Борис, 06.01.2025 11:04'),
  ('escalation', 800001, '🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор 1 из 5)
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 30 мин рабочего времени'),
  ('escalation', 800002, '🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор 1 из 5)
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 30 мин рабочего времени'),
  ('notify_accountant', 800001, '🔔 <b>Руководитель Борис просит ответить клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)'),
  ('alert_update', 800001, '⏳ <b>Скоро истечёт срок ответа клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⌛ Осталось 12 мин рабочего времени — ответить до 06.01.2025 11:00

✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 11:35 (ответ через 95 мин, срок нарушен)'),
  ('alert_update', 800001, '🚨 <b>Нарушен срок ответа клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 4 мин рабочего времени

✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 11:35 (ответ через 95 мин, срок нарушен)'),
  ('alert_update', 800002, '🚨 <b>Нарушен срок ответа клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 4 мин рабочего времени

✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 11:35 (ответ через 95 мин, срок нарушен)'),
  ('alert_update', 800001, '🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор 1 из 5)
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 30 мин рабочего времени

✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 11:35 (ответ через 95 мин, срок нарушен)'),
  ('alert_update', 800002, '🔁 <b>Клиент всё ещё ждёт ответа</b> (повтор 1 из 5)
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)
⏰ Срок ответа (60 мин) истёк в 06.01.2025 11:00, просрочка 30 мин рабочего времени

✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 11:35 (ответ через 95 мин, срок нарушен)'),
  ('client_contact', 800001, '✉️ <b>Клиент просит связаться</b>
👤 Иван &lt;Петров&gt; (@ivan_p)
💬 Чат: «ООО «Ромашка» &amp; Co»'),
  ('service_request', 800001, '📝 <b>Заказ услуги: 🧾 Акт сверки</b>
👤 Иван &lt;Петров&gt;
💬 Чат: «ИП Сидоров»'),
  ('survey', -1006000000002, '📊 <b>Оцените, пожалуйста, нашу работу</b>
⭐ Насколько вы довольны работой бухгалтерии? Выберите оценку от 1 до 5 — каждый участник чата голосует отдельно.
✏️ Оценку можно изменить или отозвать. Чтобы оставить комментарий, ответьте на это сообщение.
⏳ Опрос открыт до 13.01.2025 13:00.'),
  ('survey', -1006000000001, '📊 <b>Оцените, пожалуйста, нашу работу</b>
⭐ Насколько вы довольны работой бухгалтерии? Выберите оценку от 1 до 5 — каждый участник чата голосует отдельно.
✏️ Оценку можно изменить или отозвать. Чтобы оставить комментарий, ответьте на это сообщение.
⏳ Опрос открыт до 13.01.2025 13:00.'),
  ('low_rating', 800002, '⚠️ <b>Низкая оценка клиента: 2 из 5</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Иван &lt;Петров&gt;
🕒 06.01.2025 13:05'),
  ('survey_invite', -1006000000001, '✏️ Иван &lt;Петров&gt;, спасибо за оценку! Если хотите что-то добавить, <b>ответьте на это сообщение</b> — ваш ответ станет комментарием к оценке.'),
  ('dm_fallback', 800002, '⚠️ Не удалось доставить сообщение сотруднику <b>Бухгалтер Анна</b>: бот заблокирован или диалог с ботом не начат. Пересылаю вам.

🔔 <b>Руководитель Борис просит ответить клиенту</b>
💬 Чат: <b>ООО «Ромашка» &amp; Co</b>
👤 Клиент: Клиент Иван
📝 «Когда будет готова декларация?»
🕒 Получено: 06.01.2025 10:00 (МСК)'),
  ('admin_notice', 700001, '⚠️ <b>BuhBot не смог доставить сообщение</b>
Тип: <code>survey</code>
Получатель: <code>-1006000000002</code>
Причина: 400 Bad Request: chat not found
Попыток: 3
Запись outbox №N')
$$, 'every outbox text of the day');

-- The reminder is not due on the first day; it reads:
select is((select feedback.message(d, true) ->> 'text' from public.survey_deliveries d where d.chat_id = -1006000000001),
'🔔 <b>Напоминаем об опросе: оцените, пожалуйста, нашу работу</b>
⭐ Насколько вы довольны работой бухгалтерии? Выберите оценку от 1 до 5 — каждый участник чата голосует отдельно.
✏️ Оценку можно изменить или отозвать. Чтобы оставить комментарий, ответьте на это сообщение.
⏳ Опрос открыт до 13.01.2025 13:00.', 'the survey reminder');

-- How a closed request's line reads, by case.
select is(sla.closing_line(jsonb_populate_record(null::public.requests, t.req || '{"chat_id": -1006000000001, "answered_by_telegram_id": 800001,
            "schedule": {"timezone": "Europe/Moscow"}}')), t.line, t.what)
from (values
  ('{"status": "answered", "answered_at": "2025-01-06T07:00:40Z", "response_working_seconds": 40, "breached": false}'::jsonb,
   '✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 10:00 (ответ меньше чем через минуту, в срок)', 'answered within a minute'),
  ('{"status": "answered", "answered_at": "2025-01-06T07:59:00Z", "response_working_seconds": 3540, "breached": false}',
   '✅ <b>Ответ дан</b>: Бухгалтер Анна, 06.01.2025 10:59 (ответ через 59 мин, в срок)', 'answered on time'),
  ('{"status": "resolved", "resolved_at": "2025-01-06T09:00:00Z", "resolved_by": "Мария <Руководитель> (консоль)"}',
   '☑️ <b>Закрыто вручную</b>: Мария &lt;Руководитель&gt; (консоль), 06.01.2025 12:00', 'closed by hand in the console')
) t (req, line, what);

-- One payload shape for every text row: HTML, no link previews, the keyboard when there is one.
select is((select count(*) from public.outbox o where o.payload ->> 'text' is not null
             and not o.payload @> '{"parse_mode": "HTML", "link_preview_options": {"is_disabled": true}}'), 0::bigint,
          'every text row is HTML without link previews');
select is(sla.html_message('<b>Привет</b>', '{"inline_keyboard": []}'),
          '{"text": "<b>Привет</b>", "parse_mode": "HTML", "reply_markup": {"inline_keyboard": []}, "link_preview_options": {"is_disabled": true}}',
          'the payload helper with a keyboard');

select * from finish();
rollback;
