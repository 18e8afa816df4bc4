// The console on a phone and the survey start, in Debian's Chromium against the running stack:
//   * the first survey is started from an EMPTY Surveys page; the dialog's counts (before anything is sent)
//     match SQL, and the result's count matches the deliveries written;
//   * at 390 px no page scrolls sideways and no element of the page is wider than the screen — dashboard,
//     lists, the chat page with its tabs and edit form, the menu drawer — as a manager and as an accountant;
//     the erase-client dialog's buttons fit;
//   * a schedule is saved with the time pickers; 24/7 greys out the weekdays; the week ahead follows;
//   * settings say in Russian, next to the field, what is wrong before anything is saved.
// Screenshots (1440 px and 390 px) go to tests/results/console-surveys-*.png and console-phone-*.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { asRole, browserAndDb, open, screenshot } from "../lib/console.mjs";

const ROMASHKA = -1001000000001, VECTOR = -1001000000003;
const PHONE = { width: 390, height: 844 }, DESKTOP = { width: 1440, height: 900 };
const db = browserAndDb();

/** Logs in as `role` in a Russian-locale browser context, runs the steps and checks that nothing untranslated
 *  or broken showed up. */
const as = (role, steps, viewport = DESKTOP) => asRole(db.browser, role, steps, { viewport, locale: "ru-RU" });

// ── Surveys ─────────────────────────────────────────────────────────────────────────────────────────

// An independent reading of who gets a manual survey now: SLA and monitoring on, a client message in the
// last 3 months, no survey message within the cooldown.
async function expectedNow() {
  const [{ n }] = await db.sql`
    select count(*)::int as n from public.chats c cross join public.settings st
    where c.sla_enabled and c.monitoring_enabled
      and exists (select 1 from public.messages m where m.chat_id = c.id and m.sender_kind = 'client'
                   and m.direction = 'in' and m.sent_at >= now() - interval '3 months' and m.sent_at < now())
      and not exists (select 1 from public.survey_deliveries d where d.chat_id = c.id
                       and greatest(d.delivered_at, d.reminded_at) > now() - make_interval(hours => st.survey_cooldown_hours))`;
  return n;
}

test("a manager starts the first survey from an empty Surveys page; the dialog's counts match SQL", async (t) => {
  await db.sql`delete from public.surveys`;
  const title = `E2E: первый опрос ${Date.now()}`;
  t.after(async () => {
    await db.sql`delete from public.outbox where dedup_key in (select 'survey:' || d.id from public.survey_deliveries d
                   join public.surveys s on s.id = d.survey_id where s.title = ${title})`;
    await db.sql`delete from public.surveys where title = ${title}`;
  });
  const want = await expectedNow();
  const [{ chats, off }] = await db
    .sql`select count(*)::int as chats, count(*) filter (where not sla_enabled)::int as off
                                       from public.chats`;
  assert.ok(want > 0, "the seed has a chat with a recent client message");
  await as("manager", async (page) => {
    await open(page, "/surveys");
    await page.waitForSelector('[data-testid="surveys-empty"]');
    await screenshot(page, "surveys-empty-1440");
    await page.getByRole("button", { name: "Запустить опрос" }).click();
    await page.fill("input[name=title]", title);
    const preview = page.locator('[data-testid="survey-preview"]');
    await preview.waitFor();
    const shown = Object.fromEntries(
      await Promise.all(
        ["now", "later", "never"].map(async (k) => [k, Number(await preview.getAttribute(`data-${k}`))]),
      ),
    );
    assert.deepEqual(shown, { now: want, later: 0, never: chats - want }, "the dialog counts what SQL counts");
    assert.match(await preview.innerText(), new RegExp(`Получат сейчас: ${want} чат`));
    assert.match(await preview.innerText(), new RegExp(`SLA выключен — ${off}`), "«Вектор» is not connected");
    await screenshot(page, "surveys-dialog-1440");
    await page.setViewportSize(PHONE);
    await screenshot(page, "surveys-dialog-390");
    await page.setViewportSize(DESKTOP);
    await page.getByRole("button", { name: "Запустить", exact: true }).click();
    const note = await page.getByText(/Опрос № \d+ запущен: отправлен в \d+ чат/).innerText();
    const [, id, sent] = note.match(/№ (\d+) запущен: отправлен в (\d+)/);
    const [{ n }] = await db.sql`select count(*)::int as n from public.survey_deliveries where survey_id = ${id}`;
    assert.equal(Number(sent), n, "the result counts the deliveries the start wrote");
    assert.equal(n, want, "as many as the dialog promised");
    await page.waitForSelector(`text=${title}`);
    await screenshot(page, "surveys-started-1440");
  });
});

// ── Phone ───────────────────────────────────────────────────────────────────────────────────────────

/** Fails when the page scrolls sideways or an element of the page is wider than the screen; names them. */
async function fitsScreen(page, what) {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("#main-content *, .MuiDrawer-root *, .MuiDialog-root *")]
      .filter((e) => e.getBoundingClientRect().width > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(" ").slice(0, 2).join(".")}`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide };
  });
  assert.ok(scrollWidth <= clientWidth, `${what}: the page scrolls sideways (${scrollWidth} > ${clientWidth})`);
  assert.deepEqual(wide, [], `${what}: elements wider than the screen`);
}

/** Opens a route at 390 px, waits until its data is shown, checks the width and takes a screenshot. */
async function phonePage(page, role, path, ready, name) {
  await open(page, path);
  await page.waitForSelector(ready);
  await page.waitForLoadState("networkidle");
  await fitsScreen(page, `${role} ${path}`);
  await screenshot(page, `phone-${role}-${name}-390`);
}

// A list is shown once its cards (or its "nothing found") are.
const LIST = '[data-testid="record-card"], [data-testid="no-records"], .RaEmpty-message';
const PAGES = [
  ["/", '[data-testid="kpi-compliance_pct"] .MuiTypography-h4', "dashboard"],
  ["/requests", LIST, "requests"],
  ["/alerts?filter=%7B%7D", LIST, "alerts"],
  ["/chats", LIST, "chats"],
  [`/chats/${ROMASHKA}/show`, "[data-check]", "chat"],
  [`/chats/${ROMASHKA}/show/staff`, LIST, "chat-staff"],
  [`/chats/${ROMASHKA}/show/schedule`, '[data-testid="week-ahead"]', "chat-schedule"],
  [`/chats/${ROMASHKA}/show/requests`, LIST, "chat-requests"],
  ["/messages", LIST, "messages"],
  ["/surveys", "#main-content", "surveys"],
  ["/feedback", '[data-testid="feedback-trend"]', "feedback"],
  ["/faq", LIST, "faq"],
  ["/templates", LIST, "templates"],
  ["/settings/true/show", "text=Порог ответа по умолчанию, мин", "settings"],
  ["/settings/true/show/calendar", '[data-testid="week-ahead"]', "calendar"],
];
const MANAGER_ONLY = [
  [`/chats/${ROMASHKA}/edit`, "input[name=threshold_minutes]", "chat-edit"],
  ["/chat_staff", LIST, "chat-staff-list"],
  ["/staff", LIST, "staff"],
  ["/audit_log", LIST, "audit"],
];

for (const role of ["manager", "accountant"]) {
  test(`at 390 px nothing scrolls sideways for the ${role}: pages, cards and the menu`, () =>
    as(role, async (page) => {
      for (const [path, ready, name] of role === "manager" ? [...PAGES, ...MANAGER_ONLY] : PAGES) {
        await phonePage(page, role, path, ready, name);
      }
      await open(page, "/");
      await page.getByRole("button", { name: "Открыть меню" }).click();
      await page.locator(".MuiDrawer-root .RaMenuItemLink-root").first().waitFor();
      await fitsScreen(page, `${role} menu`);
      await screenshot(page, `phone-${role}-menu-390`);
    }, PHONE));
}

test("at 390 px the admin reaches the calendar import, and the erase-client dialog shows both its buttons", () =>
  as("admin", async (page) => {
    await open(page, "/settings/true/show/calendar");
    await page.getByText("Выбрать файл").waitFor();
    await fitsScreen(page, "calendar import");
    await screenshot(page, "phone-admin-calendar-import-390");
    await open(page, "/messages");
    await page.getByRole("button", { name: "Удалить данные клиента" }).click();
    for (const name of ["Отмена", "Удалить безвозвратно"]) {
      const button = page.getByRole("button", { name });
      const box = await button.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `«${name}» fits: ${JSON.stringify(box)}`);
      assert.equal((await button.innerText()).trim().toLowerCase(), name.toLowerCase(), `«${name}» shows its words`);
    }
    await fitsScreen(page, "erase dialog");
    await screenshot(page, "phone-admin-erase-dialog-390");
  }, PHONE));

// ── Schedule and settings ───────────────────────────────────────────────────────────────────────────

test("a manager saves a chat's hours with the time pickers; 24/7 greys out the weekdays", async (t) => {
  t.after(() => db.sql`delete from public.calendars where chat_id = ${VECTOR}`);
  await as("manager", async (page) => {
    await open(page, `/chats/${VECTOR}/show/schedule`);
    await page.waitForSelector('[data-testid="week-ahead"]');
    const saturday = page.locator("fieldset", { hasText: "Суббота" });
    await saturday.getByRole("button", { name: "Добавить интервал" }).click();
    await page.fill('input[name="day6.0.from"]', "15:00");
    await page.fill('input[name="day6.0.to"]', "11:00");
    await page.getByRole("button", { name: "Сохранить календарь" }).click();
    await saturday.getByText("Конец интервала должен быть позже начала").waitFor();
    assert.equal((await db.sql`select count(*)::int as n from public.calendars where chat_id = ${VECTOR}`)[0].n, 0);
    await page.fill('input[name="day6.0.from"]', "10:00");
    await page.fill('input[name="day6.0.to"]', "14:00");
    await screenshot(page, "phone-schedule-pickers-1440");
    await page.getByRole("button", { name: "Сохранить календарь" }).click();
    await page.waitForSelector("text=У чата собственный календарь");
    const [{ week }] = await db.sql`select (sla.get_schedule(${VECTOR}) -> 'week') as week`;
    assert.deepEqual(week["6"], [["10:00", "14:00"]]);
    assert.deepEqual(week["1"], [["09:00", "18:00"]], "the other days keep the global hours");
    // The week ahead is the database's: a Saturday that is not a holiday now works 10:00–14:00.
    const [{ saturdays }] = await db.sql`
      select jsonb_agg(d) filter (where (d ->> 'weekday')::int = 6) as saturdays
      from jsonb_array_elements((select sla.week_ahead(sla.get_schedule(${VECTOR}),
                                 (now() at time zone 'Europe/Moscow')::date))) d`;
    const saturdayAhead = page.locator(`[data-testid="week-ahead"] [data-kind="${saturdays[0].kind}"]`, {
      hasText: /^Сб/,
    });
    await saturdayAhead.waitFor();
    if (saturdays[0].kind === "work") assert.match(await saturdayAhead.innerText(), /10:00–14:00/);

    await page.getByLabel("Круглосуточно (24/7)").check();
    for (const input of ['input[name="day1.0.from"]', 'input[name="day6.0.to"]', 'input[name="holidays.new"]']) {
      assert.ok(await page.locator(input).isDisabled(), `${input} is greyed out under 24/7`);
    }
    await page.setViewportSize(PHONE);
    await fitsScreen(page, "schedule editor");
    await screenshot(page, "phone-schedule-24x7-390");
  });
});

test("the admin's settings form says in Russian, next to the field, what is wrong", async () => {
  const [before] = await db.sql`select warning_percent, global_manager_telegram_ids::text as ids,
                                       internal_team_chat_id from public.settings`;
  await as("admin", async (page) => {
    await open(page, "/settings/true");
    await page.waitForSelector("input[name=warning_percent]");
    const cases = [
      ["warning_percent", "150", "Не больше 99"],
      ["default_threshold_minutes", "2.5", "Нужно целое число"],
      ["global_manager_telegram_ids", "700002, Иван", "Нужны Telegram ID людей — положительные целые числа"],
      ["internal_team_chat_id", "12345", "Telegram ID группы — целое отрицательное число"],
    ];
    for (const [field, value] of cases) await page.fill(`input[name=${field}]`, value);
    await page.getByRole("button", { name: "Сохранить" }).click();
    for (const [field, , message] of cases) {
      const input = page.locator(".MuiFormControl-root", { has: page.locator(`input[name=${field}]`) });
      await input.getByText(message).waitFor();
    }
    await screenshot(page, "phone-settings-errors-1440");
    await page.setViewportSize(PHONE);
    await fitsScreen(page, "settings form");
    await screenshot(page, "phone-settings-errors-390");
  });
  const [after] = await db.sql`select warning_percent, global_manager_telegram_ids::text as ids,
                                      internal_team_chat_id from public.settings`;
  assert.deepEqual(after, before, "nothing was saved");
});
