// What the bot writes: HTML escaping of everything user-supplied, sizes, times in the chat's timezone,
// and the rendered /diagnose, /mystats, FAQ, acknowledgement and receipt texts.
import assert from "node:assert/strict";
import { clip, escapeHtml, userName } from "../_shared/html.ts";
import { formatLocal } from "../_shared/time.ts";
import { fileSize, helpText } from "../telegram-webhook/texts.ts";
import { diagnoseText, type Health } from "../telegram-webhook/features/diagnose.ts";
import { statsText } from "../telegram-webhook/features/stats.ts";
import { ackText, faqText, receiptText } from "../telegram-webhook/features/messages.ts";

const ESCAPES: [string, string][] = [
  ["<b>Ivan</b>", "&lt;b&gt;Ivan&lt;/b&gt;"],
  ['Ко & Ко "Плюс"', "Ко &amp; Ко &quot;Плюс&quot;"],
  ["&amp;", "&amp;amp;"],
  ["ООО «Ромашка» 👍", "ООО «Ромашка» 👍"],
];
for (const [raw, html] of ESCAPES) Deno.test(`escapeHtml(${raw})`, () => assert.equal(escapeHtml(raw), html));

Deno.test("clip cuts on characters, never inside an emoji", () => {
  assert.equal(clip("абв", 5), "абв");
  assert.equal(clip("👍👍👍👍", 3), "👍👍…");
});

Deno.test("userName: full name, else @username, else a neutral word — escaped", () => {
  assert.equal(userName({ first_name: "<Иван>", last_name: "Петров" }), "&lt;Иван&gt; Петров");
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
  Deno.test(`fileSize(${bytes}) = ${shown}`, () => assert.equal(fileSize(bytes), shown));
}

Deno.test("formatLocal renders in the given zone and falls back to Moscow for an unknown one", () => {
  const at = new Date("2025-01-06T21:30:00Z");
  assert.equal(formatLocal(at, "Europe/Moscow"), "07.01.2025 00:30");
  assert.equal(formatLocal(at, "Asia/Vladivostok"), "07.01.2025 07:30");
  assert.equal(formatLocal(at, "Not/AZone"), "07.01.2025 00:30");
});

const HEALTHY: Health = {
  title: "ООО <Ромашка>",
  sla_enabled: true,
  monitoring_enabled: true,
  threshold_minutes: 60,
  last_message_at: "2025-01-06T07:05:00Z",
  managers: 1,
  global_managers: 1,
  accountants: [{ telegram_user_id: 1, name: "Ольга", is_primary: true }, {
    telegram_user_id: 2,
    name: null,
    is_primary: false,
  }],
};

Deno.test("diagnose: a healthy chat is all ✅, in the chat's timezone, escaped", () => {
  assert.equal(
    diagnoseText(HEALTHY, true, "Europe/Moscow"),
    [
      "🩺 <b>Диагностика чата «ООО &lt;Ромашка&gt;»</b>",
      "",
      "✅ Контроль ответов включён (порог 60 мин)",
      "✅ Бот отслеживает чат",
      "✅ Бухгалтер: Ольга и ещё 1",
      "✅ Получатели уведомлений о просрочках: 2",
      "✅ Я вижу все сообщения группы.",
      "🕒 Последнее сообщение: 06.01.2025 10:05",
    ].join("\n"),
  );
});

Deno.test("diagnose: every problem is a ⚠️ line saying what to do", () => {
  const broken = {
    ...HEALTHY,
    sla_enabled: false,
    monitoring_enabled: false,
    accountants: [],
    managers: 0,
    global_managers: 0,
    last_message_at: null,
  };
  const text = diagnoseText(broken, false, "Europe/Moscow");
  assert.equal(text.split("\n").filter((l) => l.startsWith("⚠️")).length, 5);
  assert.match(text, /\/connect КОД/);
  assert.match(text, /privacy mode/);
  assert.match(text, /Сообщений в чате ещё не было/);
});

Deno.test("mystats text, with dashes when nothing is decided yet", () => {
  const text = statsText({
    days: 30,
    chats: 2,
    requests: 0,
    answered: 0,
    breached: 0,
    compliance_pct: null,
    avg_response_minutes: null,
    open_now: 0,
  });
  assert.match(text, /Среднее время ответа: —/);
  assert.match(text, /Вовремя: —/);
  assert.match(
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
    /⏱ Среднее время ответа: 12 мин \(рабочих\)\n✅ Вовремя: 75%\n🚨 Просрочено: 1/,
  );
});

Deno.test("FAQ answer, acknowledgement and receipt texts", () => {
  assert.equal(faqText("Реквизиты?", "См. <договор> & счёт"), "💡 <b>Реквизиты?</b>\n\nСм. &lt;договор&gt; &amp; счёт");
  assert.equal(
    ackText(new Date("2025-01-13T06:00:00Z"), "Europe/Moscow"),
    "🕘 Сейчас нерабочее время. Мы получили ваше сообщение и ответим до 13.01.2025 09:00.",
  );
  assert.equal(
    receiptText({ file_name: "<x>.pdf", file_size: 2048 }, new Date("2025-01-13T06:00:00Z"), "Asia/Yekaterinburg"),
    "📎 Файл получен: <b>&lt;x&gt;.pdf</b> (2,0 КБ), 13.01.2025 11:00",
  );
  assert.match(receiptText({}, new Date(0), "UTC"), /без имени.*размер неизвестен/);
});

Deno.test("help by role: clients see /menu, accountants /template and /mystats, managers no /template", () => {
  assert.match(helpText("client"), /\/menu/);
  assert.doesNotMatch(helpText("client"), /\/newchat/);
  assert.match(helpText("accountant"), /\/template[\s\S]*\/mystats/);
  assert.doesNotMatch(helpText("manager"), /\/template/);
  assert.equal(helpText("admin"), helpText("manager"));
});
