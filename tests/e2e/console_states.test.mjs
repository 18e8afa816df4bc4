// Honest states and words in the console: a failed load says so in Russian with «Повторить» (PostgREST is
// really stopped), server errors become Russian messages beside their fields, a request with thousands of
// messages pages them and keeps its closing event, the bot's Telegram HTML renders safely, the audit log
// and the outbox name things, and no page shows raw English to any role.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserAndDb, loginAs, open, rowWhere, screenshot } from "../lib/console.mjs";
import { loginAs as apiLogin, startServices, stopService } from "../lib/stack.mjs";
import { waitFor } from "../lib/vds.mjs";

const ROMASHKA = -1001000000001;
const ROLES = ["admin", "manager", "accountant", "observer"];
const MARIA = { id: "00000000-0000-4000-a000-000000000002", telegram: 700002, name: "Мария Руководитель" };
const t = browserAndDb();

/** Runs the steps as `role` in a browser of the given width; any JavaScript dialog is a failure. */
async function as(role, steps, width = 1440) {
  const session = await loginAs(t.browser, role);
  const dialogs = [];
  session.page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
  try {
    await session.page.setViewportSize({ width, height: 900 });
    await steps(session.page);
    assert.deepEqual(dialogs, [], "no script may open a dialog");
    assert.deepEqual(session.problems, []);
  } finally {
    await session.context.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The "no English" check: what a page says, minus proper nouns, units, identifiers and addresses.
// ---------------------------------------------------------------------------------------------------
const ALLOWED = [
  /https?:\/\/\S+/g, // links
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail addresses
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // ids
  /@\w+/g, // Telegram usernames
  /\b[A-Z][a-z]+\/[A-Za-z_]+(\/[A-Za-z_]+)?\b/g, // IANA time zones: Europe/Moscow
  /\b[\w-]+\/[\w.:-]+\b/g, // model names such as openai/gpt-4o-mini
  /\{\{\w+\}\}/g, // template variables the bot fills in
  /(^|\s)\/[a-z]+\b/gim, // bot commands: /menu, /template
  /\b(I|II|III|IV) кв/g, // quarters are numbered in Roman numerals
  /\b(Telegram|BuhBot|CSV|SLA|FAQ|CSAT|NPS|LLM|ID|XML|iCalendar|ics|pdf|PDF|p95|Grafana|HTML|URL)\b/g,
];
export function englishIn(text, names = []) {
  const rest = [...ALLOWED, ...names.map((name) => new RegExp(`\\b${name}\\b`, "g"))]
    .reduce((s, pattern) => s.replace(pattern, " "), text);
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}

test("the English detector flags what a person must never read, and passes proper nouns", () => {
  const cases = [
    ["Failed to fetch", ["Failed", "to", "fetch"]],
    ["Результатов не найдено. No results found", ["No", "results", "found"]],
    ["Сервер: schedule: interval 18:00-09:00 in week.1 must end after it starts", [
      "schedule",
      "interval",
      "in",
      "week",
      "must",
      "end",
      "after",
      "it",
      "starts",
    ]],
    ["Telegram, BuhBot, SLA 95 %, CSV, https://t.me/x, anna@buhbot.local, Europe/Moscow, openai/gpt-4o-mini", []],
    ["Переменные: {{client_name}} {{date}}; команды /menu и /template; IV кв. 2026", []],
  ];
  for (const [text, words] of cases) assert.deepEqual(englishIn(text), words, text);
});

/** Waits until the page stops changing (no progress bars, same text twice), then returns its text. */
async function settledText(page) {
  let last = "";
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(400);
    if (await page.locator(".MuiLinearProgress-root, .MuiCircularProgress-root, .MuiSkeleton-root").count()) continue;
    const now = await page.locator("body").innerText();
    if (now === last) return now;
    last = now;
  }
  return last;
}

// ---------------------------------------------------------------------------------------------------
// Failed is not empty
// ---------------------------------------------------------------------------------------------------
test("with PostgREST stopped, lists and dashboard cards say in Russian that loading failed and retry works", async () => {
  await as("manager", async (page) => {
    await open(page, "/requests");
    await page.locator(".RaDataTable-root tbody tr").first().waitFor();
    stopService("postgrest");
    try {
      await open(page, "/chats");
      const failed = page.getByTestId("load-error").first();
      await failed.waitFor({ timeout: 60_000 });
      assert.match(await failed.innerText(), /Не удалось загрузить данные\. Нет связи с сервером BuhBot/);
      assert.match(await failed.innerText(), /Повторить/);
      const text = await page.locator("body").innerText();
      assert.doesNotMatch(text, /Результатов не найдено|нет данных|Failed to fetch|Bad Gateway/);
      await screenshot(page, "states-failed-list-1440");
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "states-failed-list-390");
      await page.setViewportSize({ width: 1440, height: 900 });
      await open(page, "/");
      await page.getByTestId("load-error").first().waitFor({ timeout: 60_000 });
      assert.doesNotMatch(await page.locator("body").innerText(), /нет данных|Failed to fetch/);
      await screenshot(page, "states-failed-dashboard-1440");
      await open(page, "/chats");
      await failed.waitFor({ timeout: 60_000 });
    } finally {
      await waitFor(() => startServices(), { what: "PostgREST back", timeoutMs: 30_000 });
    }
    await page.getByRole("button", { name: "Повторить" }).first().click();
    await rowWhere(page, { "Название": /Ромашка/ }, 30_000);
    assert.equal(await page.getByTestId("load-error").count(), 0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Russian errors beside the field, for the three the database or the form used to show raw
// ---------------------------------------------------------------------------------------------------
const helperOf = (page, input) =>
  page.locator(".MuiFormControl-root", { has: input }).locator(".MuiFormHelperText-root");

test("a template with an unknown variable is refused beside its text, in Russian", () =>
  as("manager", async (page) => {
    await open(page, "/templates/create");
    await page.getByLabel("Категория", { exact: false }).first().fill("Проверка");
    await page.getByLabel("Название", { exact: false }).first().fill("Неизвестная переменная");
    await page.locator('textarea[name="body"]').fill("Здравствуйте, {{client}}!");
    await page.getByRole("button", { name: "Сохранить" }).click();
    const helper = helperOf(page, page.locator('textarea[name="body"]'));
    await helper.filter({ hasText: "неизвестная переменная" }).waitFor();
    assert.deepEqual(englishIn(await page.locator("body").innerText()), []);
    await screenshot(page, "states-template-error-1440");
  }));

test("manager ids that are not numbers stay as typed (never NaN) with a Russian hint", () =>
  as("admin", async (page) => {
    await open(page, "/settings/true");
    const ids = page.locator('input[name="global_manager_telegram_ids"]');
    await ids.fill("700002, abc");
    await ids.blur();
    assert.equal(await ids.inputValue(), "700002, abc");
    await page.getByRole("button", { name: "Сохранить" }).click();
    const helper = helperOf(page, ids);
    await helper.filter({ hasText: "положительные целые числа через запятую" }).waitFor();
    assert.doesNotMatch(await page.locator("body").innerText(), /NaN/);
  }));

// ---------------------------------------------------------------------------------------------------
// Long data: a request with 1,200 messages and a closure after them
// ---------------------------------------------------------------------------------------------------
test("a long request's timeline pages its messages and keeps its closing event", async () => {
  const { sql } = t;
  const [request] =
    await sql`select id, received_at from public.requests where chat_id = ${ROMASHKA} order by id limit 1`;
  const long = "https://example.com/" + "очень-длинная-ссылка-".repeat(12);
  await sql`
    insert into public.messages (chat_id, source_chat_id, message_id, sender_telegram_id, sender_name, sender_kind, kind,
                                 text, sent_at, request_id)
    select ${ROMASHKA}, ${ROMASHKA}, 980000 + g, 710001, 'Иван Петров', 'client', 'text',
           case when g = 1 then ${long} else 'Уточнение № ' || g end, ${request.received_at}::timestamptz + g * interval '1 second', ${request.id}
    from generate_series(1, 1200) g`;
  await sql`insert into public.sla_events (request_id, chat_id, kind, at, data)
            values (${request.id}, ${ROMASHKA}, 'resolved', ${request.received_at}::timestamptz + interval '1 day',
                    '{"by": "Мария Руководитель"}')`;
  try {
    await as("manager", async (page) => {
      await open(page, `/requests/${request.id}/show`);
      const events = page.getByTestId("request-events");
      await events.getByText("Закрыто вручную").waitFor();
      assert.match(await events.innerText(), /кто: Мария Руководитель/);
      const messages = page.getByTestId("request-messages");
      await messages.getByText("Уточнение № 2", { exact: true }).waitFor();
      assert.equal(await messages.locator("li").count(), 50, "one page of 50 messages");
      assert.match(await page.getByText(/Сообщения клиента: \d+/).innerText(), /Сообщения клиента: 12\d\d/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1440, `the long link wraps (page ${width} px wide)`);
      await screenshot(page, "states-timeline-1440");
      await page.getByTestId("request-messages-pages").getByRole("button", { name: "Последняя страница" }).click();
      await messages.getByText("Уточнение № 1200", { exact: true }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "states-timeline-390");
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 12_000, `the page stays readable (${height} px tall)`);
    });
  } finally {
    await sql`delete from public.sla_events where request_id = ${request.id} and kind = 'resolved' and data ->> 'by' = 'Мария Руководитель'`;
    await sql`delete from public.messages where source_chat_id = ${ROMASHKA} and message_id between 980001 and 981200`;
  }
});

// ---------------------------------------------------------------------------------------------------
// Bot HTML, rendered safely; the outbox as the recipient sees it
// ---------------------------------------------------------------------------------------------------
const EVIL =
  '<b>Жирный</b> <i>курсив</i> <tg-spoiler>тайна</tg-spoiler> <a href="javascript:window.__owned=1">плохая ссылка</a> ' +
  '<a href="https://t.me/buhbot">хорошая ссылка</a><img src="x" onerror="window.__owned=2"><script>window.__owned=3</script>' +
  '<svg onload="window.__owned=4"></svg><b onmouseover="window.__owned=5">наведи</b>';

async function assertSafe(page, box) {
  await box.locator("strong", { hasText: "Жирный" }).first().waitFor();
  assert.equal(await box.locator("em", { hasText: "курсив" }).count() > 0, true);
  assert.equal(await box.locator("img, script, svg, iframe").count(), 0, "no foreign element survives");
  assert.equal(await box.locator("[onerror], [onload], [onmouseover]").count(), 0, "no event attribute survives");
  const hrefs = await box.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, ["https://t.me/buhbot"], "only the safe link is a link");
  await box.locator("strong", { hasText: "наведи" }).hover();
  assert.equal(await page.evaluate(() => globalThis.__owned), undefined, "nothing ran");
  assert.doesNotMatch(await box.innerText(), /<b>|<\/a>|<script/);
}

test("bot messages and outbox payloads render Telegram HTML without running anything", async () => {
  const { sql } = t;
  await sql`insert into public.messages (chat_id, source_chat_id, message_id, direction, sender_kind, kind, text, sent_at)
            values (${ROMASHKA}, ${ROMASHKA}, 990001, 'out', 'bot', 'text', ${EVIL}, now())`;
  const [row] = await sql`
    insert into public.outbox (kind, chat_id, about_chat_id, payload, dedup_key, status)
    values ('breach', ${MARIA.telegram}, ${ROMASHKA},
            ${
    sql.json({
      text: EVIL,
      parse_mode: "HTML",
      reply_markup: {
        inline_keyboard: [[{ text: "✅ Отметить решённым", callback_data: "x" }], [{
          text: "💬 Открыть чат",
          url: "https://t.me/c/1/2",
        }]],
      },
    })
  },
            'console-states-evil', 'cancelled')
    returning id`;
  try {
    await as("manager", async (page) => {
      await open(page, `/messages?filter=${encodeURIComponent(JSON.stringify({ "text@ilike": "%Жирный%" }))}`);
      await assertSafe(page, page.getByTestId("telegram-html").first());
      await screenshot(page, "states-bot-html-1440");
      await open(page, "/outbox");
      const outboxRow = await rowWhere(page, { "№": String(row.id) });
      assert.equal(outboxRow["Получатель"], MARIA.name);
      assert.equal(outboxRow["Вид"], "Нарушение SLA");
      assert.equal(outboxRow["Метод"], "Новое сообщение");
      await page.locator(".RaDataTable-root tbody tr", { hasText: MARIA.name }).first().click();
      const payload = page.getByTestId("outbox-payload").first();
      await assertSafe(page, payload);
      assert.match(await payload.innerText(), /Кнопки:\s*✅ Отметить решённым\s*💬 Открыть чат/);
      await screenshot(page, "states-outbox-1440");
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "states-outbox-390");
    });
  } finally {
    await sql`delete from public.outbox where id = ${row.id}`;
    await sql`delete from public.messages where source_chat_id = ${ROMASHKA} and message_id = 990001`;
  }
});

// ---------------------------------------------------------------------------------------------------
// The audit log for humans
// ---------------------------------------------------------------------------------------------------
test("the audit log names the chat and the person and spells the change; the database role is for admins", async () => {
  const { supabase } = await apiLogin("manager");
  const [{ title, sla_enabled }] = await t.sql`select title, sla_enabled from public.chats where id = ${ROMASHKA}`;
  const { error } = await supabase.from("chats").update({ sla_enabled: !sla_enabled }).eq("id", ROMASHKA);
  assert.equal(error, null);
  try {
    await as("manager", async (page) => {
      await open(page, "/audit_log");
      const entry = await rowWhere(page, { "Запись": title, "Кто": MARIA.name, "Действие": "Изменение" });
      assert.match(entry["Изменения"], sla_enabled ? /: Да → Нет/ : /: Нет → Да/);
      assert.deepEqual(englishIn(entry["Изменения"]), []);
      assert.equal(await page.getByRole("columnheader", { name: "Роль в базе" }).count(), 0);
      await screenshot(page, "states-audit-1440");
    });
    await as("admin", async (page) => {
      await open(page, "/audit_log");
      await rowWhere(page, { "Запись": title, "Кто": MARIA.name, "Роль в базе": "пользователь консоли" });
    });
  } finally {
    await supabase.from("chats").update({ sla_enabled }).eq("id", ROMASHKA);
    await supabase.auth.signOut();
  }
});

// ---------------------------------------------------------------------------------------------------
// Every route, every role: Russian only
// ---------------------------------------------------------------------------------------------------
async function routes(sql) {
  const one = async (q) => (await q)[0]?.id;
  const [request, alert, survey, faq, template] = await Promise.all([
    one(sql`select id from public.requests order by id limit 1`),
    one(sql`select id from public.alerts order by id limit 1`),
    one(sql`select id from public.surveys order by id limit 1`),
    one(sql`select id from public.faq order by id limit 1`),
    one(sql`select id from public.templates order by id limit 1`),
  ]);
  return [
    "/",
    "/chats",
    `/chats/${ROMASHKA}/show`,
    `/chats/${ROMASHKA}/show/staff`,
    `/chats/${ROMASHKA}/show/schedule`,
    `/chats/${ROMASHKA}/show/requests`,
    `/chats/${ROMASHKA}`,
    "/requests",
    `/requests/${request}/show`,
    "/alerts",
    alert && `/alerts/${alert}/show`,
    "/messages",
    "/chat_staff",
    "/surveys",
    survey && `/surveys/${survey}/show`,
    "/survey_votes",
    "/faq",
    "/faq/create",
    faq && `/faq/${faq}`,
    "/templates",
    "/templates/create",
    template && `/templates/${template}`,
    "/staff",
    `/staff/${MARIA.id}/show`,
    `/staff/${MARIA.id}`,
    "/settings/true/show",
    "/settings/true/show/calendar",
    "/settings/true",
    "/audit_log",
    "/outbox",
    "/feedback",
    "/sandbox",
  ].filter(Boolean);
}

for (const role of ROLES) {
  test(`${role}: every console route reads in Russian`, async () => {
    const paths = await routes(t.sql);
    // Telegram usernames are names, shown as Telegram spells them.
    const usernames =
      (await t.sql`select telegram_username as name from public.staff where telegram_username is not null`)
        .map((r) => r.name);
    const found = {};
    await as(role, async (page) => {
      for (const path of paths) {
        await open(page, path);
        const words = englishIn(await settledText(page), usernames);
        if (words.length) found[path] = words;
      }
      await screenshot(page, `states-sweep-${role}-1440`);
    });
    assert.deepEqual(found, {}, `English words on ${role}'s pages`);
  });
}
