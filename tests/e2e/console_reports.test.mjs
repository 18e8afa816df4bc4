// Reports and CSV files a manager uses, in a real browser: a list's CSV opens in Excel (BOM, `;`, Russian
// headers, human values in the firm's local time, formula cells neutralised) and holds every matching row
// of a 3,000-request list, also for an accountant through RLS; the dashboard's tables download as CSV; a
// custom period and its comparison with the previous one show the database's figures; a report row opens
// its requests; the SLA-missed view lists each miss. Screenshots go to tests/results/console-reports-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { asRole, launch, open, rowWhere, screenshot } from "../lib/console.mjs";
import { sql as connect } from "../lib/stack.mjs";

const CHAT = -1009000000611;
const TITLE = "=СУММ(1+1) Отчётный чат";
const COUNT = 3000;
const db = {};
let days; // the custom period: local days [from_day, to_day] and its instants [p_from, p_to)

before(async () => {
  db.browser = await launch();
  const sql = (db.sql = connect());
  [days] =
    await sql`with d as (select (now() at time zone public.firm_timezone())::date as today, public.firm_timezone() as tz)
    select (today - 9)::text as from_day, (today - 3)::text as to_day,
           (today - 9)::timestamp at time zone tz as p_from, (today - 2)::timestamp at time zone tz as p_to from d`;
  await sql`insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes) values (${CHAT}, ${TITLE}, 'supergroup', true, 60)`;
  await sql`insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
            values (${CHAT}, 700003, 'accountant', true, 'Ольга Бухгалтер')`;
  // Every tenth request answered two hours late by the accountant; the rest within ten minutes. Three
  // minutes apart: 3,000 requests fit in the custom period's seven days.
  await sql`insert into public.requests (chat_id, first_message_id, status, received_at, threshold_minutes, warning_percent,
              schedule_id, breach_at, answered_at, answered_by_telegram_id, response_working_seconds, breached)
            select ${CHAT}, g, 'answered', t, 60, 80, sla.schedule_version(sla.get_schedule(${CHAT})), t + interval '1 hour',
                   t + case when g % 10 = 0 then interval '2 hours' else interval '10 minutes' end, 700003,
                   case when g % 10 = 0 then 7200 else 600 end, g % 10 = 0
            from generate_series(1, ${COUNT}) g, lateral (select ${days.p_from}::timestamptz + g * interval '3 minutes' as t) x`;
});
after(async () => {
  if (db.sql) await db.sql`delete from public.chats where id = ${CHAT}`;
  await db.sql?.end();
  await db.browser?.close();
});

const download = async (page, click) => {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
};
const lines = (csv) => csv.replace(/\r\n$/, "").split("\r\n");
const requestsOfChat = `/requests?filter=${
  encodeURIComponent(JSON.stringify({ chat_id: CHAT }))
}&sort=received_at&order=DESC`;

async function exportsAllRequests(page) {
  await open(page, requestsOfChat);
  await rowWhere(page, { "Чат": TITLE });
  const { name, text } = await download(page, () => page.getByRole("button", { name: "Экспорт" }).click());
  assert.equal(name, "Обращения.csv");
  const [header, ...body] = lines(text);
  assert.equal(
    header,
    "\uFEFF№;Чат;Статус;Получено;Срок ответа;Отвечено;Ответил;Время ответа, раб. мин;Просрочено;Кем закрыто;Сообщений",
  );
  assert.equal(body.length, COUNT, "every matching row, not the first 1,000");
  const [latest] = await db
    .sql`select id, to_char(received_at at time zone public.firm_timezone(), 'DD.MM.YYYY HH24:MI') as local,
      to_char(answered_at at time zone public.firm_timezone(), 'DD.MM.YYYY HH24:MI') as answered
    from public.requests where chat_id = ${CHAT} order by received_at desc limit 1`;
  assert.equal(
    body[0],
    `${latest.id};'${TITLE};Отвечено;${latest.local};${
      body[0].split(";")[4]
    };${latest.answered};Ольга Бухгалтер;120;Да;;1`,
  );
  assert.match(body[0].split(";")[4], /^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
  assert.ok(!body.some((line) => line.split(";")[1].startsWith("=")), "no cell starts a formula");
}

test("a manager's requests CSV: Excel-ready, human values, firm time, all 3,000 rows", () =>
  asRole(db.browser, "manager", exportsAllRequests));

test("an accountant exports the requests of her chat the same way (RLS decides the rows)", () =>
  asRole(db.browser, "accountant", exportsAllRequests));

const kpi = (page, id) => page.locator(`[data-testid="kpi-${id}"]`);
const pickDays = async (page) => {
  await page.getByRole("button", { name: "Свой период" }).click();
  await page.fill('[data-testid="range-from"]', days.from_day);
  await page.fill('[data-testid="range-to"]', days.to_day);
};
const arrow = (now, before) => {
  const change = Math.round((Number(now) - Number(before)) * 10) / 10;
  return `${change > 0 ? "▲" : change < 0 ? "▼" : "="} ${Math.abs(change)}`;
};

test("a custom period and its comparison show the database's figures; tables download as CSV; rows open their requests", () =>
  asRole(db.browser, "manager", async (page) => {
    const { sql } = db;
    const total = async (from, to) =>
      (await sql`select requests, breached, compliance_pct from public.sla_report(${from}, ${to}) where scope = 'total'`)[
        0
      ];
    const span = days.p_to - days.p_from;
    const now = await total(days.p_from, days.p_to);
    const before = await total(new Date(days.p_from - span), days.p_from);
    await open(page, "/");
    await pickDays(page);
    await kpi(page, "requests").locator(".MuiTypography-h4", { hasText: String(now.requests) }).waitFor();
    assert.ok(Number(now.requests) >= COUNT);
    const hint = (id) => kpi(page, id).locator(".MuiTypography-caption").innerText();
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-breached"] .MuiTypography-caption'));
    assert.match(await kpi(page, "breached").innerText(), new RegExp(`^Нарушений SLA\\s+${now.breached}\\b`));
    assert.equal(
      await hint("requests"),
      `${arrow(now.requests, before.requests)} к прошлому периоду (${before.requests})`,
    );
    assert.equal(
      await hint("breached"),
      `${arrow(now.breached, before.breached)} к прошлому периоду (${before.breached})`,
    );
    assert.match(await kpi(page, "compliance_pct").innerText(), new RegExp(`\\n${Number(now.compliance_pct)} %\\n`));

    const byChat = page.locator('[data-testid="report-by-chat"]');
    const chats =
      await sql`select title, requests, breached from public.sla_report_by_chat(${days.p_from}, ${days.p_to})`;
    await byChat.getByText(TITLE).waitFor();
    const csv = await download(page, () => byChat.getByRole("button", { name: "Скачать CSV" }).click());
    const [header, ...body] = lines(csv.text);
    assert.equal(header, "\uFEFFЧат;Обращений;Нарушений;% в срок;Среднее, мин;p95, мин");
    assert.equal(body.length, chats.length, "every chat of the report, not only the ten shown");
    assert.ok(body.includes(`'${TITLE};${COUNT};${COUNT / 10};90;21;120`), body.join("\n"));

    // public.sla_misses decides visibility itself, from the caller's claims: ask it as the manager does.
    const misses = await sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims',
        (select json_build_object('sub', id, 'role', 'authenticated')::text from auth.users where email = 'manager@buhbot.local'), true)`;
      return tx`select request_id, late_minutes from public.sla_misses(${days.p_from}, ${days.p_to})`;
    });
    assert.ok(misses.length >= COUNT / 10);
    const missed = page.locator('[data-testid="report-misses"]');
    await missed.getByText(new RegExp(`^${misses.length} нарушени`)).waitFor();
    await missed.getByRole("link", { name: `№ ${misses[0].request_id}`, exact: true }).waitFor();
    assert.equal(
      await missed.locator("tbody tr").first().locator("td").last().innerText(),
      String(misses[0].late_minutes),
    );
    // The card holds a page of misses; its file asks the database for every one.
    const missCsv = await download(page, () => missed.getByRole("button", { name: "Скачать CSV" }).click());
    const [, ...missRows] = lines(missCsv.text);
    assert.equal(missRows.length, misses.length, "every miss of the period, not only the page shown");
    assert.ok(missRows[0].startsWith(`${misses[0].request_id};`), missRows[0]);
    await page.locator('[data-testid="report-workload"]').getByText("Ольга Бухгалтер").waitFor();
    await page.locator('[data-testid="week-chart"] [data-testid="bar-requests"]').first().waitFor();
    await screenshot(page, "reports-dashboard-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "reports-dashboard-390");
    await page.setViewportSize({ width: 1400, height: 900 });

    await byChat.locator("tr", { hasText: TITLE }).getByRole("link", { name: String(COUNT), exact: true }).click();
    await page.waitForURL(/#\/requests\?/);
    const filter = JSON.parse(new URL(page.url().replace("#/", "")).searchParams.get("filter"));
    assert.equal(filter.chat_id, CHAT);
    assert.equal(new Date(filter["received_at@gte"]).getTime(), days.p_from.getTime());
    await page.locator(".MuiTablePagination-displayedRows", { hasText: `из ${COUNT}` }).waitFor();
    await rowWhere(page, { "Чат": TITLE });
    await screenshot(page, "reports-drilldown-1440");
  }));

test("an accountant's report row opens her requests (the accountant a request counts for)", () =>
  asRole(db.browser, "accountant", async (page) => {
    const [mine] = await db.sql`select count(*)::int as n from public.request_outcomes
      where accountant_telegram_id = 700003 and received_at >= ${days.p_from} and received_at < ${days.p_to}`;
    await open(page, "/");
    await pickDays(page);
    const row = page.locator('[data-testid="report-by-accountant"] tr', { hasText: "Ольга Бухгалтер" });
    await row.getByRole("link", { name: String(mine.n), exact: true }).click();
    await page.locator(".MuiTablePagination-displayedRows", { hasText: `из ${mine.n}` }).waitFor();
  }));
