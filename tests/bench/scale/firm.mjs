// A realistic accounting firm generated in SQL for the scale benchmark: `chats` client groups over `days`
// days ending yesterday, written straight into the base tables with set-based INSERT … SELECT.
//
// Per chat and calendar day on average: 30 messages and 5 requests (clients write on working days, so a
// weekday carries 7 requests of 6 messages: the question, a clarification or document that joins it, the
// accountant's answer, the client's thanks, the bot's receipt, an edit of the question or a sticker).
// About 8 % of requests are answered after their deadline and 2 % are closed by hand; each late one has a
// warning and a breach alert with DMs to the accountant and the manager, edited when it is closed. One chat
// in five has a request open right now. Quarterly surveys with votes, the last 7 days of webhook updates
// (older ones are purged daily), and the console's audit trail complete the picture.
// Deadlines are wall-clock minutes inside the working day (questions come 09:00–16:00 Moscow time on
// weekdays), which is what the working-time functions give there; only the open requests call them.
// Requests and their messages refer to each other, so each chunk inserts both in one statement (foreign
// keys are checked when the statement ends); every trigger of the base tables fires as in production.

const CHAT0 = -1009100000000;
const DAY_REQUESTS = 7, REQUEST_MESSAGES = 6;
// Computed ids start above whatever the sequences handed out before (the empty-database measurements).
const ID0 = 1_000_000; // per weekday: 7 × 6 = 42 messages ≈ 30 per calendar day

/** The generation steps: [{ what, sql }]; the per-chunk steps repeat for every `chunkDays` days. */
export function firmSteps({ chats, days, chunkDays = 30 }) {
  const accountants = Math.max(1, Math.ceil(chats / 25)), managers = Math.max(1, Math.floor(chats / 250));
  // The demo accountant (telegram 700003) is accountant number 0: the console's accountant sees those chats.
  const accountant = (a) => `case when ${a} = 0 then 700003 else 900000 + ${a} end`;
  const steps = [
    {
      what: `${chats} chats, their staff and calendars`,
      sql: [
        `insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes, bot_can_read_all, created_at)
         select ${CHAT0} - c, format('ООО «Клиент %s» — бухгалтерия', c), 'supergroup', true,
                case when c % 10 = 1 then 120 else 60 end, true, date_trunc('day', now()) - interval '${days} days'
         from generate_series(0, ${chats - 1}) c`,
        `insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
         select ${CHAT0} - c, ${
          accountant(`c % ${accountants}`)
        }, 'accountant', true, format('Бухгалтер %s', c % ${accountants})
         from generate_series(0, ${chats - 1}) c
         union all
         select ${CHAT0} - c, 910000 + c % ${managers}, 'manager', false, format('Руководитель %s', c % ${managers})
         from generate_series(0, ${chats - 1}) c`,
        // One chat in ten has its own calendar with a lunch break; the rest follow the firm's.
        `select sla.set_schedule(${CHAT0} - c, '{"timezone": "Europe/Moscow", "is_24x7": false,
           "week": {"1": [["09:00", "13:00"], ["14:00", "18:00"]], "2": [["09:00", "13:00"], ["14:00", "18:00"]],
                    "3": [["09:00", "13:00"], ["14:00", "18:00"]], "4": [["09:00", "13:00"], ["14:00", "18:00"]],
                    "5": [["09:00", "13:00"], ["14:00", "18:00"]], "6": [], "7": []},
           "holidays": [], "workdays": {}}')
         from generate_series(0, ${chats - 1}, 10) c`,
        `create temp table firm_chat as
         select ${CHAT0} - c as chat_id, c, ${accountant(`c % ${accountants}`)} as accountant,
                910000 + c % ${managers} as manager, case when c % 10 = 1 then 120 else 60 end as threshold,
                sla.get_schedule(${CHAT0} - c) as schedule,
                sla.schedule_version(sla.get_schedule(${CHAT0} - c)) as schedule_id
         from generate_series(0, ${chats - 1}) c`,
        `create temp table firm_request (like public.requests) on commit preserve rows`,
        `alter table firm_request add column c integer, add column j integer, add column accountant bigint, add column manager bigint,
           add column closed_at timestamptz, add column kind text`,
      ],
    },
  ];
  for (let from = 0; from < days; from += chunkDays) {
    const to = Math.min(days, from + chunkDays) - 1;
    steps.push({ what: `days ${from + 1}–${to + 1} of ${days}`, sql: chunk(from, to, days, chats) });
  }
  steps.push(
    {
      what: "identity counters past the computed ids",
      sql: ["messages", "requests", "alerts", "outbox"].map((t) =>
        `select setval(pg_get_serial_sequence('public.${t}', 'id'), (select max(id) from public.${t}))`
      ),
    },
    { what: "open requests, surveys, webhook updates, audit trail", sql: tail(days) },
  );
  return steps;
}

// Ids are computed, not drawn from the sequences, so rows refer to each other inside one statement:
// requests are numbered in the order they arrive, from 1,000,000 + first day × chats × 7; their messages are
// 6 × that + k, their alerts 2 × that (+1 for the breach), their outbox rows 8 × that + slot. Rows go in in id
// order, as in production, where ids and times grow together: the indexes fill as they would there.
function chunk(from, to, days, chats) {
  return [
    `truncate firm_request`,
    `insert into firm_request (id, chat_id, first_message_id, first_message_row_id, client_telegram_id, status,
       received_at, threshold_minutes, warning_percent, schedule_id, warn_at, breach_at, answered_at,
       answered_by_telegram_id, answer_message_id, response_working_seconds, breached, resolved_at, resolved_by,
       message_count, created_at, c, j, accountant, manager, closed_at, kind)
     select id, chat_id, message_id, id * ${REQUEST_MESSAGES}, 5000000000 + c * 3 + j % 3,
            case when kind = 'resolved' then 'resolved' else 'answered' end, received_at, threshold, 80, schedule_id,
            received_at + threshold * interval '48 seconds', received_at + threshold * interval '1 minute',
            case when kind <> 'resolved' then closed_at end, case when kind <> 'resolved' then accountant end,
            case when kind <> 'resolved' then message_id + 2 end,
            case when kind <> 'resolved' then extract(epoch from closed_at - received_at)::bigint end,
            closed_at > received_at + threshold * interval '1 minute',
            case when kind = 'resolved' then closed_at end, case when kind = 'resolved' then 'Руководитель' end,
            2, received_at + interval '2 seconds', c, j, accountant, manager, closed_at, kind
     from (
     select q.*, ${ID0 + from * chats * DAY_REQUESTS} + row_number() over (order by q.received_at, q.chat_id) as id
     from (
       select f.chat_id, f.c, j, f.accountant, f.manager,
              f.threshold, f.schedule_id, ((d * ${DAY_REQUESTS} + j) * ${REQUEST_MESSAGES} + 1)::bigint as message_id,
              o.kind, o.received_at,
              o.received_at + case o.kind
                when 'late' then (f.threshold + 1 + random() * 180) * interval '1 minute'
                when 'resolved' then (30 + random() * 300) * interval '1 minute'
                else (3 + 52 * random() ^ 2) * f.threshold / 60 * interval '1 minute' end as closed_at
       from firm_chat f
       cross join generate_series(${from}, ${to}) d
       cross join generate_series(0, ${DAY_REQUESTS - 1}) j
       cross join lateral (
         select case when u < 0.02 then 'resolved' when u < 0.10 then 'late' else 'on_time' end as kind,
                date_trunc('day', now()) - interval '${days} days' + d * interval '1 day' + interval '6 hours'
                  + j * interval '55 minutes' + random() * interval '20 minutes' as received_at
         from (select random() + 0 * d + 0 * j + 0 * f.c as u) r
       ) o
       where extract(isodow from date_trunc('day', now()) - interval '${days} days' + d * interval '1 day') < 6
     ) q
     ) p
     order by id`,
    `with requests as (
       insert into public.requests (id, chat_id, first_message_id, first_message_row_id, client_telegram_id, status,
         received_at, threshold_minutes, warning_percent, schedule_id, warn_at, breach_at, answered_at,
         answered_by_telegram_id, answer_message_id, response_working_seconds, breached, resolved_at, resolved_by,
         message_count, created_at)
       overriding system value
       select id, chat_id, first_message_id, first_message_row_id, client_telegram_id, status, received_at,
              threshold_minutes, warning_percent, schedule_id, warn_at, breach_at, answered_at, answered_by_telegram_id,
              answer_message_id, response_working_seconds, breached, resolved_at, resolved_by, message_count, created_at
       from firm_request order by id
       returning 1
     ), messages as (
       insert into public.messages (id, chat_id, source_chat_id, message_id, version, direction, sender_telegram_id,
         sender_name, sender_kind, kind, text, media, sent_at, label, label_source, request_id, created_at)
       overriding system value
       select r.id * ${REQUEST_MESSAGES} + k, r.chat_id, r.chat_id,
              r.first_message_id + case when k = 5 and r.j % 4 = 0 then 0 else k end,
              case when k = 5 and r.j % 4 = 0 then 2 else 1 end,
              case when k = 4 or (k = 2 and r.kind = 'resolved') then 'out' else 'in' end,
              case when k = 4 or (k = 2 and r.kind = 'resolved') then null when k = 2 then r.answered_by_telegram_id
                   else r.client_telegram_id end,
              case when k = 4 or (k = 2 and r.kind = 'resolved') then 'BuhBot' when k = 2 then 'Бухгалтер'
                   else 'Иван Клиентов' end,
              case when k = 4 or (k = 2 and r.kind = 'resolved') then 'bot' when k = 2 then 'accountant' else 'client' end,
              case when k = 1 and r.j % 3 = 0 then 'document' when k = 5 and r.j % 4 <> 0 then 'sticker' else 'text' end,
              case k
                when 0 then (array['Добрый день! Когда будет готова декларация по НДС за квартал?',
                  'Пришлите, пожалуйста, акт сверки с поставщиком за прошлый месяц',
                  'Нужна справка 2-НДФЛ для сотрудника, срочно для банка',
                  'Не проходит платёж в налоговую, что делать? Банк возвращает поручение',
                  'Подскажите, какие документы нужны для возврата НДФЛ за лечение?'])[1 + r.j % 5]
                when 1 then case when r.j % 3 = 0 then 'Вот счёт от поставщика' else 'И ещё: нужно до пятницы, если можно' end
                when 2 then 'Добрый день! Подготовила, отправляю файлом. Если будут вопросы — пишите.'
                when 3 then 'Спасибо большое!'
                when 4 then 'Документ получен, бухгалтер посмотрит в рабочее время.'
                when 5 then case when r.j % 4 = 0 then 'Добрый день! Когда будет готова декларация по НДС за квартал? (уточнение)' end
              end,
              case when k = 1 and r.j % 3 = 0 then jsonb_build_object('file_id', 'BQACAgIAAxkBAAI' || r.id, 'file_name',
                     'счёт.pdf', 'mime_type', 'application/pdf', 'file_size', 48213)
                   when k = 5 and r.j % 4 <> 0 then '{"emoji": "👍", "file_id": "CAACAgIAAxkBAAIBZ"}'::jsonb end,
              case k when 0 then r.received_at when 1 then r.received_at + interval '2 minutes'
                     when 2 then r.closed_at when 3 then r.closed_at + interval '3 minutes'
                     else r.received_at + interval '1 minute' end,
              case k when 0 then 'REQUEST' when 1 then 'CLARIFICATION' when 3 then 'GRATITUDE' end,
              case when k = 0 then (array['llm', 'llm', 'llm', 'cache', 'rules'])[1 + r.id % 5]
                   when k = 1 then 'llm' when k = 3 then 'rules' end,
              case when k < 2 then r.id end,
              case k when 0 then r.received_at when 1 then r.received_at + interval '2 minutes'
                     when 2 then r.closed_at when 3 then r.closed_at + interval '3 minutes'
                     else r.received_at + interval '1 minute' end + interval '1 second'
       from firm_request r cross join generate_series(0, ${REQUEST_MESSAGES - 1}) k
       order by r.id, k
       returning 1
     )
     select (select count(*) from requests) as requests, (select count(*) from messages) as messages`,
    `insert into public.sla_events (request_id, chat_id, kind, at, data)
     select r.id, r.chat_id, e.kind, e.at, e.data
     from firm_request r cross join lateral (values
       ('opened', r.received_at, jsonb_build_object('message_id', r.first_message_id, 'threshold_minutes',
         r.threshold_minutes, 'breach_at', r.breach_at, 'labelled_at', r.created_at, 'already_answered', false)),
       ('joined', r.received_at + interval '2 minutes', jsonb_build_object('message_id', r.first_message_id + 1,
         'labelled_at', r.received_at + interval '2 minutes')),
       ('warning', case when r.closed_at > r.warn_at then r.warn_at end, jsonb_build_object('recipients', 1)),
       ('breach', case when r.breached then r.breach_at end, jsonb_build_object('recipients', 2)),
       (case when r.kind = 'resolved' then 'resolved' else 'answered' end, r.closed_at,
        case when r.kind = 'resolved' then jsonb_build_object('by', r.resolved_by)
             else jsonb_build_object('by', r.answered_by_telegram_id, 'message_id', r.answer_message_id,
                                     'working_seconds', r.response_working_seconds, 'breached', r.breached) end)
     ) e (kind, at, data)
     where e.at is not null
     order by r.id, e.at`,
    `insert into public.alerts (id, request_id, chat_id, kind, status, escalation_count, escalation_interval_minutes,
       escalation_max_count, created_at, resolved_at, resolved_by, resolution)
     overriding system value
     select r.id * 2 + a.breach::int, r.id, r.chat_id, case when a.breach then 'breach' else 'warning' end, 'resolved',
            case when a.breach then least(5, floor(extract(epoch from r.closed_at - r.breach_at) / 1800))::int else 0 end,
            case when a.breach then 30 end, case when a.breach then 5 end,
            case when a.breach then r.breach_at else r.warn_at end, r.closed_at,
            coalesce(r.resolved_by, 'Бухгалтер'), case when r.kind = 'resolved' then 'resolved' else 'answered' end
     from firm_request r cross join (values (false), (true)) a (breach)
     where r.closed_at > r.warn_at and (not a.breach or r.breached)
     order by 1`,
    // Outbox: the bot's receipt in the group; per alert a DM to the accountant (and the manager for a
    // breach), each edited when the request is closed.
    `insert into public.outbox (id, kind, chat_id, about_chat_id, method, payload, edit_of, dedup_key, to_client_group,
       status, attempts, not_before, telegram_message_id, created_at, sent_at)
     overriding system value
     select r.id * 8 + s.slot, s.kind, s.recipient, r.chat_id, s.method,
            sla.html_message(s.text, case when s.method = 'sendMessage' and s.slot > 0
              then jsonb_build_object('inline_keyboard', jsonb_build_array(jsonb_build_array(jsonb_build_object(
                'text', 'Закрыть', 'callback_data', 'resolve:' || r.id)))) end),
            case when s.method = 'editMessageText' then r.id * 8 + s.slot - 2 end,
            format('%s:%s:%s', s.kind, r.id, s.slot), s.slot = 0, 'sent', 1, s.at,
            100000 + r.id % 100000, s.at, s.at + interval '1 second'
     from firm_request r cross join lateral (values
       (0, 'document_receipt', r.chat_id, 'sendMessage', 'Документ получен, бухгалтер посмотрит в рабочее время.',
        r.received_at + interval '1 minute', true),
       (1, 'warning', r.accountant, 'sendMessage', '⚠️ Скоро просрочка: ООО «Клиент» — «Добрый день! Когда будет готова декларация по НДС за квартал?» Осталось 12 мин', r.warn_at, r.closed_at > r.warn_at),
       (3, 'breach', r.accountant, 'sendMessage', '🔴 Просрочен ответ: ООО «Клиент» — «Добрый день! Когда будет готова декларация по НДС за квартал?» 🕒 Получено: 10:14 (Москва)', r.breach_at, r.breached),
       (4, 'breach', r.manager, 'sendMessage', '🔴 Просрочен ответ: ООО «Клиент» — «Добрый день! Когда будет готова декларация по НДС за квартал?» 🕒 Получено: 10:14 (Москва)', r.breach_at, r.breached),
       (5, 'alert_update', r.accountant, 'editMessageText', '✅ Отвечено: ООО «Клиент» — ответ в 11:40 (Москва)', r.closed_at, r.breached),
       (6, 'alert_update', r.manager, 'editMessageText', '✅ Отвечено: ООО «Клиент» — ответ в 11:40 (Москва)', r.closed_at, r.breached)
     ) s (slot, kind, recipient, method, text, at, present)
     where s.present and s.recipient is not null and (s.slot <> 0 or r.j % 3 = 0)
     order by 1`,
    `insert into public.alert_deliveries (outbox_id, alert_id, chat_id, recipient_role)
     select o.id, case when o.kind = 'warning' then r.id * 2 else r.id * 2 + 1 end, r.chat_id,
            case when o.id % 8 = 4 then 'manager' else 'accountant' end
     from firm_request r join public.outbox o on o.id in (r.id * 8 + 1, r.id * 8 + 3, r.id * 8 + 4)`,
  ];
}

function tail(days) {
  return [
    // One chat in five has a question waiting now, timed by the real working-time functions.
    `with waiting as (
       select f.chat_id, f.threshold, f.schedule, f.schedule_id, f.c, now() - interval '10 minutes' as received_at,
              (${days} * ${DAY_REQUESTS} * ${REQUEST_MESSAGES} + 1)::bigint as message_id
       from firm_chat f where f.c % 5 = 0
     ), message as (
       insert into public.messages (chat_id, source_chat_id, message_id, sender_telegram_id, sender_name, sender_kind,
         kind, text, sent_at, label, label_source, created_at)
       select chat_id, chat_id, message_id, 5000000000 + c * 3, 'Иван Клиентов', 'client', 'text',
              'Добрый день! Подскажите по авансовым платежам', received_at, 'REQUEST', 'llm', received_at
       from waiting
       returning id, chat_id, message_id, sent_at, sender_telegram_id
     ), opened as (
       insert into public.requests (chat_id, first_message_id, first_message_row_id, client_telegram_id, received_at,
         threshold_minutes, warning_percent, schedule_id, warn_at, breach_at, next_alert_at)
       select m.chat_id, m.message_id, m.id, m.sender_telegram_id, m.sent_at, w.threshold, 80, w.schedule_id,
              sla.after_working_seconds(w.schedule, m.sent_at, w.threshold * 48),
              sla.breach_at_in(w.schedule, m.sent_at, w.threshold),
              sla.after_working_seconds(w.schedule, m.sent_at, w.threshold * 48)
       from message m join waiting w using (chat_id)
       returning 1
     )
     select count(*) from opened`,
    `update public.messages m set request_id = r.id
     from public.requests r where r.status = 'open' and m.id = r.first_message_row_id`,
    // Quarterly surveys: one delivery per chat, a third of them answered.
    `insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, status, created_by)
     select 'quarterly', format('Оценка работы за %s квартал', q), s - interval '91 days', s,
            date_trunc('quarter', s)::date, s, s + interval '14 days', 'closed', 'feedback.tick'
     from generate_series(1, greatest(1, ${days} / 91)) q,
          lateral (select date_trunc('day', now()) - interval '${days} days' + q * interval '91 days' - interval '14 days' as s) t`,
    `with deliveries as (
       insert into public.survey_deliveries (survey_id, chat_id, accountant_telegram_id, delivered_at, remind_at,
         reminded_at, expires_at, status)
       select s.id, f.chat_id, f.accountant, s.started_at, s.started_at + interval '3 days',
              s.started_at + interval '3 days', s.expires_at, 'expired'
       from public.surveys s cross join firm_chat f
       returning id, chat_id, delivered_at
     ), votes as (
       insert into public.survey_votes (delivery_id, chat_id, telegram_user_id, voter_name, rating, voted_at, comment,
         updated_at)
       select d.id, d.chat_id, 5000000000 + (${CHAT0} - d.chat_id) * 3, 'Иван Клиентов', 3 + d.id % 3,
              d.delivered_at + interval '5 hours', case when d.id % 4 = 0 then 'Всё хорошо, но иногда отвечают долго' end,
              d.delivered_at + interval '5 hours'
       from deliveries d where d.id % 3 = 0
       returning id, rating, voted_at
     )
     insert into feedback.vote_events (vote_id, rating, at) select id, rating, voted_at from votes`,
    // The webhook's dedup log holds 7 days (sla.purge_telegram_updates): one update per incoming message.
    `insert into public.telegram_updates (update_id, update_type, chat_id, received_at, status, finished_at)
     select m.id, case when m.version > 1 then 'edited_message' else 'message' end, m.chat_id, m.created_at, 'done',
            m.created_at + interval '40 milliseconds'
     from public.messages m where m.direction = 'in' and m.sent_at > now() - interval '7 days'
     on conflict do nothing`,
    // The console's audit trail: 20 changes of chats and settings a day.
    `insert into public.audit_log (at, actor_id, actor_role, table_name, row_key, action, old_row, new_row)
     select date_trunc('day', now()) - interval '${days} days' + i * interval '72 minutes',
            '00000000-0000-4000-a000-000000000002', 'manager', 'chats', c.id::text, 'UPDATE', to_jsonb(c),
            to_jsonb(c) || jsonb_build_object('threshold_minutes', 90)
     from generate_series(0, ${days} * 20 - 1) i
     join public.chats c on c.id = ${CHAT0} - i % (select count(*) from firm_chat)`,
  ];
}
