// The console's sandbox as a newcomer uses it, in a real browser against the running stack: a client's
// question typed in the demo group becomes a request in the console; the warning and the breach reach the
// accountant's and the manager's private chats (pg_cron's minute ticks: about two to three minutes with
// the demo chat's 2-minute threshold); pressing the alert's resolve button edits it in place.
// Screenshots: tests/results/console-sandbox-*.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, loginAs, open, rowWhere, screenshot } from "../lib/console.mjs";
import { sql as connect } from "../lib/stack.mjs";
import { waitFor } from "../lib/vds.mjs";
import { FAKE_URL } from "../lib/webhook.mjs";

const DEMO_CHAT = -1001000000099;
let browser, sql;
before(async () => {
  browser = await launch();
  sql = connect();
  await sql.unsafe(readFileSync(new URL("../../supabase/local/sandbox.sql", import.meta.url), "utf8"));
  // A clean start whatever ran before: no open request in the demo chat, every Telegram chat empty.
  await sql`select sla.resolve_request(id, 'e2e setup') from public.requests where chat_id = ${DEMO_CHAT} and status = 'open'`;
  await fetch(`${FAKE_URL}/_reset`, { method: "POST" });
});
after(async () => {
  await browser?.close();
  await sql?.end();
});

const bubbles = (page, view) => page.locator(`[data-testid="${view}"] [data-testid="sandbox-message"]`);

test("a newcomer's question in the sandbox ends as a breach alert the manager resolves from Telegram", async () => {
  const { context, page, problems } = await loginAs(browser, "manager");
  try {
    await open(page, "/sandbox");
    await page.getByTestId("sandbox-guide").waitFor();
    const started = Date.now();
    const question = `Добрый день! Пришлите, пожалуйста, акт сверки № ${started % 100_000}`;
    await page.fill('input[name="sandbox-text"]', question);
    await page.getByRole("button", { name: "Отправить" }).click();
    await bubbles(page, "sandbox-group").filter({ hasText: question }).waitFor();

    // The request shows up in the console's list (same browser, a second tab).
    const list = await context.newPage();
    await open(list, "/requests");
    await rowWhere(list, { "Чат": /Песочница/, "Статус": "Ожидает ответа" }, 30_000);
    await list.close();

    const accountant = bubbles(page, "sandbox-private-accountant");
    const manager = bubbles(page, "sandbox-private-manager");
    await accountant.filter({ hasText: question }).first().waitFor({ timeout: 240_000 });
    const breach = manager.filter({ hasText: question }).filter({ hasText: "Нарушен срок" }).last();
    await breach.waitFor({ timeout: 240_000 });
    const toBreachS = Math.round((Date.now() - started) / 1000);
    console.log(`sandbox: question → breach DM in the manager's private view: ${toBreachS} s`);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await screenshot(page, "sandbox-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "sandbox-390");
    await page.setViewportSize({ width: 1440, height: 1000 });

    const before = await breach.innerText();
    await breach.getByRole("button", { name: /Отметить решённым/ }).click();
    await waitFor(async () => {
      const [open] =
        await sql`select count(*)::int as n from public.requests where chat_id = ${DEMO_CHAT} and status = 'open'`;
      return open.n === 0;
    }, { timeoutMs: 30_000, what: "the request closed by the button" });
    const edited = manager.filter({ hasText: question }).filter({ hasText: "изменено" }).last();
    await edited.waitFor({ timeout: 30_000 });
    assert.notEqual(await edited.innerText(), before, "the alert's text changed in place");
    assert.equal(await edited.getByRole("button", { name: /Отметить решённым/ }).count(), 0, "its button is gone");
    await screenshot(page, "sandbox-resolved");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the sandbox is for managers and admins: an accountant gets neither the menu entry nor the page", async () => {
  const { context, page } = await loginAs(browser, "accountant");
  try {
    assert.ok(!(await page.locator(".RaMenuItemLink-root").allInnerTexts()).includes("Песочница"));
    await open(page, "/sandbox");
    await page.waitForTimeout(500);
    assert.equal(await page.getByTestId("sandbox-guide").count(), 0);
  } finally {
    await context.close();
  }
});
