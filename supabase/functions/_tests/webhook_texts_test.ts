// Every Russian text the webhook itself can send, in one place for a proofreader (texts the database renders —
// alerts, survey answers, staff DMs — live with their SQL). Then the rules of the `html` template: whatever a
// user typed is escaped, markup the bot wrote is not, and times are shown in the chat's timezone.
import assert from "node:assert/strict";
import type { InlineKeyboard } from "grammy/web";
import { clip, Html, html, joinHtml, userName } from "../_shared/html.ts";
import { formatLocal } from "../_shared/time.ts";
import * as T from "../telegram-webhook/texts.ts";
import { ALERT_DONE, ALERT_UNAVAILABLE } from "../telegram-webhook/features/alerts.ts";
import { diagnoseText } from "../telegram-webhook/features/diagnose.ts";
import * as I from "../telegram-webhook/features/invitations.ts";
import * as M from "../telegram-webhook/features/menu.ts";
import { ackText, faqText, receiptText } from "../telegram-webhook/features/messages.ts";
import { statsText } from "../telegram-webhook/features/stats.ts";
import * as Tpl from "../telegram-webhook/features/templates.ts";

const AT = new Date("2025-01-13T06:00:00Z"); // 09:00 in Moscow
const labels = (kb: InlineKeyboard) => kb.inline_keyboard.flat().map((b) => b.text).join(" | ");
const text = (t: Html | string) => t instanceof Html ? t.markup : t;

const TEXTS: [when: string, sent: Html | string, reads: string][] = [
  // /start and /help
  [
    "/start, a client in the group",
    T.startText("client", "Иван", "group"),
    [
      "👋 Здравствуйте, Иван!",
      "",
      "ℹ️ <b>BuhBot</b> следит, чтобы ни один ваш вопрос не остался без ответа.",
      "",
      "✍️ Просто напишите вопрос в этот чат — бухгалтер ответит в рабочее время.",
      "📋 /menu — связаться с бухгалтером или заказать услугу",
    ].join("\n"),
  ],
  [
    "/start, a client writing to the bot privately",
    T.startText("client", null, "private"),
    [
      "👋 Здравствуйте!",
      "",
      "ℹ️ <b>BuhBot</b> следит, чтобы ни один ваш вопрос не остался без ответа.",
      "",
      "✍️ Задавайте вопросы в группе вашей компании с бухгалтерией — там бухгалтер ответит в рабочее время. " +
      "Этот личный чат бухгалтер не видит.",
      "📋 /menu в группе — связаться с бухгалтером или заказать услугу",
    ].join("\n"),
  ],
  [
    "/help, an accountant",
    T.helpText("accountant", "private"),
    [
      "ℹ️ <b>BuhBot</b>: контроль скорости ответов клиентам.",
      "",
      "📝 /template — готовые ответы (в группе клиента)",
      "📊 /mystats — ваша статистика (в личном чате)",
      "🔑 /newchat — код для подключения группы (в личном чате)",
      "🩺 /diagnose — проверка настройки группы",
      "⏰ Предупреждения о сроке ответа и о просрочках приходят в личный чат со мной, с кнопкой «✅ Отметить решённым».",
      "🔗 В группе: <code>/connect КОД</code> — подключить чат к контролю",
    ].join("\n"),
  ],
  [
    "/help, a manager or an admin",
    T.helpText("manager", "group"),
    [
      "ℹ️ <b>BuhBot</b>: контроль скорости ответов клиентам.",
      "",
      "🔑 /newchat — код для подключения группы (в личном чате)",
      "🩺 /diagnose — проверка настройки группы",
      "🚨 Уведомления о просрочках приходят в личный чат со мной, с кнопками «🔔 Напомнить бухгалтеру» и " +
      "«✅ Отметить решённым».",
      "🔗 В группе: <code>/connect КОД</code> — подключить чат к контролю",
    ].join("\n"),
  ],
  // The bot added to a group
  [
    "added to a new group, privacy mode on",
    T.welcomeText(false, false),
    [
      "👋 Здравствуйте! Я BuhBot — слежу, чтобы вопросы клиентов не оставались без ответа.",
      "🔗 Чтобы включить контроль ответов, сотрудник бухгалтерии получает код командой /newchat в личном чате " +
      "со мной и отправляет сюда <code>/connect КОД</code>.",
      "⚠️ Я не вижу все сообщения группы — часть вопросов клиентов может остаться незамеченной. Сделайте меня " +
      "администратором группы или отключите privacy mode у @BotFather (/setprivacy → Disable).",
    ].join("\n\n"),
  ],
  [
    "re-added to a connected group as an admin",
    T.welcomeText(true, true),
    [
      "👋 Здравствуйте! Я BuhBot — слежу, чтобы вопросы клиентов не оставались без ответа.",
      "✅ Контроль ответов в этом чате включён.",
      "✅ Я вижу все сообщения группы.",
    ].join("\n\n"),
  ],
  // Refusals (also as button answers)
  ["a client uses a staff command", T.STAFF_ONLY, "🔒 Эта команда доступна только сотрудникам бухгалтерии."],
  ["a group command sent privately", T.GROUP_ONLY, "ℹ️ Эта команда работает в группе клиента."],
  ["a private command sent in a group", T.PRIVATE_ONLY, "ℹ️ Эта команда работает в личном чате со мной."],
  [
    "/menu in a chat that is not connected",
    T.NOT_CONNECTED,
    "ℹ️ Этот чат ещё не подключён к BuhBot. Сотрудник может подключить его командой <code>/connect КОД</code>.",
  ],
  ["an old or forged button", T.BUTTON_STALE, "⚠️ Эта кнопка устарела."],
  ["a button whose action failed", T.TRY_LATER, "⚠️ Не получилось, попробуйте ещё раз чуть позже."],
  // /newchat and /connect
  [
    "/newchat",
    I.invitationText("ABCD2345"),
    [
      "🔑 Код подключения: <code>ABCD2345</code>",
      "",
      "1️⃣ Добавьте меня в группу клиента.",
      "2️⃣ Отправьте в этой группе: <code>/connect ABCD2345</code>",
      "",
      "⏳ Код одноразовый и действует 24 часа.",
    ].join("\n"),
  ],
  ["/connect without a code", I.CODE_MISSING, "✍️ Укажите код: <code>/connect КОД</code> (код выдаёт /newchat)."],
  [
    "/connect, unknown code",
    I.REFUSED.not_found,
    "❌ Код не найден. Проверьте его или получите новый командой /newchat в личном чате со мной.",
  ],
  ["/connect, used code", I.REFUSED.used, "❌ Этот код уже использован. Получите новый командой /newchat."],
  ["/connect, again in the same chat", I.REFUSED.already_connected, "✅ Этот чат уже подключён по этому коду."],
  ["/connect, expired code", I.REFUSED.expired, "⌛ Срок действия кода истёк. Получите новый командой /newchat."],
  [
    "/connect by an accountant",
    I.connectedText("accountant", "Ольга", true),
    [
      "✅ Чат подключён: контроль времени ответа включён.",
      "👤 Бухгалтер: Ольга",
      "✅ Я вижу все сообщения группы.",
    ].join("\n"),
  ],
  [
    "/connect by an unnamed manager",
    I.connectedText("manager", null, true),
    [
      "✅ Чат подключён: контроль времени ответа включён.",
      "👤 Руководитель: сотрудник",
      "✅ Я вижу все сообщения группы.",
    ].join("\n"),
  ],
  // /diagnose (the lines come from the database; the bot marks them)
  [
    "/diagnose",
    diagnoseText("ООО Ромашка", [
      { key: "sla_enabled", ok: true, detail: "Контроль ответов включён (порог 60 мин)" },
      { key: "accountant", ok: false, detail: "Бухгалтер не назначен — предупреждения некому отправлять" },
      { key: "last_message", ok: null, detail: "Сообщений в чате ещё не было" },
    ]),
    [
      "🩺 <b>Диагностика чата «ООО Ромашка»</b>",
      "",
      "✅ Контроль ответов включён (порог 60 мин)",
      "⚠️ Бухгалтер не назначен — предупреждения некому отправлять",
      "ℹ️ Сообщений в чате ещё не было",
    ].join("\n"),
  ],
  // The client /menu
  ["/menu", M.MENU, "📋 <b>Меню</b>\nЧем помочь?"],
  ["/menu buttons", labels(M.mainMenu()), "✉️ Связаться с бухгалтером | 📝 Заказать услугу"],
  ["/menu → services", M.PICK_SERVICE, "📝 <b>Какая услуга нужна?</b>"],
  [
    "/menu → services buttons",
    labels(M.servicesMenu()),
    "📄 Справка или выписка | 🧾 Акт сверки | 💼 Зарплата и кадры | 🏛 Налоги и отчётность | 💬 Консультация | ✍️ Другое",
  ],
  ["menu button answer, accountants got it", M.passedTo("accountants"), "✅ Передано бухгалтеру"],
  ["menu button answer, the chat's managers got it", M.passedTo("managers"), "✅ Передано руководителю"],
  ["menu button answer, the global managers got it", M.passedTo("global_managers"), "✅ Передано руководителю"],
  ["menu button pressed again", M.ALREADY, "ℹ️ Уже передано"],
  ["menu button within 10 minutes of the last request", M.LIMITED, "⏳ Уже передали, ответим в рабочее время"],
  ["menu button, nobody to pass it to", M.NOBODY, "⚠️ Не нашёл, кому передать. Напишите вопрос в чат."],
  [
    "the menu message after «contact», accountants",
    M.passedText("Иван Петров", undefined, "accountants"),
    "✅ Иван Петров: бухгалтер получил просьбу связаться.",
  ],
  [
    "the menu message after «contact», managers",
    M.passedText("Иван Петров", undefined, "managers"),
    "✅ Иван Петров: руководитель получил просьбу связаться.",
  ],
  [
    "the menu message after a service, global managers",
    M.passedText("Иван Петров", "🧾 Акт сверки", "global_managers"),
    "✅ Иван Петров: заявка «🧾 Акт сверки» передана руководителю.",
  ],
  // Replies to client messages
  ["FAQ answer", faqText("Реквизиты?", "См. договор, раздел 9."), "💡 <b>Реквизиты?</b>\n\nСм. договор, раздел 9."],
  [
    "out-of-hours acknowledgement",
    ackText(AT, "Europe/Moscow"),
    "🕘 Сейчас нерабочее время. Мы получили ваше сообщение и ответим до 13.01.2025 09:00.",
  ],
  [
    "file receipt",
    receiptText({ file_name: "акт.pdf", file_size: 2048 }, AT, "Asia/Yekaterinburg"),
    "📎 Файл получен: <b>акт.pdf</b> (2,0 КБ), 13.01.2025 11:00",
  ],
  [
    "file receipt, nothing known",
    receiptText({}, AT, "Europe/Moscow"),
    "📎 Файл получен: <b>без имени</b> (размер неизвестен), 13.01.2025 09:00",
  ],
  // /mystats
  [
    "/mystats",
    statsText({
      days: 30,
      chats: 1,
      requests: 4,
      answered: 3,
      breached: 1,
      compliance_pct: 75,
      avg_response_minutes: 12,
      open_now: 1,
    }),
    [
      "📊 <b>Ваша статистика за 30 дней</b>",
      "",
      "💬 Чатов: 1",
      "📥 Запросов: 4, отвечено: 3",
      "⏱ Среднее время ответа: 12 мин (рабочих)",
      "✅ Вовремя: 75%",
      "🚨 Просрочено: 1",
      "📂 Открыто сейчас: 1",
    ].join("\n"),
  ],
  [
    "/mystats, nothing decided yet",
    statsText({
      days: 30,
      chats: 2,
      requests: 0,
      answered: 0,
      breached: 0,
      compliance_pct: null,
      avg_response_minutes: null,
      open_now: 0,
    }),
    [
      "📊 <b>Ваша статистика за 30 дней</b>",
      "",
      "💬 Чатов: 2",
      "📥 Запросов: 0, отвечено: 0",
      "⏱ Среднее время ответа: —",
      "✅ Вовремя: —",
      "🚨 Просрочено: 0",
      "📂 Открыто сейчас: 0",
    ].join("\n"),
  ],
  // /template
  ["/template with no templates", Tpl.NO_TEMPLATES, "ℹ️ Шаблонов пока нет — их добавляют в консоли."],
  ["/template sent as a reply to a client", Tpl.pickText(false), "📝 <b>Шаблоны ответов</b>\nВыберите категорию:"],
  [
    "/template sent on its own",
    Tpl.pickText(true),
    [
      "📝 <b>Шаблоны ответов</b>",
      "Выберите категорию:",
      "",
      "💡 Чтобы подставить имя клиента, отправьте /template ответом на его сообщение.",
    ].join("\n"),
  ],
  ["/template → a category", Tpl.categoryText("Налоги"), "📁 <b>Налоги</b>\nВыберите шаблон:"],
  [
    "/template → a category's buttons",
    labels(Tpl.templatesKeyboard([{ id: 1, category: "Налоги", title: "НДС", body: "" }], "Налоги", 0)),
    "НДС | ⬅️ Назад",
  ],
  ["/template → a template sent", Tpl.SENT, "✅ Отправлено"],
  [
    "/template → a template naming the client, without a client",
    Tpl.NEEDS_CLIENT,
    "✍️ В этом шаблоне есть имя клиента. Отправьте /template ответом на сообщение клиента.",
  ],
  // Alert buttons (the database explains refusals itself)
  ["alert button «✅ Отметить решённым»", ALERT_DONE.resolve, "✅ Запрос закрыт"],
  ["alert button «🔔 Напомнить бухгалтеру»", ALERT_DONE.notify, "📨 Бухгалтеру отправлено напоминание"],
  ["alert button refused without a reason", ALERT_UNAVAILABLE, "⚠️ Действие недоступно"],
];
for (const [when, sent, reads] of TEXTS) Deno.test(`text: ${when}`, () => assert.equal(text(sent), reads));

Deno.test("button answers fit Telegram's 200 characters", () => {
  const answers = [
    T.STAFF_ONLY,
    T.BUTTON_STALE,
    T.TRY_LATER,
    M.NOBODY,
    M.ALREADY,
    M.LIMITED,
    Tpl.NEEDS_CLIENT,
    ALERT_UNAVAILABLE,
  ];
  for (const a of answers) assert.ok(a.length <= 200, a);
});

// ——— html: user text escaped, the bot's own markup kept ———

const EVIL = '<b>Ко & Ко</b> "Плюс"';
const ESCAPED = "&lt;b&gt;Ко &amp; Ко&lt;/b&gt; &quot;Плюс&quot;";

const HTML: [what: string, made: Html, markup: string][] = [
  ["a string is escaped", html`👤 ${EVIL}`, `👤 ${ESCAPED}`],
  ["an entity is escaped again, never trusted", html`${"&amp;"}`, "&amp;amp;"],
  ["Russian text and emoji pass unchanged", html`${"ООО «Ромашка» 👍"}`, "ООО «Ромашка» 👍"],
  ["a number is shown as is", html`порог ${60} мин`, "порог 60 мин"],
  ["markup in the template is kept", html`<b>${"x"}</b>`, "<b>x</b>"],
  ["an Html value is embedded once, not escaped twice", html`<i>${html`<b>${"<"}</b>`}</i>`, "<i><b>&lt;</b></i>"],
  ["joinHtml escapes strings, keeps Html", joinHtml(["a<b", html`<b>c</b>`], " "), "a&lt;b <b>c</b>"],
];
for (const [what, made, markup] of HTML) Deno.test(`html: ${what}`, () => assert.equal(made.markup, markup));

const WITH_USER_TEXT: [where: string, sent: Html][] = [
  ["/start with the sender's name", T.startText("client", EVIL, "group")],
  ["/connect with the staff name", I.connectedText("accountant", EVIL, true)],
  ["/diagnose with the chat title and a detail", diagnoseText(EVIL, [{ key: "k", ok: true, detail: EVIL }])],
  ["the menu message with the client's name and the service", M.passedText(EVIL, EVIL, "accountants")],
  ["FAQ answer", faqText(EVIL, EVIL)],
  ["file receipt with the file name", receiptText({ file_name: EVIL }, AT, "UTC")],
  ["/template category", Tpl.categoryText(EVIL)],
];
for (const [where, sent] of WITH_USER_TEXT) {
  Deno.test(`html: ${where} is escaped`, () => {
    assert.ok(sent.markup.includes(ESCAPED), sent.markup);
    assert.ok(!sent.markup.includes(EVIL), sent.markup);
  });
}

Deno.test("clip cuts on characters, never inside an emoji", () => {
  assert.equal(clip("абв", 5), "абв");
  assert.equal(clip("👍👍👍👍", 3), "👍👍…");
});

Deno.test("userName: full name, else @username, else a neutral word", () => {
  assert.equal(userName({ first_name: "Иван", last_name: "Петров" }), "Иван Петров");
  assert.equal(userName({ first_name: "", username: "ivan_p" }), "@ivan_p");
  assert.equal(userName(undefined), "клиент");
});

const SIZES: [number | undefined, string][] = [
  [0, "0 Б"],
  [512, "512 Б"],
  [2048, "2,0 КБ"],
  [350_000, "342 КБ"],
  [1_572_864, "1,5 МБ"],
  [52_428_800, "50 МБ"],
  [3 * 2 ** 30, "3,0 ГБ"],
  [undefined, "размер неизвестен"],
];
for (const [bytes, shown] of SIZES) {
  Deno.test(`fileSize(${bytes}) = ${shown}`, () => assert.equal(T.fileSize(bytes), shown));
}

Deno.test("formatLocal renders in the given zone and shows UTC for a zone the runtime does not know", () => {
  const at = new Date("2025-01-06T21:30:00Z");
  assert.equal(formatLocal(at, "Europe/Moscow"), "07.01.2025 00:30");
  assert.equal(formatLocal(at, "Asia/Vladivostok"), "07.01.2025 07:30");
  assert.equal(formatLocal(at, "Not/AZone"), "06.01.2025 21:30");
});

Deno.test("help by role: admins read the managers' help; clients never see staff commands", () => {
  assert.equal(T.helpText("admin", "private").markup, T.helpText("manager", "private").markup);
  assert.equal(T.helpText("observer", "group").markup, T.helpText("client", "group").markup);
  assert.doesNotMatch(T.helpText("client", "private").markup, /\/newchat|\/template|в этот чат/);
});
