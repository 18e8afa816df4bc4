// "What needs action now" in a real browser against the running stack: the queue of open requests as each
// role sees it (an accountant starts with their own chats), sorted by working time left, with countdowns
// that match the server's figures; the dashboard's figures open the items behind them; an alert says who
// was notified and how late; an accountant reads a template and an FAQ answer; the queue on a phone.
// Screenshots go to tests/results/console-queue-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { asRole, launch, open, rows, rowWhere, screenshot } from "../lib/console.mjs";
import { sql as connect } from "../lib/stack.mjs";
import { waitFor } from "../lib/vds.mjs";

const OLGA = 700003; // the demo accountant@buhbot.local
const PETR = 700099;
// Four chats with one open request each, arranged by their deadline and working-time snapshot:
//   late     24/7, deadline 20 min ago        → breached (marked by the tick), late ~20 min, clock running
//   soon     24/7, deadline in 5 min, warned  → warning
//   running  24/7, deadline in 50 min, Olga's chat
//   stopped  works only on one weekday three days from today, deadline 10:30 then; Olga's chat: the clock
//            stands still, so its figure is exact
const CHATS = {
  late: { id: -1004000000001, title: "Очередь: просрочено", olga: false },
  soon: { id: -1004000000002, title: "Очередь: скоро срок", olga: false },
  running: { id: -1004000000003, title: "Очередь: идёт отсчёт", olga: true },
  stopped: { id: -1004000000004, title: "Очередь: нерабочее время", olga: true },
};
const ORDER = ["late", "soon", "running", "stopped"];

let browser, sql;
before(async () => {
  browser = await launch();
  sql = connect();
  await cleanup();
  for (const [key, chat] of Object.entries(CHATS)) await arrange(key, chat);
  await sql`select sla.tick()`; // raises the breach of «late» and the warning of «soon» now, not at the next cron minute
});
after(async () => {
  await cleanup();
  await browser?.close();
  await sql?.end();
});

const cleanup = () => sql`delete from public.chats where id = any(${Object.values(CHATS).map((c) => c.id)}::bigint[])`;

async function arrange(key, chat) {
  await sql`insert into public.chats (id, title, chat_type, sla_enabled) values (${chat.id}, ${chat.title}, 'supergroup', true)`;
  await sql`insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
            values (${chat.id}, ${chat.olga ? OLGA : PETR}, 'accountant', true, ${
    chat.olga ? "Ольга Бухгалтер" : "Пётр Тестов"
  })`;
  await sql`select public.record_message(jsonb_build_object('chat_id', ${chat.id}::bigint, 'message_id', 1,
              'sender_telegram_id', 555777, 'sender_name', 'Клиент Очереди', 'kind', 'text',
              'text', ${`Вопрос для очереди: ${key}`}::text, 'sent_at', now() - interval '30 minutes'))`;
  await sql`select public.classify_message(${chat.id}::bigint, 1, 'REQUEST', 'rules')`;
  const day = await sql`select (extract(isodow from now() at time zone sla.firm_timezone())::int + 2) % 7 + 1 as dow`;
  const schedule = key === "stopped"
    ? sql`jsonb_set(sla.get_schedule(null), '{week}', jsonb_build_object('1', '[]'::jsonb, '2', '[]'::jsonb,
            '3', '[]'::jsonb, '4', '[]'::jsonb, '5', '[]'::jsonb, '6', '[]'::jsonb, '7', '[]'::jsonb)
            || jsonb_build_object(${String(day[0].dow)}::text, '[["09:00","18:00"]]'::jsonb))`
    : sql`sla.get_schedule(null) || '{"is_24x7": true}'`;
  const breachAt = {
    late: sql`now() - interval '20 minutes'`,
    soon: sql`now() + interval '5 minutes'`,
    running: sql`now() + interval '50 minutes'`,
    stopped: sql`((date_trunc('day', now() at time zone sla.firm_timezone()) + interval '3 days 10 hours 30 minutes')
                  at time zone sla.firm_timezone())`,
  }[key];
  const warnAt = key === "soon" ? sql`now() - interval '1 minute'` : sql`null`;
  await sql`update public.requests set schedule_id = sla.schedule_version(${schedule}), breach_at = ${breachAt}, warn_at = ${warnAt},
              next_alert_at = least(${warnAt}, ${breachAt})
            where chat_id = ${chat.id} and status = 'open'`;
}

/** The server's figures now: working seconds left and state of the arranged requests, by key. */
async function serverFigures() {
  const rows = await sql`select chat_id, working_seconds_left, sla_state from public.request_rows
                         where chat_id = any(${Object.values(CHATS).map((c) => c.id)}::bigint[]) and status = 'open'`;
  const byId = new Map(rows.map((r) => [String(r.chat_id), r]));
  return Object.fromEntries(Object.entries(CHATS).map(([key, chat]) => [key, byId.get(String(chat.id))]));
}

/** The queue's items in page order (table rows or phone cards): which arranged chat, minutes shown, state. */
const queueItems = (page) =>
  page.evaluate((chats) =>
    [...document.querySelectorAll('[data-testid="time-left"]')].map((cell) => {
      const item = cell.closest("tr, li");
      const key = Object.keys(chats).find((k) => item.innerText.includes(`Вопрос для очереди: ${k}`));
      return { key, minutes: Number(cell.dataset.minutes), state: cell.dataset.state, text: item.innerText };
    }).filter((item) => item.key), CHATS);

/** Waits until the queue shows exactly the `want`ed arranged requests. */
const waitForQueue = (page, want) =>
  waitFor(async () => {
    const items = await queueItems(page);
    assert.deepEqual(items.map((i) => i.key).sort(), [...want].sort());
    return items;
  }, { timeoutMs: 20_000, what: `the queue with ${want.join(", ")}` });

const minutesOf = (seconds) => (seconds >= 0 ? Math.floor(seconds / 60) : -Math.floor(-seconds / 60));

/** Every shown countdown is the server's figure: exact where the clock stands still, within the minute that
 *  may pass between the page's fetch and this check where it runs. */
async function assertMatchesServer(items) {
  const server = await serverFigures();
  for (const item of items) {
    const expected = minutesOf(Number(server[item.key].working_seconds_left));
    if (item.key === "stopped") assert.equal(item.minutes, expected, `${item.key}: ${item.text}`);
    else assert.ok(Math.abs(item.minutes - expected) <= 1, `${item.key}: shown ${item.minutes}, server ${expected}`);
    assert.equal(item.state, server[item.key].sla_state, `${item.key}'s state comes from the server`);
  }
}

for (const role of ["admin", "manager", "observer"]) {
  test(`${role}: the queue shows every open request, least working time left first, breached ones marked`, () =>
    asRole(browser, role, async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await open(page, "/queue");
      const items = await waitForQueue(page, ORDER);
      assert.deepEqual(items.map((i) => i.key), ORDER, "sorted by working time left");
      await assertMatchesServer(items);
      assert.equal(items[0].state, "breached");
      assert.match(items[0].text, /Просрочено/);
      assert.match(items[0].text, /просрочено на \d+ мин/);
      assert.match(items[1].text, /Скоро срок/);
      assert.match(items.find((i) => i.key === "stopped").text, /нерабочее время: отсчёт стоит/);
      const late = await rowWhere(page, { "Вопрос": "Вопрос для очереди: late" });
      assert.equal(late["Клиент"], "Клиент Очереди");
      assert.equal(late["Ответственный бухгалтер"], "Пётр Тестов");
      assert.equal(late["Чат"], CHATS.late.title);
      if (role === "manager") await screenshot(page, "queue-manager-1440");
    }));
}

test("an accountant's queue starts with their own chats and holds nothing of other chats", () =>
  asRole(browser, "accountant", async (page) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, "/queue");
    await page.getByRole("button", { name: "Мои", pressed: true }).waitFor();
    const items = await waitForQueue(page, ["running", "stopped"]);
    assert.deepEqual(items.map((i) => i.key), ["running", "stopped"]);
    await assertMatchesServer(items);
    await screenshot(page, "queue-accountant-1440");
    await page.getByRole("button", { name: "Все" }).click();
    await page.getByRole("button", { name: "Все", pressed: true }).waitFor();
    await waitForQueue(page, ["running", "stopped"]); // RLS: «all» an accountant may see is still their chats
  }));

test("the dashboard's figures open the items behind them", () =>
  asRole(browser, "manager", async (page) => {
    const card = (id) => page.locator(`[data-testid="${id}"] a`);
    const preview = page.locator('[data-testid="queue-preview"]');
    await preview.getByText(/^Вся очередь \(\d+\)$/).waitFor();
    assert.ok(
      (await preview.locator('[data-testid="time-left"]').count()) >= 1,
      "the head of the queue on the dashboard",
    );
    await card("kpi-open-requests").click();
    await page.waitForURL(/#\/queue/);
    await waitForQueue(page, ORDER);

    await open(page, "/");
    await card("kpi-open-alerts").click();
    await page.waitForURL(/#\/requests\?/);
    const filter = JSON.parse(new URL(page.url().replace("#/", "")).searchParams.get("filter"));
    assert.deepEqual(filter, { status: "open", breached: "true" });
    await rowWhere(page, { "Вопрос": "Вопрос для очереди: late" });
    assert.ok(
      !(await rows(page)).some((row) => /Вопрос для очереди: (soon|running|stopped)/.test(row["Вопрос"])),
      "only breached requests",
    );

    await open(page, "/");
    await page.locator('[data-testid="kpi-breaches"] a').waitFor();
    await card("kpi-breaches").click();
    await page.waitForURL(/#\/requests\?/);
    const today = JSON.parse(new URL(page.url().replace("#/", "")).searchParams.get("filter"));
    const [{ start }] =
      await sql`select public.firm_day_start((now() at time zone sla.firm_timezone())::date) as start`;
    assert.equal(today.breached, "true");
    assert.equal(new Date(today["breach_at@gte"]).getTime(), start.getTime(), "since the firm's midnight");
    await rowWhere(page, { "Вопрос": "Вопрос для очереди: late" });
  }));

test("an alert row shows who was notified and how late the request is", () =>
  asRole(browser, "manager", async (page) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, "/alerts");
    const row = await rowWhere(page, {
      "Чат": CHATS.late.title,
      "Вид": "Нарушение SLA",
      "Кого оповестили": /Пётр Тестов/,
    });
    const [alert] = await sql`select late_working_seconds from public.alert_rows
                              where chat_id = ${CHATS.late.id} and kind = 'breach'`;
    const shown = Number(row["Просрочка (раб. время)"].match(/^(\d+) мин$/)?.[1]);
    assert.ok(Math.abs(shown - Math.floor(alert.late_working_seconds / 60)) <= 1, `late ${shown} min`);
    await screenshot(page, "queue-alerts-1440");
  }));

test("an accountant reads a template and an FAQ answer without being offered to change them", () =>
  asRole(browser, "accountant", async (page) => {
    for (const [resource, field] of [["templates", "Текст"], ["faq", "Ответ"]]) {
      await open(page, `/${resource}`);
      await page.locator(".RaDataTable-root tbody tr").first().click();
      await page.waitForURL(new RegExp(`#/${resource}/\\d+/show`));
      await page.getByText(field, { exact: true }).waitFor();
      assert.equal(await page.locator("input, textarea").count(), 0, `${resource}: nothing to edit`);
      for (const label of ["Редактировать", "Сохранить", "Удалить"]) {
        assert.equal(await page.getByText(label, { exact: true }).count(), 0, `${resource}: no «${label}»`);
      }
    }
  }));

test("on a phone the queue is cards without horizontal scrolling", () =>
  asRole(browser, "manager", async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/queue");
    const items = await waitForQueue(page, ORDER);
    assert.deepEqual(items.map((i) => i.key), ORDER);
    assert.ok((await page.locator('[data-testid="queue-cards"] li').count()) >= ORDER.length, "requests as cards");
    assert.equal(await page.locator(".RaDataTable-root").count(), 0, "no table on a phone");
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `no horizontal scroll: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, "queue-manager-390");
  }));
