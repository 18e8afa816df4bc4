// The admin console in a real browser against the running stack: every demo role logs in, sees Russian
// text only, and is offered exactly what RLS lets it do. Screenshots go to tests/results/console-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { asRole, CONSOLE_URL, launch, menu, open, rawKeys, rows, rowWhere, screenshot } from "../lib/console.mjs";
import { sql as connect } from "../lib/stack.mjs";

const ROMASHKA = -1001000000001, SIDOROV = -1001000000002, VECTOR = -1001000000003;
const ROLES = ["admin", "manager", "accountant", "observer"];

let browser, sql;
before(async () => {
  browser = await launch();
  sql = connect();
});
after(async () => {
  await browser?.close();
  await sql?.end();
});

const as = (role, steps) => asRole(browser, role, steps);

const offered = {
  admin: ["Главная", "Чаты", "Обращения", "Оповещения", "Пользователи", "Настройки", "Журнал изменений", "Исходящие"],
  manager: ["Главная", "Чаты", "Обращения", "Оповещения", "Пользователи", "Настройки", "Журнал изменений", "Исходящие"],
  accountant: ["Главная", "Чаты", "Обращения", "Оповещения", "Настройки"],
  observer: ["Главная", "Чаты", "Обращения", "Пользователи", "Настройки", "Журнал изменений"],
};
const hidden = { accountant: ["Пользователи", "Журнал изменений", "Исходящие"], observer: ["Исходящие"] };

for (const role of ROLES) {
  test(`${role} logs in and gets the Russian dashboard and the menu of the role`, () =>
    as(role, async (page) => {
      // The card shows "…" until public.sla_metrics answers, then a count.
      await page.locator('[data-testid="kpi-open-requests"] .MuiTypography-h4', { hasText: /^\d+$/ }).waitFor();
      assert.match(await page.locator('[data-testid="kpi-open-requests"]').innerText(), /^Ждут ответа сейчас\s+\d+$/);
      await page.waitForSelector('[data-testid="week-chart"]');
      const entries = await menu(page);
      for (const entry of offered[role]) assert.ok(entries.includes(entry), `${role} should see "${entry}"`);
      for (const entry of hidden[role] ?? []) assert.ok(!entries.includes(entry), `${role} must not see "${entry}"`);
      await screenshot(page, `${role}-dashboard`);
    }));
}

test("the accountant sees only the chats they work in", async () => {
  const mine = (await sql`select chat_id from public.chat_staff where telegram_user_id = 700003`).map((r) =>
    String(r.chat_id)
  );
  assert.ok(
    mine.includes(String(ROMASHKA)) && !mine.includes(String(SIDOROV)),
    "seed: Olga works in «Ромашка», not in «ИП Сидоров»",
  );
  await as("accountant", async (page) => {
    await open(page, "/chats?perPage=50");
    const shown = (await rows(page)).map((row) => row["ID чата в Telegram"]);
    assert.deepEqual(shown.sort(), mine.sort());
    await screenshot(page, "accountant-chats");
  });
});

test("the observer is offered no edit, create or delete buttons", () =>
  as("observer", async (page) => {
    const noChanges = async () => {
      for (const label of ["Редактировать", "Удалить", "Создать", "Добавить сотрудника", "Сохранить календарь"]) {
        assert.equal(await page.getByText(label, { exact: true }).count(), 0, `"${label}" on ${page.url()}`);
      }
    };
    await open(page, "/chats");
    assert.ok((await rows(page)).length >= 3);
    await noChanges();
    await open(page, `/chats/${ROMASHKA}/show/staff`);
    await page.waitForSelector("text=Ольга Бухгалтер");
    await noChanges();
    await open(page, `/chats/${ROMASHKA}/show/schedule`);
    await page.waitForSelector("text=Понедельник");
    assert.equal(await page.locator('input[name="day1.0.from"]').getAttribute("readonly"), "");
    await noChanges();
    await screenshot(page, "observer-schedule");
    await open(page, "/settings/true/show");
    await page.waitForSelector("text=Порог ответа по умолчанию, мин");
    await noChanges();
  }));

// The console decides no check itself: the panel and the list's chip show public.chat_health's rows as they are.
for (const chat of [ROMASHKA, SIDOROV, VECTOR]) {
  test(`a manager sees the configuration checks of chat ${chat} exactly as the database words them`, async () => {
    const checks = await sql`select key, ok, detail from public.chat_health(${chat})`;
    assert.ok(checks.length > 0, "the seed chat has checks");
    const unmet = checks.filter((check) => check.ok !== true).length;
    await as("manager", async (page) => {
      await open(page, `/chats?filter=${encodeURIComponent(JSON.stringify({ id: chat }))}`);
      await rowWhere(page, { Настройка: unmet ? new RegExp(`^${unmet} проблем`) : "В порядке" });
      await open(page, `/chats/${chat}/show`);
      await page.waitForSelector("[data-check]");
      const shown = await page.locator("[data-check]").evaluateAll((items) =>
        items.map((item) => ({ key: item.dataset.check, ok: item.dataset.ok, detail: item.innerText.trim() }))
      );
      assert.deepEqual(shown, checks.map(({ key, ok, detail }) => ({ key, ok: String(ok), detail })));
      if (chat === VECTOR) await screenshot(page, "manager-chat-health");
    });
  });
}

test("a manager changes a chat's threshold and it is saved", async (t) => {
  const [{ threshold_minutes: original }] = await sql`select threshold_minutes from public.chats where id = ${SIDOROV}`;
  const wanted = original === 45 ? 50 : 45;
  t.after(() => sql`update public.chats set threshold_minutes = ${original} where id = ${SIDOROV}`);
  await as("manager", async (page) => {
    await open(page, `/chats/${SIDOROV}/edit`);
    await page.fill("input[name=threshold_minutes]", String(wanted));
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForURL(new RegExp(`/chats/${SIDOROV}/show`));
    await page.reload();
    const field = page.locator(".ra-field-threshold_minutes");
    assert.match(await field.innerText(), new RegExp(`^Порог ответа, мин\\s+${wanted}$`));
    await screenshot(page, "manager-chat-saved");
  });
  const [{ threshold_minutes: stored }] = await sql`select threshold_minutes from public.chats where id = ${SIDOROV}`;
  assert.equal(stored, wanted);
});

test("a manager may not change users or global settings", () =>
  as("manager", async (page) => {
    await open(page, "/staff");
    assert.ok((await rows(page)).length >= 4);
    assert.equal(await page.getByText("Редактировать", { exact: true }).count(), 0);
    await open(page, "/settings/true/show");
    await page.waitForSelector("text=Порог ответа по умолчанию, мин");
    assert.equal(await page.getByText("Редактировать", { exact: true }).count(), 0);
    await open(page, "/settings/true/show/calendar");
    await page.waitForSelector("text=Понедельник");
    assert.equal(await page.getByText("Сохранить календарь", { exact: true }).count(), 0);
  }));

test("a manager gives a chat its own calendar and returns it to the global one", async (t) => {
  const own = async () => (await sql`select count(*)::int as n from public.calendars where chat_id = ${VECTOR}`)[0].n;
  assert.equal(await own(), 0, "«Вектор» follows the global calendar in the seed");
  t.after(() => sql`delete from public.calendars where chat_id = ${VECTOR}`);
  await as("manager", async (page) => {
    await open(page, `/chats/${VECTOR}/show/schedule`);
    await page.locator("fieldset", { hasText: "Суббота" }).getByRole("button", { name: "Добавить интервал" }).click();
    await page.fill('input[name="day6.0.from"]', "10:00");
    await page.fill('input[name="day6.0.to"]', "14:00");
    await page.getByRole("button", { name: "Сохранить календарь" }).click();
    await page.waitForSelector("text=Календарь сохранён");
    await page.reload();
    await page.waitForSelector("text=У чата собственный календарь");
    assert.equal(await page.inputValue('input[name="day6.0.from"]'), "10:00");
    assert.equal(await page.inputValue('input[name="day6.0.to"]'), "14:00");
    assert.equal(await own(), 1);
    await page.getByRole("button", { name: "Вернуть общий календарь" }).click();
    await page.getByRole("button", { name: "Подтвердить" }).click();
    await page.waitForSelector("text=Чат следует общему календарю");
  });
  assert.equal(await own(), 0);
});

test("the admin sees users and settings and exports chats as CSV", () =>
  as("admin", async (page) => {
    await open(page, "/staff");
    assert.ok((await rows(page)).length >= 4);
    await rowWhere(page, { ФИО: "Анна Админова", Роль: "Администратор" });
    await rowWhere(page, { ФИО: "Олег Наблюдатель", Роль: "Наблюдатель" });
    await screenshot(page, "admin-staff");
    await open(page, "/settings/true/show");
    await page.waitForSelector("text=Порог ответа по умолчанию, мин");
    assert.equal(await page.getByText("Редактировать", { exact: true }).count(), 1);
    await screenshot(page, "admin-settings");
    await open(page, "/chats");
    await rows(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Экспорт").click()]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.equal(
      csv.split("\r\n")[0],
      "\uFEFFНазвание;ID чата в Telegram;Тип;SLA;Порог ответа, мин;Последнее сообщение",
    );
    assert.match(csv, new RegExp(String(VECTOR)));
  }));

test("a manager adds a person to a chat's staff and removes them", async (t) => {
  const linked = async () =>
    (await sql`select role from public.chat_staff where chat_id = ${VECTOR} and telegram_user_id = 700004`)[0]?.role;
  assert.equal(await linked(), undefined);
  t.after(() => sql`delete from public.chat_staff where chat_id = ${VECTOR} and telegram_user_id = 700004`);
  await as("manager", async (page) => {
    await open(page, `/chats/${VECTOR}/show/staff`);
    await page.getByText("Добавить сотрудника").click();
    await page.getByLabel("Telegram ID").fill("Олег");
    await page.getByRole("option", { name: "Олег Наблюдатель (700004)" }).click();
    await page.getByLabel("Роль в чате").click();
    await page.getByRole("option", { name: "Руководитель" }).click();
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForURL(new RegExp(`/chats/${VECTOR}/show/staff`));
    await rowWhere(page, { "Имя в чате": "Олег Наблюдатель", "Telegram ID": "700004", "Роль в чате": "Руководитель" });
    assert.equal(await linked(), "manager");
    await screenshot(page, "manager-chat-staff");
    await page.locator("tr", { hasText: "700004" }).getByText("Удалить").click();
    await page.getByRole("button", { name: "Подтвердить" }).click();
    await page.waitForSelector("text=700004", { state: "detached" });
  });
  assert.equal(await linked(), undefined);
});

test("the admin changes a global setting", async (t) => {
  const [{ warning_percent: original }] = await sql`select warning_percent from public.settings`;
  const wanted = original === 75 ? 70 : 75;
  t.after(() => sql`update public.settings set warning_percent = ${original}`);
  await as("admin", async (page) => {
    await open(page, "/settings/true/show");
    await page.getByText("Редактировать", { exact: true }).click();
    await page.fill("input[name=warning_percent]", String(wanted));
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForURL(/settings\/true\/show/);
    await page.waitForSelector(`.ra-field-warning_percent >> text=${wanted}`);
  });
  assert.equal((await sql`select warning_percent from public.settings`)[0].warning_percent, wanted);
});

test("a manager closes a client's request by hand from its page", async () => {
  // A client message as the webhook stores it: recorded, then labelled REQUEST (opens or joins the chat's request).
  const messageId = Date.now() % 1_000_000_000;
  await sql`select public.record_message(${
    sql.json({
      chat_id: ROMASHKA,
      message_id: messageId,
      sender_telegram_id: 990001,
      sender_name: "Клиент e2e",
      kind: "text",
      text: "Нужен акт сверки",
    })
  })`;
  const [{ result }] =
    await sql`select public.classify_message(${ROMASHKA}, ${messageId}, 'REQUEST', 'rules') as result`;
  assert.ok(["opened", "joined"].includes(result.action), JSON.stringify(result));
  await as("manager", async (page) => {
    await open(page, `/requests/${result.request_id}/show`);
    await page.waitForSelector("text=Нужен акт сверки");
    await page.getByRole("button", { name: "Закрыть вручную" }).click();
    await page.getByRole("button", { name: "Подтвердить" }).click();
    await page.waitForSelector("text=Запрос закрыт");
    await page.waitForSelector(".ra-field-status >> text=Закрыто вручную");
    await screenshot(page, "manager-request-resolved");
  });
  const [request] = await sql`select status, resolved_by from public.requests where id = ${result.request_id}`;
  assert.equal(request.status, "resolved");
  assert.match(request.resolved_by, /Мария Руководитель/);
});

test("lists refresh on their own within 30 seconds", async (t) => {
  const [{ title }] = await sql`select title from public.chats where id = ${VECTOR}`;
  t.after(() => sql`update public.chats set title = ${title} where id = ${VECTOR}`);
  await as("manager", async (page) => {
    await open(page, `/chats?filter=${encodeURIComponent(JSON.stringify({ id: VECTOR }))}`);
    await page.waitForSelector(`text=${title}`);
    const renamed = `Вектор ${Date.now()}`;
    await sql`update public.chats set title = ${renamed} where id = ${VECTOR}`;
    await page.waitForSelector(`text=${renamed}`, { timeout: 35_000 });
  });
});

test("a first visit shows the login form quietly and a wrong password is refused in Russian", async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(CONSOLE_URL);
    await page.waitForSelector("input[name=email]");
    assert.equal(await page.locator(".MuiSnackbar-root").count(), 0, "no error before anyone tried to log in");
    await page.fill("input[name=email]", "admin@buhbot.local");
    await page.fill("input[name=password]", "not-the-password");
    await page.click("button[type=submit]");
    await page.waitForSelector("text=Неверная почта или пароль");
    assert.deepEqual(await rawKeys(page), []);
  } finally {
    await context.close();
  }
});

test("logging out returns to the login form and closes the session", () =>
  as("admin", async (page) => {
    await page.click('button[aria-label="Профиль"]');
    await page.getByText("Выйти").click();
    await page.waitForSelector("input[name=email]");
    await open(page, "/chats");
    await page.waitForSelector("input[name=email]");
    assert.equal(await page.locator(".RaDataTable-root").count(), 0);
    await screenshot(page, "logged-out");
  }));

// ── Feedback & surveys ─────────────────────────────────────────────────────────────────────────
// A survey for «Ромашка» alone (so feedback.tick adds no other chat, whatever earlier suites left) with three client votes (5, 5, 4 → average 4.67, NPS 100) cast through
// public.survey_vote as the webhook would; the comment is what feedback.capture_comment would store.
// Ratings stay above the low-rating threshold so no alert DM is queued for the relay.
const VOTERS = [[900101, "Иван Клиентов", 5, "Всё быстро, спасибо"], [900102, "Мария Клиентова", 5, null], [
  900103,
  "Пётр Заказчиков",
  4,
  "Хотелось бы отвечать в выходные",
]];

async function surveyFixture(t) {
  const [{ id: survey }] = await sql`
    insert into public.surveys (kind, title, chat_ids, period_from, period_to, quarter, started_at, expires_at, created_by)
    values ('manual', 'E2E: опрос клиентов', array[${ROMASHKA}::bigint], now() - interval '3 months', now(),
            date_trunc('quarter', now() at time zone public.firm_timezone())::date, now(), now() + interval '7 days', 'e2e')
    returning id`;
  t.after(() => sql`delete from public.surveys where id = ${survey}`);
  const [{ id: delivery }] = await sql`
    insert into public.survey_deliveries (survey_id, chat_id, accountant_telegram_id, delivered_at, remind_at, expires_at)
    values (${survey}, ${ROMASHKA}, 700003, now(), now() + interval '1 day', now() + interval '7 days') returning id`;
  for (const [voter, name, rating, comment] of VOTERS) {
    const [{ answer }] =
      await sql`select public.survey_vote(${delivery}, (select chat_id from public.survey_deliveries where id = ${delivery}), ${voter}, ${rating}, now(), ${name}) as answer`;
    assert.equal(answer, `Спасибо! Ваша оценка: ${rating}`);
    if (comment) {
      await sql`update public.survey_votes set comment = ${comment}, commented_at = now() where delivery_id = ${delivery} and telegram_user_id = ${voter}`;
    }
  }
  return survey;
}

const kpi = (page, id) =>
  page.locator(`[data-testid="${id}"] .MuiTypography-h4`, { hasText: /^[\d.,-]+$/ }).innerText();

test("a manager opens the feedback pages, sees NPS and who voted, and starts a survey for chosen chats", async (t) => {
  const survey = await surveyFixture(t);
  const title = `E2E: ручной опрос ${Date.now()}`;
  t.after(async () => {
    await sql`delete from public.outbox where dedup_key in (select 'survey:' || d.id from public.survey_deliveries d join public.surveys s on s.id = d.survey_id where s.title = ${title})`;
    await sql`delete from public.surveys where title = ${title}`;
  });
  await as("manager", async (page) => {
    assert.ok((await menu(page)).includes("Отзывы клиентов"));
    assert.ok(Number(await kpi(page, "kpi-votes")) >= 3, "the dashboard counts this quarter's votes");
    await open(page, "/surveys");
    await rowWhere(page, {
      Название: "E2E: опрос клиентов",
      Вид: "Ручной",
      Статус: "Идёт",
      "Оцениваемый квартал": /^[IV]+ кв\. \d{4}$/,
      "Отправлено в чаты": "1",
      Оценок: "3",
    });
    await open(page, `/surveys/${survey}/show`);
    assert.equal(await kpi(page, "feedback-nps"), "100");
    assert.equal(await kpi(page, "feedback-average"), "4.67");
    assert.equal(await kpi(page, "feedback-votes"), "3");
    await page.waitForSelector("text=Хотелось бы отвечать в выходные");
    await screenshot(page, "manager-survey");
    await open(page, "/survey_votes");
    await rowWhere(page, {
      Клиент: "Иван Клиентов",
      "Telegram ID клиента": "900101",
      Оценка: "5",
      Комментарий: "Всё быстро, спасибо",
    });
    await open(page, "/feedback");
    await page.waitForSelector('[data-testid="feedback-trend"] tbody tr');
    await page.waitForSelector("text=Всё быстро, спасибо");
    await screenshot(page, "manager-feedback");
    await open(page, "/surveys");
    await page.getByRole("button", { name: "Запустить опрос" }).click();
    await page.fill("input[name=title]", title);
    await page.getByLabel("Выбранным чатам").check();
    await page.getByLabel("Чаты").fill("Вектор");
    await page.getByRole("option", { name: /Вектор/ }).click();
    await page.getByRole("button", { name: "Запустить", exact: true }).click();
    await page.waitForSelector("text=запущен");
  });
  const [started] = await sql`select kind, chat_ids, created_by from public.surveys where title = ${title}`;
  assert.deepEqual([started.kind, started.chat_ids.map(String), started.created_by], [
    "manual",
    [String(VECTOR)],
    "staff 700002",
  ]);
});

test("an accountant sees the survey's comments and figures without any client's identity", async (t) => {
  const survey = await surveyFixture(t);
  await as("accountant", async (page) => {
    const entries = await menu(page);
    assert.ok(
      entries.includes("Отзывы клиентов") && entries.includes("Опросы") && !entries.includes("Оценки клиентов"),
    );
    await open(page, `/surveys/${survey}/show`);
    assert.equal(await kpi(page, "feedback-nps"), "100");
    await page.waitForSelector("text=Хотелось бы отвечать в выходные");
    await open(page, "/feedback");
    await page.waitForSelector("text=Всё быстро, спасибо");
    const text = await page.locator("body").innerText();
    for (const [voter, name] of VOTERS) {
      assert.ok(!text.includes(name) && !text.includes(String(voter)), `${name} shown to an accountant`);
    }
    await screenshot(page, "accountant-feedback");
  });
});

test("the observer reads surveys and feedback but has no start-survey button", async (t) => {
  const survey = await surveyFixture(t);
  await as("observer", async (page) => {
    assert.ok(!(await menu(page)).includes("Оценки клиентов"));
    await open(page, "/surveys");
    await rowWhere(page, { Название: "E2E: опрос клиентов" });
    assert.equal(await page.getByText("Запустить опрос", { exact: true }).count(), 0);
    await open(page, `/surveys/${survey}/show`);
    assert.equal(await kpi(page, "feedback-nps"), "100");
    assert.equal(await page.getByText("Иван Клиентов").count(), 0);
  });
});
