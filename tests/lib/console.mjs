// Drives the admin console in Debian's Chromium (playwright-core, headless) for the e2e tests.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";

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
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync"],
  });

/** A new browser context (own storage) logged in as a demo user, on the dashboard. `problems` collects
 *  page errors and missing translations seen while the test runs. */
export async function loginAs(browser, role) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
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

export const open = (page, path) => page.goto(`${CONSOLE_URL}/#${path}`);

/** Texts of the menu entries the role is offered. */
export const menu = (page) => page.locator(".RaMenuItemLink-root").allInnerTexts();

/** Rows of the page's (first) data table, as their visible texts. */
export async function rows(page) {
  await page.waitForSelector(".RaDataTable-root tbody tr, .RaList-noResults, .RaEmpty-message");
  return page.locator(".RaDataTable-root tbody tr").allInnerTexts();
}

/** i18n keys that slipped through untranslated look like `ra.action.save` or `resources.chats.fields.x`. */
export async function rawKeys(page) {
  const text = await page.locator("body").innerText();
  return text.match(/\b(ra|ra-supabase|buhbot|resources)\.[\w-]+\.[\w.-]+/g) ?? [];
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: `${RESULTS}console-${name}.png`, fullPage: true });
}
