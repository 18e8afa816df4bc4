// The production calendar in the console, in a real browser against the running stack: an admin uploads
// the XML fixture, sees what it changes, applies it, and uploading it again changes nothing; a broken file
// is refused with the database's message; a calendar that runs out warns on the dashboard and the
// calendar page. Screenshots (1440 px and 390 px) go to tests/results/console-calendar-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { asRole, launch, open, screenshot } from "../lib/console.mjs";
import { sql as connect } from "../lib/stack.mjs";

const FIXTURES = fileURLToPath(new URL("../../supabase/tests/fixtures/", import.meta.url));
let browser, sql, saved;
before(async () => {
  browser = await launch();
  sql = connect();
  [saved] = await sql`select holidays::text, transfers, short_days::text from public.calendars where chat_id is null`;
});
after(async () => {
  await sql`update public.calendars set holidays = ${saved.holidays}::date[], transfers = ${saved.transfers},
              short_days = ${saved.short_days}::date[] where chat_id is null`;
  await browser?.close();
  await sql?.end();
});

const asAdmin = (steps) => asRole(browser, "admin", steps);

const upload = (page, file) => page.setInputFiles('input[name="calendar_file"]', file);

test("an admin previews, applies and re-imports a production calendar; a broken file changes nothing", () =>
  asAdmin(async (page) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, "/settings/true/show/calendar");
    await page.waitForSelector("text=Производственный календарь заполнен по");
    await upload(page, `${FIXTURES}production_calendar_2028.xml`);
    await page.waitForSelector("text=Файл XML, год: 2028. Изменений: 21");
    await page.waitForSelector("text=06.05.2028 (понедельник)");
    await screenshot(page, "calendar-preview-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "calendar-preview-390");
    await page.setViewportSize({ width: 1440, height: 900 });
    const before = await sql`select count(*)::int as n from public.audit_log where table_name = 'calendars'`;
    await page.getByRole("button", { name: "Применить" }).click();
    await page.waitForSelector("text=Календарь обновлён: 21 изменение");
    await page.waitForSelector("text=Производственный календарь заполнен по 31.12.2028");
    const [global] = await sql`select transfers from public.calendars where chat_id is null`;
    assert.equal(global.transfers["2028-05-06"], 1);

    await upload(page, `${FIXTURES}production_calendar_2028.xml`);
    await page.waitForSelector("text=Файл XML, год: 2028. Изменений: 0");
    assert.equal(await page.getByRole("button", { name: "Применить" }).count(), 0, "nothing to apply the second time");
    const after = await sql`select count(*)::int as n from public.audit_log where table_name = 'calendars'`;
    assert.equal(after[0].n, before[0].n + 1, "one audited change for the one real import");

    await page.setInputFiles('input[name="calendar_file"]', {
      name: "broken.xml",
      mimeType: "text/xml",
      buffer: Buffer.from('<calendar year="2029"><days><day d="02.30" t="1"/></days></calendar>'),
    });
    await page.waitForSelector('text=Неверная дата в элементе <day d="02.30" t="1"/>');
    await page.waitForSelector("text=Файл не принят, календарь не изменён.");
    await screenshot(page, "calendar-refused-1440");
  }));

test("a calendar that does not cover next year warns on the dashboard and the calendar page", () =>
  asAdmin(async (page) => {
    // Keep only years before the current one in the firm's timezone: the current year is then missing.
    await sql`update public.calendars set holidays = array(select d from unnest(holidays) d
                where extract(year from d) < extract(year from now() at time zone timezone)),
                transfers = '{}', short_days = '{}' where chat_id is null`;
    const warning = "text=/Производственный календарь заполнен только по .* — загрузите календарь на/";
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, "/");
    // The dashboard asks a dozen reporting RPCs at once; on a busy machine the warning may come last.
    await page.waitForSelector(warning, { timeout: 90_000 });
    await screenshot(page, "calendar-dashboard-warning-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "calendar-dashboard-warning-390");
    await open(page, "/settings/true/show/calendar");
    await page.waitForSelector(warning);
    await screenshot(page, "calendar-page-warning-390");
  }));
