// Button data and codes the webhook parses: forged or stale data never reaches the database as something
// else, and every button it builds fits Telegram's 64-byte limit.
import assert from "node:assert/strict";
import type { InlineKeyboard } from "grammy/web";
import { parseAlertData } from "../telegram-webhook/features/alerts.ts";
import { categoriesKeyboard, parseTemplateData, templatesKeyboard } from "../telegram-webhook/features/templates.ts";
import { normaliseCode } from "../telegram-webhook/features/invitations.ts";
import { SERVICES } from "../telegram-webhook/features/menu.ts";

const ALERTS: [string, unknown][] = [
  ["alert:42:resolve", { alertId: 42, action: "resolve" }],
  ["alert:9007199254740:notify", { alertId: 9007199254740, action: "notify" }],
  ["alert:0:resolve", null],
  ["alert:042:resolve", null],
  ["alert:42:delete", null],
  ["alert:42:resolve:x", null],
  ["alert:-1:resolve", null],
  ["alert::resolve", null],
  ["menu:contact", null],
];
for (const [data, expected] of ALERTS) {
  Deno.test(`parseAlertData(${data})`, () => assert.deepEqual(parseAlertData(data), expected));
}

const TEMPLATES: [string, unknown][] = [
  ["tpl:home:0", { step: "home", client: 0 }],
  ["tpl:c:5:123", { step: "category", id: 5, client: 123 }],
  ["tpl:t:17:0", { step: "template", id: 17, client: 0 }],
  ["tpl:t:0:0", null],
  ["tpl:x:1:0", null],
  ["tpl:t:1", null],
  ["tpl:home", null],
];
for (const [data, expected] of TEMPLATES) {
  Deno.test(`parseTemplateData(${data})`, () => assert.deepEqual(parseTemplateData(data), expected));
}

const CODES: [string, string | null][] = [
  ["ABCD2345", "ABCD2345"],
  [" abcd-2345 ", "ABCD2345"],
  ["abcd 2345", "ABCD2345"],
  ["ABCD234", null],
  ["ABCD23450", null],
  ["ABCD0345", null],
  ["ABCDI345", null],
  ["", null],
];
for (const [input, code] of CODES) {
  Deno.test(`normaliseCode(${JSON.stringify(input)})`, () => assert.equal(normaliseCode(input), code));
}

const bytes = (s: string) => new TextEncoder().encode(s).length;
const datas = (kb: InlineKeyboard) =>
  kb.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""));

Deno.test("template keyboards: a button per category, then per template, all within 64 bytes", () => {
  const long = "Категория с очень длинным названием из сорока";
  const list = [
    { id: 9_000_000_000_001, category: long, title: "Первый", body: "x" },
    { id: 9_000_000_000_002, category: long, title: "Второй", body: "x" },
    { id: 3, category: "Налоги", title: "НДС", body: "x" },
  ];
  const cats = categoriesKeyboard(list, 999_999_999_999);
  assert.deepEqual(datas(cats), ["tpl:c:9000000000001:999999999999", "tpl:c:3:999999999999"]);
  const inCategory = templatesKeyboard(list, long, 999_999_999_999);
  assert.deepEqual(datas(inCategory), [
    "tpl:t:9000000000001:999999999999",
    "tpl:t:9000000000002:999999999999",
    "tpl:home:999999999999",
  ]);
  for (const d of [...datas(cats), ...datas(inCategory)]) assert.ok(bytes(d) <= 64, d);
});

Deno.test("menu buttons fit in 64 bytes", () => {
  for (const code of SERVICES.keys()) assert.ok(bytes(`menu:svc:${code}`) <= 64);
});
