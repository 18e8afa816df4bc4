import assert from "node:assert/strict";
import { OpsMetrics, renderOps, WebhookInfo } from "./ops.ts";

const ops: OpsMetrics = {
  cron_jobs: {
    "sla-tick": { last_success: 1_700_000_000.5, failed_last_hour: 2 },
    "daily-purge": { last_success: null, failed_last_hour: 0 },
  },
  updates_stuck: 1,
  webhook_silent_working_seconds: 3600,
};

Deno.test("ops: what ops_metrics and getWebhookInfo answer is checked before it is exported", () => {
  const table: [string, { safeParse(v: unknown): { success: boolean } }, unknown, boolean][] = [
    ["ops complete", OpsMetrics, ops, true],
    ["ops: silence unknown", OpsMetrics, { ...ops, webhook_silent_working_seconds: null }, true],
    ["ops: a failure count as null", OpsMetrics, {
      ...ops,
      cron_jobs: { x: { last_success: 1, failed_last_hour: null } },
    }, false],
    ["webhook: never failed", WebhookInfo, { url: "https://x", pending_update_count: 0 }, true],
    ["webhook: count missing", WebhookInfo, { url: "https://x" }, false],
  ];
  for (const [name, schema, answer, ok] of table) assert.equal(schema.safeParse(answer).success, ok, name);
});

Deno.test("ops: the exporter renders the bot-wide gauges, other instances only say they are not it", () => {
  const text = renderOps(true, ops, { pending_update_count: 7, last_error_date: 1_700_000_100 });
  for (
    const line of [
      "buhbot_relay_metrics_exporter 1",
      'buhbot_cron_last_success_timestamp_seconds{job="sla-tick"} 1700000000.5',
      'buhbot_cron_last_success_timestamp_seconds{job="daily-purge"} NaN',
      'buhbot_cron_failed_runs{job="sla-tick"} 2',
      "buhbot_telegram_updates_stuck 1",
      "buhbot_webhook_silent_working_seconds 3600",
      "buhbot_webhook_pending_update_count 7",
      "buhbot_webhook_last_error_timestamp_seconds 1700000100",
    ]
  ) assert.ok(text.split("\n").includes(line), line);
  assert.match(renderOps(true, ops, { pending_update_count: 0 }), /^buhbot_webhook_last_error_timestamp_seconds 0$/m);
  assert.equal(
    renderOps(false, null, null).trim().split("\n").filter((l) => !l.startsWith("#")).join(),
    "buhbot_relay_metrics_exporter 0",
  );
});
