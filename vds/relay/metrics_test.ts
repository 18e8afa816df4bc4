import assert from "node:assert/strict";
import { createMetrics, DbMetrics } from "./metrics.ts";

const db = {
  outbox_pending: 3,
  outbox_sending: 1,
  outbox_oldest_age_seconds: 12.5,
  sla_open_requests: 4,
  sla_warnings_today: 2,
  sla_breaches_today: 1,
  sla_compliance_ratio: null,
  sla_open_alerts: 1,
  classifier_fallback_ratio: 0.25,
  classifier_fallbacks: 3,
  calendar_covered_until_timestamp_seconds: 1830286800,
  webhook_updates: { message: 10, callback_query: 2 },
};

Deno.test("metrics: what relay_metrics answers is checked before it is exported", () => {
  const { sla_open_alerts: _, ...missing } = db;
  const table: [string, unknown, boolean][] = [
    ["complete", db, true],
    ["a gauge missing", missing, false],
    ["a gauge as text", { ...db, sla_open_requests: "4" }, false],
    ["an update count as null", { ...db, webhook_updates: { message: null } }, false],
    ["an extra key", { ...db, something_new: 1 }, true],
  ];
  for (const [name, answer, ok] of table) assert.equal(DbMetrics.safeParse(answer).success, ok, name);
});

Deno.test("metrics: Prometheus text with the dashboards' names and labels", () => {
  const m = createMetrics();
  m.send("sent");
  m.send("sent");
  m.send("failed");
  m.tooMany();
  m.observe(0.04);
  m.observe(3);
  const text = m.render(db, { database: true, redis: false, telegram: true });
  for (
    const line of [
      'buhbot_relay_sends_total{result="sent"} 2',
      'buhbot_relay_sends_total{result="failed"} 1',
      'buhbot_relay_sends_total{result="retried"} 0',
      'buhbot_relay_sends_total{result="rate_limited"} 0',
      "buhbot_relay_telegram_429_total 1",
      'buhbot_relay_send_duration_seconds_bucket{le="0.025"} 0',
      'buhbot_relay_send_duration_seconds_bucket{le="0.05"} 1',
      'buhbot_relay_send_duration_seconds_bucket{le="5"} 2',
      'buhbot_relay_send_duration_seconds_bucket{le="+Inf"} 2',
      "buhbot_relay_send_duration_seconds_sum 3.04",
      "buhbot_relay_send_duration_seconds_count 2",
      'buhbot_relay_component_up{component="redis"} 0',
      'buhbot_relay_component_up{component="database"} 1',
      'buhbot_outbox_depth{status="pending"} 3',
      'buhbot_outbox_depth{status="sending"} 1',
      "buhbot_outbox_oldest_age_seconds 12.5",
      "buhbot_sla_open_requests 4",
      "buhbot_sla_warnings_today 2",
      "buhbot_sla_breaches_today 1",
      "buhbot_sla_compliance_ratio NaN",
      "buhbot_sla_open_alerts 1",
      "buhbot_classifier_fallback_ratio 0.25",
      "buhbot_classifier_fallbacks 3",
      "buhbot_calendar_covered_until_timestamp_seconds 1830286800",
      'buhbot_webhook_updates_total{type="message"} 10',
      "# TYPE buhbot_relay_send_duration_seconds histogram",
      "# TYPE buhbot_webhook_updates_total counter",
    ]
  ) assert.ok(text.split("\n").includes(line), `missing: ${line}`);
});

Deno.test("metrics: without the database only the relay's own series are exported", () => {
  const text = createMetrics().render(null, { database: false, redis: true, telegram: true });
  assert.match(text, /^buhbot_relay_component_up\{component="database"\} 0$/m);
  assert.doesNotMatch(text, /buhbot_outbox_depth|buhbot_sla_/);
});
