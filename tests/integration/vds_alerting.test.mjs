// Paging end to end with the real programs: a real Prometheus evaluates rules and sends its alerts to a
// real Alertmanager (Debian's, configured by vds/alertmanager/ rendered by its own render.sh), which
// pages the ops chat through the fake Bot API and pings the dead-man's switch with the Watchdog.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeTelegram } from "../fakes/telegram.mjs";
import { freePort, run, start, VDS, waitFor } from "../lib/vds.mjs";

const TOKEN = "777000:ops-alert-token", CHAT = -1009876543210;
const services = [], heartbeats = [];
let dir, fake, heartbeat, renderOut;

const listen = async (server) => {
  const port = await freePort();
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return `http://127.0.0.1:${port}`;
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "buhbot-alerting-"));
  fake = createFakeTelegram({ token: TOKEN });
  const fakeUrl = await listen(fake.server);
  heartbeat = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d)).on("end", () => (heartbeats.push(JSON.parse(body)), res.end("ok")));
  });
  const heartbeatUrl = await listen(heartbeat);
  renderOut = run("sh", [
    join(VDS, "alertmanager/render.sh"),
    join(VDS, "alertmanager/alertmanager.yml"),
    join(dir, "alertmanager.yml"),
  ], {
    env: {
      PATH: process.env.PATH,
      TELEGRAM_API_ROOT: fakeUrl,
      ALERT_TELEGRAM_BOT_TOKEN: TOKEN,
      ALERT_TELEGRAM_CHAT_ID: String(CHAT),
      WATCHDOG_URL: `${heartbeatUrl}/ping?check=buhbot&x=1`,
    },
  });
  const [am, prom] = [await freePort(), await freePort()];
  services.push(start("prometheus-alertmanager", [
    `--config.file=${join(dir, "alertmanager.yml")}`,
    `--storage.path=${join(dir, "am")}`,
    `--web.listen-address=127.0.0.1:${am}`,
    "--cluster.listen-address=",
  ]));
  // A stand-in critical alert (the real ones need their failure staged), with markup in its text.
  writeFileSync(
    join(dir, "page.yml"),
    `groups:\n  - name: test\n    rules:\n      - alert: TestPage\n        expr: vector(1)\n` +
      `        labels: { severity: critical }\n        annotations: { summary: "Очередь <outbox> стоит", description: "a & b" }\n`,
  );
  writeFileSync(
    join(dir, "prometheus.yml"),
    "global: { scrape_interval: 1s, evaluation_interval: 1s }\n" +
      `alerting: { alertmanagers: [{ static_configs: [{ targets: ["127.0.0.1:${am}"] }] }] }\n` +
      `rule_files: [${JSON.stringify(join(VDS, "prometheus/rules/ops.yml"))}, ${
        JSON.stringify(join(dir, "page.yml"))
      }]\n`,
  );
  services.push(start("prometheus", [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${prom}`,
    // The first evaluation can beat Alertmanager's discovery; resend within seconds, not the default minute.
    "--rules.alert.resend-delay=2s",
  ]));
});

after(async () => {
  for (const s of services) await s.stop();
  fake?.server.close();
  heartbeat?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("render.sh fills the config from the environment, and amtool accepts it", () => {
  assert.equal(renderOut.status, 0, renderOut.out);
  const check = run("amtool", ["check-config", join(dir, "alertmanager.yml")]);
  assert.equal(check.status, 0, check.out);
  assert.match(check.out, /2 receivers/);
});

test("render.sh refuses to start without the ops chat, naming the variable", () => {
  const r = run("sh", [
    join(VDS, "alertmanager/render.sh"),
    join(VDS, "alertmanager/alertmanager.yml"),
    join(dir, "x.yml"),
  ], {
    env: { PATH: process.env.PATH, ALERT_TELEGRAM_BOT_TOKEN: TOKEN, WATCHDOG_URL: "https://hc.example/ping" },
  });
  assert.equal(r.status, 2);
  assert.match(r.out, /set ALERT_TELEGRAM_CHAT_ID in vds\/\.env/);
});

test("a critical alert raised in Prometheus reaches the ops chat through Alertmanager, in Russian and escaped", async (t) => {
  const started = Date.now();
  const call = await waitFor(
    () => fake.calls().find((c) => c.method === "sendMessage" && /TestPage/.test(c.params.text)),
    { timeoutMs: 90_000, everyMs: 250, what: "the page in the fake Bot API" },
  ).catch((e) => assert.fail(`${e.message}\n${JSON.stringify(fake.calls())}\n${services[0].output()}`));
  t.diagnostic(`alert → Telegram in ${((Date.now() - started) / 1000).toFixed(1)} s after Prometheus started`);
  assert.equal(String(call.params.chat_id), String(CHAT));
  assert.equal(call.params.parse_mode, "HTML");
  assert.match(call.params.text, /^🔴 Срочно: <b>TestPage<\/b>/);
  assert.match(call.params.text, /Очередь &lt;outbox&gt; стоит/);
  assert.match(call.params.text, /a &amp; b/);
  assert.ok(!fake.calls().some((c) => /Watchdog/.test(c.params.text ?? "")), "the Watchdog never goes to the chat");
});

test("the always-firing Watchdog pings the dead-man's switch", async () => {
  const ping = await waitFor(() => heartbeats.find((h) => h.commonLabels?.alertname === "Watchdog"), {
    timeoutMs: 60_000,
    what: "a Watchdog notification at the heartbeat URL",
  });
  assert.equal(ping.status, "firing");
});
