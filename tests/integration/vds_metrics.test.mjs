// The monitoring is wired to metrics that exist: the relay of the running stack exports its metrics, every
// metric the alert rules and dashboards name comes from the relay or a real exporter (Debian's node_exporter
// and redis_exporter, started here), and a real Prometheus scrapes the relay, loads the rules and evaluates
// every dashboard query.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "../lib/stack.mjs";
import {
  allExpressions,
  DASHBOARD_METRICS,
  exposedNames,
  filesIn,
  freePort,
  metricNames,
  REDIS_URL,
  RELAY_URL,
  start,
  VDS,
  waitFor,
} from "../lib/vds.mjs";

const RELAY_METRICS = [
  ...DASHBOARD_METRICS,
  "buhbot_classifier_fallbacks",
  "buhbot_calendar_covered_until_timestamp_seconds",
  "buhbot_relay_metrics_exporter",
  "buhbot_cron_last_success_timestamp_seconds",
  "buhbot_cron_failed_runs",
  "buhbot_telegram_updates_stuck",
  "buhbot_webhook_silent_working_seconds",
  "buhbot_webhook_pending_update_count",
  "buhbot_webhook_last_error_timestamp_seconds",
];
const REDIS_PORT = process.env.REDIS_PORT ?? new URL(REDIS_URL).port;

const UPDATE_ID = 9_000_000_000 + Math.floor(Math.random() * 1e6);
const services = [];
let dir, prom, relayText;
const text = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.text();
};
const api = async (path) => {
  const body = await (await fetch(`${prom}/api/v1/${path}`)).json();
  if (body.status !== "success") throw new Error(`${path}: ${body.error}`);
  return body.data;
};
const query = (expr) => api(`query?query=${encodeURIComponent(expr)}`);

before(async () => {
  // The webhook counter has a series per update type stored; make sure there is one.
  const db = sql();
  await db`insert into public.telegram_updates (update_id, update_type, status) values (${UPDATE_ID}, 'message', 'done')`;
  await db.end();
  relayText = await waitFor(
    () => text(`${RELAY_URL}/metrics`).then((t) => t.includes("buhbot_webhook_updates_total") && t),
    { what: "the relay's /metrics with the webhook counter" },
  );

  dir = mkdtempSync(join(tmpdir(), "buhbot-prom-"));
  const [node, redis, port] = [await freePort(), await freePort(), await freePort()];
  services.push(start("prometheus-node-exporter", [`--web.listen-address=127.0.0.1:${node}`]));
  services.push(
    start("prometheus-redis-exporter", [
      "-web.listen-address",
      `127.0.0.1:${redis}`,
      "-redis.addr",
      `redis://127.0.0.1:${REDIS_PORT}`,
    ]),
  );
  // honor_labels as in vds/prometheus/prometheus.yml: the cron gauges carry the pg_cron job as `job`.
  const job = (name, target) =>
    `  - job_name: ${name}\n    honor_labels: true\n    static_configs: [{ targets: ["${target}"] }]\n`;
  writeFileSync(
    join(dir, "prometheus.yml"),
    "global: { scrape_interval: 1s, evaluation_interval: 1s }\n" +
      `rule_files: [${filesIn(join(VDS, "prometheus/rules"), ".yml").map((f) => JSON.stringify(f)).join(", ")}]\n` +
      "scrape_configs:\n" + job("relay", new URL(RELAY_URL).host) + job("node", `127.0.0.1:${node}`) +
      job("redis", `127.0.0.1:${redis}`) + job("prometheus", `127.0.0.1:${port}`),
  );
  services.push(
    start("prometheus", [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]),
  );
  prom = `http://127.0.0.1:${port}`;
  // Three scrapes of every target, so rate() has samples to work with.
  await waitFor(async () => (await query("count_over_time(up[1m]) >= 3")).result.length === 4, {
    timeoutMs: 20_000,
    what: `Prometheus scraping all four targets\n${services.at(-1).output()}`,
  });
});

after(async () => {
  const db = sql();
  await db`delete from public.telegram_updates where update_id = ${UPDATE_ID}`;
  await db.end();
  for (const s of services) await s.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the relay exports every metric it promises, with all label values from the start", () => {
  const names = exposedNames(relayText);
  assert.deepEqual(RELAY_METRICS.filter((n) => !names.has(n)), []);
  // increase() cannot see a counter's first step if its series appears only at that step.
  for (const result of ["sent", "retried", "failed", "rate_limited"]) {
    assert.match(relayText, new RegExp(`^buhbot_relay_sends_total\\{result="${result}"\\} `, "m"));
  }
  for (const component of ["database", "redis", "telegram"]) {
    assert.match(relayText, new RegExp(`^buhbot_relay_component_up\\{component="${component}"\\} [01]$`, "m"));
  }
  for (const status of ["pending", "sending"]) {
    assert.match(relayText, new RegExp(`^buhbot_outbox_depth\\{status="${status}"\\} `, "m"));
  }
});

test("every metric in the alert rules and dashboards is exported by the relay, an exporter or backup.sh", async () => {
  const [node, redis, own] = await Promise.all(["node", "redis", "prometheus"].map(async (job) => {
    const [target] = (await api("targets")).activeTargets.filter((t) => t.labels.job === job);
    return exposedNames(await text(target.scrapeUrl));
  }));
  const backup = new Set(readFileSync(join(VDS, "backup/backup.sh"), "utf8").match(/^buhbot_backup_\w+(?= )/gm));
  // The polling bridge (polling mode only; tests/integration/polling.test.mjs scrapes it for real).
  const bridge = new Set(
    [...readFileSync(join(VDS, "relay/bridge.ts"), "utf8").matchAll(/# TYPE (buhbot_bridge_\w+)/g)].map((m) => m[1]),
  );
  const relay = exposedNames(relayText);
  const source = (name) =>
    name.startsWith("buhbot_backup_")
      ? backup.has(name)
      : name.startsWith("buhbot_bridge_")
      ? bridge.has(name)
      : name.startsWith("buhbot_")
      ? relay.has(name)
      : name.startsWith("node_")
      ? node.has(name)
      : name.startsWith("redis_")
      ? redis.has(name)
      : name.startsWith("prometheus_")
      ? own.has(name)
      : ["up", "ALERTS"].includes(name); // made by Prometheus itself
  const used = allExpressions().flatMap(({ where, expr }) => [...metricNames(expr)].map((name) => ({ where, name })));
  assert.ok(used.length > 60, `only ${used.length} metric uses found`);
  assert.deepEqual(used.filter(({ name }) => !source(name)), []);
});

test("a real Prometheus scrapes the relay and sees the SLA metrics", async () => {
  assert.deepEqual((await query('up{job="relay"}')).result.map((r) => r.value[1]), ["1"]);
  const sla = (await query('{__name__=~"buhbot_sla_.+", job="relay"}')).result.map((r) => r.metric.__name__).sort();
  assert.deepEqual(sla, [
    "buhbot_sla_breaches_today",
    "buhbot_sla_compliance_ratio",
    "buhbot_sla_open_alerts",
    "buhbot_sla_open_requests",
    "buhbot_sla_warnings_today",
  ]);
});

test("Prometheus loads every alert rule and evaluates each without error", async () => {
  const rules = await waitFor(async () => {
    const all = (await api("rules")).groups.flatMap((g) => g.rules);
    return all.every((r) => r.lastEvaluation && !r.lastEvaluation.startsWith("0001")) && all;
  }, { what: "a first evaluation of every rule" });
  assert.ok(rules.length >= 19);
  assert.deepEqual(rules.filter((r) => r.health !== "ok").map((r) => `${r.name}: ${r.lastError}`), []);
});

test("every dashboard query runs in Prometheus; the SLA and relay panels show data", async () => {
  const grafana = (expr) => expr.replaceAll("$__rate_interval", "1m").replaceAll("$__interval", "15s");
  for (const { where, expr } of allExpressions().filter((e) => e.where.includes("/grafana/"))) {
    const { result } = await query(grafana(expr)).catch((e) => assert.fail(`${where}: ${e.message}`));
    // Firing alerts and backup age legitimately have no series on a healthy test machine.
    if (/(sla|relay)\.json/.test(where) && !expr.startsWith("ALERTS")) {
      assert.ok(result.length, `${where}: no data for ${expr}`);
    }
  }
});
