// Drives the admin console in Debian's Chromium (playwright-core, headless) for the e2e tests.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { waitFor } from "./vds.mjs";
import { sql as connect } from "./stack.mjs";

// playwright-core is a devDependency of the console (admin/package.json), not of the root package.
const require = createRequire(new URL("../../admin/package.json", import.meta.url));
const { chromium } = require("playwright-core");

export const CONSOLE_URL = process.env.CONSOLE_URL ?? "http://127.0.0.1:54323";
const RESULTS = new URL("../results/", import.meta.url).pathname;

// launch() gives every browser a fresh temporary profile (user-data-dir), removed on close.
export const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });

/** For a file of e2e tests: registers the hooks that open a browser and a database connection before its
 *  tests and close them after; their handles are the returned object's `browser` and `sql`. */
export function browserAndDb() {
  const handles = {};
  before(async () => {
    handles.browser = await launch();
    handles.sql = connect();
  });
  after(async () => {
    await handles.browser?.close();
    await handles.sql?.end();
  });
  return handles;
}

/** A new browser context (own storage) logged in as a demo user, on the dashboard. `problems` collects
 *  page errors and missing translations seen while the test runs. `options` go to the context (a phone's
 *  viewport, the Russian locale of the browser's own time and date pickers…). */
export async function loginAs(browser, role, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => /Missing translation/.test(message.text()) && problems.push(message.text()));
  await page.goto(`${CONSOLE_URL}/#/login`);
  await page.fill("input[name=email]", `${role}@buhbot.local`);
  await page.fill("input[name=password]", `${role}-demo`);
  await page.click("button[type=submit]");
  await page.waitForSelector('button[aria-label="Профиль"]');
  return { context, page, problems };
}

/** Logs in as `role`, runs the steps, then checks that nothing untranslated or broken showed up on the way.
 *  `options` go to the browser context, as for loginAs. */
export async function asRole(browser, role, steps, options = {}) {
  const session = await loginAs(browser, role, options);
  try {
    await steps(session.page);
    assert.deepEqual(await rawKeys(session.page), [], "untranslated i18n keys on the page");
    assert.deepEqual(session.problems, []);
  } finally {
    await session.context.close();
  }
}

export const open = (page, path) => page.goto(`${CONSOLE_URL}/#${path}`);

/** Texts of the menu entries the role is offered, once the menu has settled: entries appear as the role's
 *  permissions arrive, so the list is read until two reads a moment apart agree. */
export async function menu(page) {
  const items = page.locator(".RaMenuItemLink-root");
  await items.first().waitFor();
  let last = [];
  for (let i = 0; i < 20; i++) {
    const now = await items.allInnerTexts();
    if (now.join("\n") === last.join("\n")) return now;
    last = now;
    await page.waitForTimeout(300);
  }
  return last;
}

/** Rows of the page's (first) data table, each as `{ column title: cell text }`, read cell by cell: a row's
 *  whole text runs its cells together, so a pattern over it breaks on any cell that is still loading. */
export async function rows(page) {
  await page.waitForSelector(".RaDataTable-root tbody tr, .RaList-noResults, .RaEmpty-message");
  const table = page.locator(".RaDataTable-root").first();
  if ((await table.count()) === 0) return [];
  return table.evaluate((root) => {
    const titles = [...root.querySelectorAll("thead th")].map((th) => th.innerText.trim());
    return [...root.querySelectorAll("tbody tr")].map((tr) =>
      Object.fromEntries([...tr.querySelectorAll("td")].map((td, i) => [titles[i] || `#${i}`, td.innerText.trim()]))
    );
  });
}

/** Waits until a row of the page's data table has every cell in `want` (column title → exact text or a
 *  RegExp) and returns it. Cells filled by a later request (counts, references) show «…» at first, so a
 *  row is only judged once it matches; a timeout names the rows last seen. */
export const rowWhere = (page, want, timeoutMs = 15_000) =>
  waitFor(async () => {
    const seen = await rows(page);
    const hit = seen.find((row) =>
      Object.entries(want).every(([title, cell]) =>
        cell instanceof RegExp ? cell.test(row[title] ?? "") : row[title] === String(cell)
      )
    );
    if (!hit) {
      throw new Error(
        `no row with ${JSON.stringify(want, (_, v) => v instanceof RegExp ? String(v) : v)} in ${JSON.stringify(seen)}`,
      );
    }
    return hit;
  }, { timeoutMs, what: "a table row" });

/** i18n keys that slipped through untranslated look like `ra.action.save` or `resources.chats.fields.x`. */
export async function rawKeys(page) {
  const text = await page.locator("body").innerText();
  return text.match(/\b(ra|ra-supabase|buhbot|resources)\.[\w-]+\.[\w.-]+/g) ?? [];
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: `${RESULTS}console-${name}.png`, fullPage: true });
}
