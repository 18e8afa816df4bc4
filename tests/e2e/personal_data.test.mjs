// Personal data in the console, in a real browser: the messages list exports formula-safe CSV, and an
// admin erases a client on request (a manager is not offered the action). Screenshots of the erase
// dialog at 1440 px and 390 px go to tests/results/console-erase-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, loginAs, open, rowWhere, screenshot } from "../lib/console.mjs";
import { sql as connect } from "../lib/stack.mjs";

const ROMASHKA = -1001000000001;
const CLIENT = 7300000999;
const FORMULA = '=HYPERLINK("http://evil.example","Акт")';

let browser, sql;
before(async () => {
  browser = await launch();
  sql = connect();
  const id = Date.now() % 1e9;
  await sql`select public.record_message(jsonb_build_object('chat_id', ${ROMASHKA}::bigint, 'message_id', ${id}::bigint,
    'sender_telegram_id', ${CLIENT}::bigint, 'sender_name', 'Стираемый Клиент', 'kind', 'text', 'text', ${FORMULA}::text,
    'sent_at', now()))`;
});
after(async () => {
  await browser?.close();
  await sql?.end();
});

test("the messages list exports CSV whose formula cells are neutralised", async () => {
  const { context, page } = await loginAs(browser, "admin");
  try {
    await open(page, "/messages");
    await rowWhere(page, { "Отправитель": "Стираемый Клиент" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Экспорт" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil\.example"",""Акт""\)"/);
    assert.doesNotMatch(csv, /(^|;)"?=HYPERLINK/m);
  } finally {
    await context.close();
  }
});

test("a manager is not offered the erasure", async () => {
  const { context, page } = await loginAs(browser, "manager");
  try {
    await open(page, "/messages");
    await rowWhere(page, { "Отправитель": "Стираемый Клиент" });
    assert.equal(await page.getByRole("button", { name: "Удалить данные клиента" }).count(), 0);
  } finally {
    await context.close();
  }
});

test("an admin erases a client by Telegram ID; the audit log shows it", async () => {
  const { context, page, problems } = await loginAs(browser, "admin");
  try {
    await open(page, "/messages");
    await rowWhere(page, { "Отправитель": "Стираемый Клиент" });
    await page.getByRole("button", { name: "Удалить данные клиента" }).click();
    await page.fill("input[name=telegram_user_id]", "не число");
    await page.getByRole("button", { name: "Удалить безвозвратно" }).click();
    await page.getByText("Нужен Telegram ID — положительное число").waitFor();
    await page.fill("input[name=telegram_user_id]", String(CLIENT));
    await screenshot(page, "erase-dialog-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "erase-dialog-390");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole("button", { name: "Удалить безвозвратно" }).click();
    await page.getByText(`Данные клиента ${CLIENT} удалены`).waitFor();
    await screenshot(page, "erase-done-1440");
    const left =
      await sql`select count(*)::int n from public.messages where sender_telegram_id = ${CLIENT} or text = ${FORMULA}`;
    assert.equal(left[0].n, 0);
    const [audit] = await sql`select actor_id, new_row from public.audit_log where action = 'ERASE' and row_key = ${
      String(CLIENT)
    }`;
    assert.equal(audit.actor_id, "00000000-0000-4000-a000-000000000001");
    assert.ok(audit.new_row.messages >= 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
