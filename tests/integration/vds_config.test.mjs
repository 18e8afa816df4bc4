// The VDS configuration is checked by the tools that will run it: promtool (config, rules and the rules'
// unit tests), Debian's docker-compose (the compose file and its policies), and Grafana's provisioning
// (valid dashboards wired to the provisioned data source). nginx has its own test file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { filesIn, metricNames, parseYaml, readYaml, run, VDS } from "../lib/vds.mjs";

const PROM = join(VDS, "prometheus");

test("promtool accepts prometheus.yml and every rule file it loads", () => {
  const config = run("promtool", ["check", "config", join(PROM, "prometheus.yml")]);
  assert.equal(config.status, 0, config.out);
  const ruleFiles = filesIn(join(PROM, "rules"), ".yml");
  assert.match(config.out, new RegExp(`SUCCESS: ${ruleFiles.length} rule files found`));
  const rules = run("promtool", ["check", "rules", ...ruleFiles]);
  assert.equal(rules.status, 0, rules.out);
});

test("the alert rules pass their promtool unit tests", () => {
  const r = run("promtool", ["test", "rules", ...filesIn(join(PROM, "tests"), ".yml")]);
  assert.equal(r.status, 0, r.out);
  assert.doesNotMatch(r.out, /FAILED/);
});

test("every alert rule has a unit test where it fires and one where it stays silent", () => {
  const alerts = filesIn(join(PROM, "rules"), ".yml").flatMap((f) =>
    readYaml(f).groups.flatMap((g) => g.rules.map((r) => r.alert))
  );
  const cases = filesIn(join(PROM, "tests"), ".yml").flatMap((f) =>
    readYaml(f).tests.flatMap((t) => t.alert_rule_test ?? [])
  );
  const fires = new Set(cases.filter((c) => c.exp_alerts?.length).map((c) => c.alertname));
  const silent = new Set(cases.filter((c) => !c.exp_alerts?.length).map((c) => c.alertname));
  silent.add("Watchdog"); // the dead-man's switch fires always, by design
  assert.ok(alerts.length >= 27, `expected the full rule set, found ${alerts.length}`);
  assert.deepEqual(alerts.filter((a) => !fires.has(a)), [], "alerts without a firing test");
  assert.deepEqual(alerts.filter((a) => !silent.has(a)), [], "alerts without a silent test");
  assert.deepEqual([...fires, ...silent].filter((a) => !alerts.includes(a)), [], "tests of alerts that do not exist");
});

test("every alert's summary and description are Russian for the ops chat", () => {
  const rules = filesIn(join(PROM, "rules"), ".yml").flatMap((f) => readYaml(f).groups.flatMap((g) => g.rules));
  for (const { alert, annotations } of rules.filter((r) => r.alert)) {
    for (const key of ["summary", "description"].filter((k) => k in annotations || k === "summary")) {
      assert.match(annotations[key] ?? "", /\p{Script=Cyrillic}/u, `${alert}: ${key} is not in Russian`);
    }
  }
});

test("the PromQL name reader finds the metrics and nothing else", () => {
  const expr =
    `histogram_quantile(0.95, sum by (le) (rate(buhbot_relay_send_duration_seconds_bucket{job="relay"}[$__rate_interval])))
    / on() group_left sum(x_total offset 1h) > 1e3 and on() (hour() >= 9 < 15) or absent(up) unless time() - y > 26 * 3600`;
  assert.deepEqual([...metricNames(expr)].sort(), ["buhbot_relay_send_duration_seconds_bucket", "up", "x_total", "y"]);
});

// Dummy values for every variable the compose file requires; real ones live in vds/.env on the VDS.
const composeEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? "/tmp",
  DOMAIN: "bot.example.test",
  REDIS_PASSWORD: "dummy-redis-password",
  GRAFANA_ADMIN_PASSWORD: "dummy-grafana",
  SUPABASE_URL: "https://project.supabase.co",
  SUPABASE_SERVICE_ROLE_KEY: "dummy-service-role-key-0123456789",
  TELEGRAM_BOT_TOKEN: "123456:dummy",
  SUPABASE_DB_URL: "postgresql://postgres:pw@db.project.supabase.co:5432/postgres",
  ALERT_TELEGRAM_BOT_TOKEN: "654321:dummy",
  ALERT_TELEGRAM_CHAT_ID: "-1001",
  WATCHDOG_URL: "https://hc.example.test/ping/dummy",
  BACKUP_OFFSITE: "offsite:buhbot-backups",
  OFFSITE_S3_ENDPOINT: "https://s3.example.test",
  OFFSITE_S3_ACCESS_KEY_ID: "dummy-access-key",
  OFFSITE_S3_SECRET_ACCESS_KEY: "dummy-secret-key",
};
const compose = (env, ...args) =>
  run("docker-compose", ["-f", join(VDS, "docker-compose.yml"), ...args], { env, cwd: VDS });

test("docker-compose accepts the compose file", () => {
  const r = compose(composeEnv, "config", "-q");
  assert.equal(r.status, 0, r.out);
});

test("a missing secret stops docker-compose with the variable's name", () => {
  for (
    const name of [
      "REDIS_PASSWORD",
      "TELEGRAM_BOT_TOKEN",
      "DOMAIN",
      "GRAFANA_ADMIN_PASSWORD",
      "ALERT_TELEGRAM_CHAT_ID",
      "BACKUP_OFFSITE",
      "OFFSITE_S3_SECRET_ACCESS_KEY",
    ]
  ) {
    const r = compose({ ...composeEnv, [name]: undefined }, "config", "-q");
    assert.notEqual(r.status, 0, `${name} unset was accepted`);
    assert.match(r.out, new RegExp(`set ${name} in vds/\\.env`));
  }
});

test("only nginx publishes ports; every service is limited, restarted, health-checked and unprivileged", () => {
  const r = compose(composeEnv, "config");
  assert.equal(r.status, 0, r.out);
  const { services, networks } = parseYaml(r.out);
  const daemons = Object.entries(services).filter(([, s]) => !s.profiles);
  assert.deepEqual(daemons.map(([n]) => n).sort(), [
    "alertmanager",
    "grafana",
    "nginx",
    "node-exporter",
    "prometheus",
    "redis",
    "redis-exporter",
    "relay",
  ]);
  assert.deepEqual(Object.entries(services).filter(([, s]) => s.ports).map(([n]) => n), ["nginx"]);
  assert.deepEqual(services.nginx.ports.map((p) => `${p.published}:${p.target}`).sort(), ["443:443", "80:80"]);
  assert.equal(networks.backend.internal, true);
  for (const [name, s] of daemons) {
    assert.equal(s.restart, "unless-stopped", `${name}: restart`);
    assert.ok(s.healthcheck?.test, `${name}: healthcheck`);
    assert.ok(s.mem_limit && s.cpus, `${name}: resource limits`);
    assert.deepEqual(s.cap_drop, ["ALL"], `${name}: capabilities`);
    assert.ok(s.read_only, `${name}: read-only root filesystem`);
    assert.ok(s.security_opt?.includes("no-new-privileges:true"), `${name}: no-new-privileges`);
    assert.ok(Object.keys(s.networks).includes("backend"), `${name}: on the backend network`);
  }
  // nginx's master reads the root-only Let's Encrypt key; the relay's image sets its own user.
  for (const name of ["redis", "prometheus", "alertmanager", "grafana", "node-exporter", "redis-exporter"]) {
    assert.ok(services[name].user && !/^(0|root)\b/.test(services[name].user), `${name}: runs as a non-root user`);
  }
  assert.deepEqual(Object.keys(services.relay.networks).sort(), ["backend", "egress"]);
  // Alertmanager must reach Telegram; Prometheus and Grafana stay on the internal network.
  assert.deepEqual(Object.keys(services.alertmanager.networks).sort(), ["backend", "egress"]);
  assert.deepEqual(Object.keys(services.prometheus.networks), ["backend"]);
  const redisArgs = services.redis.command.join(" ");
  for (
    const arg of [
      "--appendonly yes",
      "--maxmemory 200mb",
      "--maxmemory-policy noeviction",
      "--requirepass dummy-redis-password",
    ]
  ) {
    assert.ok(redisArgs.includes(arg), `redis: ${arg}`);
  }
  assert.equal(services.relay.environment.REDIS_URL, "redis://:dummy-redis-password@redis:6379");
});

test("the backup job runs without capabilities and gets its secrets as variables, never vds/.env", () => {
  const { backup } = parseYaml(compose(composeEnv, "--profile", "backup", "config").out).services;
  assert.deepEqual(backup.cap_drop, ["ALL"]);
  assert.equal(backup.cap_add, undefined);
  assert.ok(backup.security_opt.includes("no-new-privileges:true"));
  // Root without CAP_DAC_OVERRIDE cannot open the deploy-owned mode-600 file: mounting it fails every run.
  const sources = backup.volumes.map((v) => v.source);
  assert.deepEqual(sources.filter((src) => /\.env$/.test(src)), []);
  assert.equal(backup.environment.SUPABASE_DB_URL, composeEnv.SUPABASE_DB_URL);
  assert.equal(backup.environment.BACKUP_OFFSITE, "offsite:buhbot-backups");
  assert.equal(backup.environment.RCLONE_CONFIG_OFFSITE_TYPE, "s3");
  assert.equal(backup.environment.RCLONE_CONFIG_OFFSITE_SECRET_ACCESS_KEY, "dummy-secret-key");
});

test("in polling mode the bridge runs from the relay's image, hardened like it, and Prometheus finds it", () => {
  const r = compose({ ...composeEnv, TELEGRAM_WEBHOOK_SECRET: "s3cret" }, "--profile", "polling", "config");
  assert.equal(r.status, 0, r.out);
  const { bridge, relay } = parseYaml(r.out).services;
  assert.deepEqual(bridge.profiles, ["polling"], "only with COMPOSE_PROFILES=polling");
  assert.deepEqual(bridge.build, relay.build);
  assert.ok(bridge.command.includes("vds/relay/bridge.ts"));
  assert.equal(bridge.restart, "unless-stopped");
  assert.deepEqual(bridge.cap_drop, ["ALL"]);
  assert.ok(bridge.read_only && bridge.mem_limit && bridge.cpus && bridge.healthcheck?.test);
  assert.ok(bridge.security_opt.includes("no-new-privileges:true"));
  assert.deepEqual(Object.keys(bridge.networks).sort(), ["backend", "egress"]);
  assert.equal(bridge.environment.TELEGRAM_WEBHOOK_SECRET, "s3cret");
  assert.match(bridge.healthcheck.test.join(" "), new RegExp(`:${bridge.environment.BRIDGE_PORT}/health`));
  const job = readYaml(join(PROM, "prometheus.yml")).scrape_configs.find((j) => j.job_name === "bridge");
  assert.deepEqual(job.dns_sd_configs, [{
    names: ["bridge"],
    type: "A",
    port: Number(bridge.environment.BRIDGE_PORT),
    refresh_interval: "30s",
  }]);
});

test("no secret is written into the compose file itself", () => {
  const text = readFileSync(join(VDS, "docker-compose.yml"), "utf8");
  for (
    const [key, value] of Object.entries(parseYaml(text).services).flatMap(([, s]) =>
      Object.entries(s.environment ?? {})
    )
  ) {
    if (/(PASSWORD|SECRET|TOKEN|_KEY|_URL|CLI_AUTH)$/.test(key)) {
      assert.match(String(value), /\$\{/, `${key} must come from vds/.env`);
    }
  }
});

test("Grafana provisions one Prometheus data source that every dashboard panel uses", () => {
  const [source] = readYaml(join(VDS, "grafana/provisioning/datasources/prometheus.yml")).datasources;
  assert.equal(source.type, "prometheus");
  assert.equal(source.url, "http://prometheus:9090");
  const provider = readYaml(join(VDS, "grafana/provisioning/dashboards/buhbot.yml")).providers[0];
  assert.equal(provider.options.path, "/var/lib/grafana/dashboards");
  const dashboards = filesIn(join(VDS, "grafana/dashboards"), ".json").map((f) => JSON.parse(readFileSync(f, "utf8")));
  assert.deepEqual(dashboards.map((d) => d.uid).sort(), ["buhbot-host", "buhbot-relay", "buhbot-sla"]);
  for (const d of dashboards) {
    assert.ok(d.title && d.panels.length >= 8, `${d.uid}: a titled dashboard with panels`);
    assert.equal(new Set(d.panels.map((p) => p.id)).size, d.panels.length, `${d.uid}: unique panel ids`);
    for (const p of d.panels) {
      assert.equal(p.datasource?.uid, source.uid, `${d.uid}/${p.title}: data source`);
      assert.ok(p.gridPos.x + p.gridPos.w <= 24, `${d.uid}/${p.title}: fits the 24-column grid`);
      assert.ok(p.targets.length, `${d.uid}/${p.title}: has queries`);
      for (const t of p.targets) {
        assert.ok(t.expr?.trim(), `${d.uid}/${p.title}: empty query`);
        assert.equal(t.datasource.uid, source.uid, `${d.uid}/${p.title}: query data source`);
      }
    }
  }
});

// Both deploy workflows: a plan after CI passes on main, then a deploy run started by an approver, whose
// first job is the gate; the deploy steps in order; every shell step parses.
const DEPLOYS = {
  "deploy.yml": ["supabase link", "supabase db push --yes", "supabase secrets set", "functions deploy", "setWebhook"],
  "deploy-selfhosted.yml": ["supabase db push --yes --db-url", "volumes/functions", "restart functions", "setWebhook"],
};
for (const [file, first] of Object.entries(DEPLOYS)) {
  test(`${file}: plan after CI, an approver-gated deploy of a CI-passed commit, steps in order, smoke test`, () => {
    const wf = readYaml(join(VDS, "../.github/workflows", file));
    // YAML 1.1 (PyYAML) reads the bare key `on` as the boolean true.
    const on = wf.on ?? wf.true;
    assert.deepEqual(on.workflow_run, { workflows: ["ci"], types: ["completed"], branches: ["main"] });
    assert.ok(on.workflow_dispatch.inputs.sha.required);
    assert.match(wf.jobs.plan.if, /workflow_run\.conclusion == 'success'/);
    assert.match(wf.jobs.plan.steps.map((s) => s.run ?? "").join("\n"), /supabase db push --dry-run/);
    assert.ok(wf.jobs.gate.steps.some((s) => s.uses === "./.github/actions/deploy-gate"));
    assert.equal(wf.jobs.deploy.needs, "gate");
    const script = wf.jobs.deploy.steps.map((s) => s.run ?? "").join("\n");
    const order = [
      ...first,
      "vite/bin/vite.js build --base /console/",
      "scripts/vds-deploy.sh",
      "scripts/deploy-smoke.sh",
    ];
    const at = order.map((step) => script.indexOf(step));
    assert.deepEqual(order.filter((_, i) => at[i] < 0), [], "missing steps");
    assert.deepEqual(at, [...at].sort((a, b) => a - b), "steps out of order");
    assert.match(script, /secret_token: \$secret/);
    assert.match(script, /"message", "edited_message",\s+"callback_query", "my_chat_member",\s+"chat_member"/);
    for (const step of Object.values(wf.jobs).flatMap((j) => j.steps).filter((s) => s.run)) {
      const r = run("bash", ["-n"], { input: step.run });
      assert.equal(r.status, 0, `${step.name}: ${r.out}`);
    }
  });
}

test("the deploy gate and scripts parse; the gate checks the approver and the commit's CI", () => {
  const gate = readYaml(join(VDS, "../.github/actions/deploy-gate/action.yml")).runs.steps[0].run;
  assert.match(gate, /DEPLOY_APPROVERS/);
  assert.match(gate, /workflows\/ci\.yml\/runs\?head_sha=\$SHA&status=success/);
  assert.equal(run("bash", ["-n"], { input: gate }).status, 0);
  for (const script of ["vds-update.sh", "vds-deploy.sh", "deploy-smoke.sh"]) {
    const r = run("bash", ["-n", join(VDS, "../scripts", script)]);
    assert.equal(r.status, 0, `${script}: ${r.out}`);
  }
});
