// Staff onboarding in a real browser: an admin invites an accountant from the Users page, the accountant
// opens the link, sets a password, logs in and sees only the chats they work in; a manager is not offered
// «Пригласить». Screenshots: tests/results/console-staff-*.png (1440 and 390 px wide).
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserAndDb, CONSOLE_URL, loginAs, menu, open, rawKeys, rowWhere, screenshot } from "../lib/console.mjs";

const ROMASHKA = -1001000000001;
const RUN = Date.now().toString(36);
const EMAIL = `irina-${RUN}@firm.ru`;
const TELEGRAM_ID = 720_000 + (Date.now() % 90_000);

const stack = browserAndDb();

async function inviteFromConsole() {
  const { context, page, problems } = await loginAs(stack.browser, "admin");
  try {
    await open(page, "/staff");
    await page.getByRole("button", { name: "Пригласить" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Эл. почта").fill(EMAIL);
    await dialog.getByLabel("ФИО").fill("Ирина Новикова");
    await dialog.getByLabel("Telegram ID").fill(String(TELEGRAM_ID));
    await screenshot(page, "staff-invite-form");
    await dialog.getByRole("button", { name: "Пригласить" }).click();
    const link = await page.getByLabel("Ссылка").inputValue();
    assert.match(link, /\/auth\/v1\/verify\?token=\w+&type=invite/);
    await screenshot(page, "staff-invite-link");
    await page.getByRole("button", { name: "Закрыть" }).click();
    await rowWhere(page, { "ФИО": "Ирина Новикова", "Вход": /Не принял приглашение/ });
    for (const [width, name] of [[1440, "staff-list-1440"], [390, "staff-list-390"]]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, name);
    }
    assert.deepEqual(await rawKeys(page), []);
    assert.deepEqual(problems, []);
    return link;
  } finally {
    await context.close();
  }
}

test("an admin invites an accountant; the accountant sets a password, logs in and sees only their chats", async () => {
  const link = await inviteFromConsole();
  await stack.sql`insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
    values (${ROMASHKA}, ${TELEGRAM_ID}, 'accountant', false, 'Ирина')`;

  const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto(link, { waitUntil: "commit" });
    await page.waitForSelector("input[name=confirmPassword]");
    await page.fill("input[name=password]", "Ирина-пароль-1");
    await page.fill("input[name=confirmPassword]", "Ирина-пароль-1");
    await screenshot(page, "staff-set-password-390");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForSelector('button[aria-label="Профиль"]');
    // Log out and in again with the new password, as they will every day.
    await page.click('button[aria-label="Профиль"]');
    await page.getByText("Выйти").click();
    await page.goto(`${CONSOLE_URL}/#/login`);
    await page.fill("input[name=email]", EMAIL);
    await page.fill("input[name=password]", "Ирина-пароль-1");
    await page.click("button[type=submit]");
    await page.waitForSelector('button[aria-label="Профиль"]');
    await page.setViewportSize({ width: 1440, height: 900 });
    assert.ok(!(await menu(page)).includes("Пользователи"));
    await open(page, "/chats");
    await rowWhere(page, { "ID чата в Telegram": String(ROMASHKA) });
    const chats = await page.locator(".RaDataTable-root tbody tr").count();
    assert.equal(chats, 1, "only «Ромашка», the chat she works in");
    await screenshot(page, "staff-accountant-chats");
    // The link works once: opened again it explains itself instead of showing a broken page.
    await page.goto(link, { waitUntil: "commit" });
    await page.getByText("Ссылка устарела или уже использована").waitFor();
    await screenshot(page, "staff-link-expired");
  } finally {
    await context.close();
  }
  const [accepted] = await stack
    .sql`select u.email_confirmed_at is not null as ok from auth.users u where u.email = ${EMAIL}`;
  assert.equal(accepted.ok, true);
});

test("a manager sees the Users page without «Пригласить» or access buttons", async () => {
  const { context, page } = await loginAs(stack.browser, "manager");
  try {
    await open(page, "/staff?perPage=50");
    await rowWhere(page, { "ФИО": "Ольга Бухгалтер" });
    assert.equal(await page.getByRole("button", { name: "Пригласить" }).count(), 0);
    await open(page, "/staff/00000000-0000-4000-a000-000000000003/show");
    await page.getByText("Ольга Бухгалтер").first().waitFor();
    for (const label of ["Отключить", "Ссылка для смены пароля"]) {
      assert.equal(await page.getByRole("button", { name: label }).count(), 0, label);
    }
  } finally {
    await context.close();
  }
});
