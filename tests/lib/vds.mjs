// Helpers for the tests of vds/ (compose, nginx, Prometheus, Grafana, backups): the repo's paths, YAML
// reading, free ports, child processes that are always stopped, and the metric names a PromQL
// expression uses.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const VDS = join(ROOT, "vds");
export const RELAY_URL = process.env.RELAY_URL ?? "http://127.0.0.1:54324";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:54334";

/** What every relay exports and the Grafana dashboards read (the relay's own series and the SLA gauges). */
export const DASHBOARD_METRICS = [
  "buhbot_outbox_depth",
  "buhbot_outbox_oldest_age_seconds",
  "buhbot_relay_sends_total",
  "buhbot_relay_telegram_429_total",
  "buhbot_relay_send_duration_seconds_bucket",
  "buhbot_relay_send_duration_seconds_sum",
  "buhbot_relay_send_duration_seconds_count",
  "buhbot_relay_component_up",
  "buhbot_sla_open_requests",
  "buhbot_sla_warnings_today",
  "buhbot_sla_breaches_today",
  "buhbot_sla_compliance_ratio",
  "buhbot_sla_open_alerts",
  "buhbot_classifier_fallback_ratio",
  "buhbot_webhook_updates_total",
];

export const filesIn = (dir, ext) => readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f));

/** Runs a command to completion; returns its exit status and combined output. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

// YAML through PyYAML: python3-yaml comes with Debian's docker-compose, which npm setup installs anyway.
const PY_YAML = "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)";
export function parseYaml(text) {
  const r = spawnSync("python3", ["-c", PY_YAML], { input: text, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`YAML parse failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
export const readYaml = (file) => parseYaml(readFileSync(file, "utf8"));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a long-running process; the returned stop() kills it (and is safe to call twice). */
export function start(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * A real Prometheus on a free port scraping `jobs` ({ job: ["host:port", ...] }) every second, with the
 * given rule files; query() answers the values of an instant query, stop() removes it all.
 */
export async function startPrometheus(jobs, ruleFiles = []) {
  const dir = mkdtempSync(join(tmpdir(), "buhbot-prom-"));
  const port = await freePort();
  const scrape = Object.entries(jobs).map(([job, targets]) =>
    `  - job_name: ${job}\n    static_configs: [{ targets: ${JSON.stringify(targets)} }]\n`
  );
  writeFileSync(
    join(dir, "prometheus.yml"),
    "global: { scrape_interval: 1s, evaluation_interval: 1s }\n" +
      `rule_files: ${JSON.stringify(ruleFiles)}\nscrape_configs:\n${scrape.join("")}`,
  );
  const proc = start("prometheus", [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const api = async (path) => (await (await fetch(`http://127.0.0.1:${port}/api/v1/${path}`)).json()).data;
  return {
    api,
    output: proc.output,
    query: async (q) => (await api(`query?query=${encodeURIComponent(q)}`)).result.map((r) => Number(r.value[1])),
    async stop() {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls fn until it returns a truthy value; throws with the last error after timeoutMs. */
export async function waitFor(fn, { timeoutMs = 15_000, everyMs = 200, what = "condition" } = {}) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

/** Sample names of a Prometheus text exposition (histograms appear as _bucket/_sum/_count). */
export const exposedNames = (text) =>
  new Set(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.match(/^[A-Za-z_:][\w:]*/)[0]));

const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
  "inf",
  "nan",
]);

/**
 * The metric names a PromQL expression selects. Strings, label matchers, ranges, label lists, durations,
 * numbers and Grafana variables are removed first; of the words left, calls and keywords are not names.
 */
export function metricNames(expr) {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, "")
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "")
    .replace(/\$\w+/g, "")
    .replace(/\b\d+(ms|[smhdwy])\b/g, "")
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, "");
  const names = new Set();
  for (const [, word, call] of bare.matchAll(/([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    if (!call && !KEYWORDS.has(word.toLowerCase())) names.add(word);
  }
  return names;
}

/** Every PromQL expression of the alert rules and the Grafana dashboards, with where it comes from. */
export function allExpressions() {
  const rules = filesIn(join(VDS, "prometheus/rules"), ".yml").flatMap((f) =>
    readYaml(f).groups.flatMap((g) => g.rules.map((r) => ({ where: `${f}: ${r.alert ?? r.record}`, expr: r.expr })))
  );
  const panels = filesIn(join(VDS, "grafana/dashboards"), ".json").flatMap((f) =>
    JSON.parse(readFileSync(f, "utf8")).panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `${f}: ${p.title}`, expr: t.expr }))
    )
  );
  return [...rules, ...panels];
}
