import { launch, loginAs, open } from "/work/wt/c1/tests/lib/console.mjs";
const browser = await launch();
const { page, context } = await loginAs(browser, "manager");
await page.setViewportSize({ width: 390, height: 844 });
await open(page, "/queue");
await page.waitForSelector('[data-testid="time-left"]');
console.log(await page.evaluate(() => { const c = document.querySelector('[data-testid="time-left"]'); let e = c, out = []; while (e && out.length < 12) { out.push(e.tagName + "." + (e.className?.toString?.() ?? "").split(" ").filter(x=>x.startsWith("Ra")).join(".")); e = e.parentElement; } return out.join(" < "); }));
await browser.close();
