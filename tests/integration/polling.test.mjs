// Polling mode against a Bot API that serves getUpdates with Telegram's offset semantics (the fake, in
// this process, with its own bot token): the bridge removes the webhook, hands every update to the real
// webhook function, and a bridge killed mid-batch — after the webhook took an update but before the bridge
// heard so — loses nothing and repeats nothing: each update has exactly one effect.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { join } from "node:path";
import { createFakeTelegram } from "../fakes/telegram.mjs";
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, ROOT, startPrometheus, VDS, waitFor } from "../lib/vds.mjs";
import { SERVICE_KEY, SUPABASE_URL } from "../lib/stack.mjs";
import { group, nextChatId, nextId, person, SECRET, sql, WEBHOOK_URL } from "../lib/webhook.mjs";

const TOKEN = "987654:POLLING-test", BOT = 987654;
const fake = createFakeTelegram({ token: TOKEN, firstUpdateId: nextId() });
const chat = nextChatId(), client = person(nextId(), "Пётр");
let fakeUrl, proxyUrl, bridgePort, proxy;

// Between the bridge and the webhook: counts what reaches the webhook and can break the bridge on cue.
const seen = new Map();
let onDelivered = () => "reply";
before(async () => {
  await sql`insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes)
            values (${chat}, 'Опрос: тест', 'supergroup', false, 60)`;
  const port = await freePort();
  await new Promise((r) => fake.server.listen(port, "127.0.0.1", r));
  fakeUrl = `http://127.0.0.1:${port}`;
  proxy = createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    const id = JSON.parse(body).update_id;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    const verdict = onDelivered(id);
    if (verdict === "fail") return res.writeHead(503).end();
    const answer = await fetch(WEBHOOK_URL, { method: "POST", headers: req.headers, body });
    if (verdict === "kill") return bridge.kill(); // the webhook took it; the bridge never hears so
    res.writeHead(answer.status).end(await answer.text());
  });
  const proxyPort = await freePort();
  await new Promise((r) => proxy.listen(proxyPort, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${proxyPort}/`;
  bridgePort = await freePort();
});
after(async () => {
  await bridge?.stop();
  fake.server.close();
  proxy.close();
  await sql`delete from public.chats where id = ${chat}`;
  await sql.end();
});

let bridge;
function startBridge() {
  const args = ["run", "--config", join(ROOT, "deno.json"), "--allow-net", "--allow-env", "--allow-read"];
  const child = spawn("deno", [...args, join(ROOT, "vds/relay/bridge.ts")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      SUPABASE_URL,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fakeUrl,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      BRIDGE_WEBHOOK_URL: proxyUrl,
      BRIDGE_PORT: String(bridgePort),
      BRIDGE_POLL_TIMEOUT_S: "1",
      BRIDGE_RETRY_MAX_MS: "2000",
    },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exit = new Promise((resolve) => child.once("exit", resolve));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  bridge = {
    output: () => output,
    exited,
    kill: () => child.kill("SIGKILL"),
    async stop() {
      if (!exited()) child.kill("SIGTERM");
      return await exit;
    },
  };
  return bridge;
}

const question = (text) => ({
  message: {
    message_id: nextId(),
    date: Math.floor(Date.now() / 1000),
    chat: group(chat, "Опрос: тест"),
    from: client,
    text,
  },
});
const stored = () =>
  sql`select message_id, count(*)::int as n from public.messages where chat_id = ${chat} group by message_id`;
const metric = async (name) => {
  const text = await (await fetch(`http://127.0.0.1:${bridgePort}/metrics`)).text();
  return Number(text.match(new RegExp(`^${name} (\\S+)$`, "m"))?.[1]);
};

test("a bridge killed mid-batch resumes from the stored offset: every update has exactly one effect", async () => {
  await fetch(`${fakeUrl}/bot${TOKEN}/setWebhook`, {
    method: "POST",
    body: new URLSearchParams({ url: "https://x.test/" }),
  });
  const updates = Array.from({ length: 8 }, (_, i) => fake.updates.push(question(`Вопрос №${i + 1}: где акт?`)));
  const third = updates[2].update_id;
  onDelivered = (id) => (id === third ? "kill" : "reply");

  const first = startBridge();
  await waitFor(() => first.exited(), { what: "the bridge killed at the third update", timeoutMs: 30_000 });
  assert.ok(fake.calls().some((c) => c.method === "deleteWebhook"), "the bridge removed the webhook first");
  assert.equal((await stored()).length, 3, "the webhook took three updates before the kill");
  const [{ next_offset }] = await sql`select next_offset from public.telegram_polling where bot_id = ${BOT}`;
  assert.equal(Number(next_offset), third, "the offset stops before the update the bridge did not hear back about");

  // The restarted bridge meets a webhook that is down for two attempts: it retries, as Telegram would.
  let failures = 2;
  onDelivered = () => (failures-- > 0 ? "fail" : "reply");
  startBridge();
  await waitFor(async () => (await stored()).length === 8 && fake.updates.pending() === 0, {
    what: "all eight updates stored and confirmed",
    timeoutMs: 30_000,
  });
  const rows = await stored();
  assert.deepEqual(rows.map((r) => r.n), Array(8).fill(1), "each message stored exactly once");
  assert.equal(seen.get(third), 4, "the third update went to the webhook again after the kill (twice refused)");
  const done = await sql`select count(*)::int as n from public.telegram_updates
                         where update_id = any(${updates.map((u) => u.update_id)}) and status = 'done'`;
  assert.equal(done[0].n, 8, "every update done once in the webhook's ledger");
  await waitFor(async () => (await metric("buhbot_bridge_offset")) === updates[7].update_id + 1, {
    what: "the bridge's offset metric",
  });
  assert.equal(await metric('buhbot_bridge_errors_total\\{stage="deliver"\\}'), 2, "the two 503s are counted");
  assert.equal(await metric("buhbot_bridge_updates_total"), 6, "the restarted bridge handed over the six left");
  const health = await (await fetch(`http://127.0.0.1:${bridgePort}/health`)).json();
  assert.equal(health.status, "ok");
  assert.equal(health.lastError, null);
});

test("an update arriving while the bridge long-polls is handed over at once, and the offset survives a restart", async () => {
  onDelivered = () => "reply";
  const late = fake.updates.push(question("Ещё вопрос: когда оплата?"));
  await waitFor(async () => (await stored()).length === 9, { what: "the late update stored" });
  assert.equal(await bridge.stop(), 0, "SIGTERM stops the bridge cleanly");
  const [{ next_offset }] = await sql`select next_offset from public.telegram_polling where bot_id = ${BOT}`;
  assert.equal(Number(next_offset), late.update_id + 1);
  startBridge();
  await waitFor(async () => (await metric("buhbot_bridge_offset")) === late.update_id + 1, {
    what: "the restarted bridge resuming from the stored offset",
  });
  assert.equal((await stored()).length, 9, "nothing handed over twice after a clean restart");
  assert.equal(seen.get(late.update_id), 1);
});

test("a real Prometheus scrapes the bridge with the VDS rules: quiet while it polls, BridgeNotPolling once it stops", async () => {
  const prom = await startPrometheus({ bridge: [`127.0.0.1:${bridgePort}`] }, [join(VDS, "prometheus/rules/ops.yml")]);
  const state = async () => (await prom.api("alerts")).alerts.find((a) => a.labels.alertname === "BridgeNotPolling");
  try {
    await waitFor(async () => (await prom.query("buhbot_bridge_last_poll_timestamp_seconds")).length === 1, {
      what: `Prometheus scraping the bridge\n${prom.output()}`,
    });
    const [last] = await prom.query("time() - buhbot_bridge_last_poll_timestamp_seconds");
    assert.ok(last < 30, `the bridge's last poll is ${last} s old`);
    await sleep(2_000); // a few evaluations of the rule against a polling bridge
    assert.equal(await state(), undefined, "BridgeNotPolling while the bridge polls");
    await bridge.stop();
    const alert = await waitFor(state, { what: "BridgeNotPolling pending after the bridge stopped" });
    assert.equal(alert.state, "pending"); // it pages after `for: 2m`, which promtool tests
    assert.equal(alert.labels.severity, "critical");
  } finally {
    await prom.stop();
  }
});

test("the fake refuses getUpdates while a webhook is set, as Telegram does", async () => {
  const other = createFakeTelegram({ token: TOKEN });
  const port = await freePort();
  await new Promise((r) => other.server.listen(port, "127.0.0.1", r));
  const call = (method, body) =>
    fetch(`http://127.0.0.1:${port}/bot${TOKEN}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, ...(await r.json()) }));
  await call("setWebhook", { url: "https://x.test/" });
  const refused = await call("getUpdates", {});
  assert.equal(refused.status, 409);
  assert.match(refused.description, /webhook is active/);
  await call("deleteWebhook", {});
  const a = other.updates.push(question("1")), b = other.updates.push(question("2"));
  assert.deepEqual((await call("getUpdates", { offset: 0 })).result.map((u) => u.update_id), [
    a.update_id,
    b.update_id,
  ]);
  assert.deepEqual((await call("getUpdates", { offset: b.update_id })).result.map((u) => u.update_id), [b.update_id]);
  assert.deepEqual((await call("getUpdates", { offset: b.update_id + 1, timeout: 0 })).result, [], "confirmed: gone");
  other.server.close();
});
