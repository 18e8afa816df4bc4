// /metrics as a whole: the relay's own counters, plus the gauges only the database and Telegram know
// (relay_metrics, ops_metrics, getWebhookInfo). Those describe the one bot, not this instance: with
// several relays only the holder of the shared "metrics" lease exports them, so Prometheus never sums
// or double-counts them. Without Redis every instance exports them (RedisDown pages anyway).
import { z } from "zod";
import type { Logger } from "../../supabase/functions/_shared/log.ts";
import type { Health } from "./health.ts";
import type { Limiter } from "./limiter.ts";
import { type Component, familyWriter, type Metrics } from "./metrics.ts";
import type { Outbox } from "./outbox.ts";
import type { Bot } from "./telegram.ts";

/** What public.ops_metrics() returns. */
export const OpsMetrics = z.object({
  cron_jobs: z.record(z.object({ last_success: z.number().nullable(), failed_last_hour: z.number() })),
  updates_stuck: z.number(),
  webhook_silent_working_seconds: z.number().nullable(),
});
export type OpsMetrics = z.infer<typeof OpsMetrics>;

/** The part of Telegram's getWebhookInfo the alerts watch. */
export const WebhookInfo = z.object({ pending_update_count: z.number(), last_error_date: z.number().optional() });
export type WebhookInfo = z.infer<typeof WebhookInfo>;

// Longer than two scrape intervals (15 s): a dead holder is replaced by the next scrape after it lapses.
const LEASE_MS = 45_000, WEBHOOK_INFO_TIMEOUT_MS = 3_000;

type Deps = { db: Outbox; limiter: Limiter; bot: Bot; metrics: Metrics; health: Health; log: Logger };

export function createScrape({ db, limiter, bot, metrics, health, log }: Deps) {
  const warn = (what: string) => (e: unknown) => (log.warn(`${what} failed`, { error: e }), null);

  async function webhookInfo(): Promise<WebhookInfo | null> {
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), WEBHOOK_INFO_TIMEOUT_MS));
    const outcome = await Promise.race([bot("getWebhookInfo", {}), timeout]);
    if (outcome?.type !== "sent") return warn("getWebhookInfo")(outcome?.type ?? "no answer in time");
    return WebhookInfo.parse(outcome.result);
  }

  return async function scrape(): Promise<string> {
    const exporter = await limiter.lease("metrics", LEASE_MS).catch(() => true);
    const [report, sla, ops, webhook] = await Promise.all([
      health.check(),
      exporter ? db.metrics().catch(warn("relay_metrics")) : null,
      exporter ? db.ops().catch(warn("ops_metrics")) : null,
      exporter ? webhookInfo().catch(warn("getWebhookInfo")) : null,
    ]);
    const up = Object.fromEntries(Object.entries(report.components).map(([k, v]) => [k, v.up]));
    return metrics.render(sla, up as Record<Component, boolean>) + renderOps(exporter, ops, webhook);
  };
}

export function renderOps(exporter: boolean, ops: OpsMetrics | null, webhook: WebhookInfo | null): string {
  const out: string[] = [];
  const family = familyWriter(out);
  family("buhbot_relay_metrics_exporter", "gauge", "1 on the relay that exports the bot-wide gauges.", [[
    "",
    exporter ? 1 : 0,
  ]]);
  if (ops) {
    const jobs = Object.entries(ops.cron_jobs);
    const label = (job: string) => `{job="${job.replace(/["\\\n]/g, "_")}"}`;
    family(
      "buhbot_cron_last_success_timestamp_seconds",
      "gauge",
      "End of the last successful run of each pg_cron job (unix time; NaN: none in the kept history).",
      jobs.map(([job, j]) => [label(job), j.last_success]),
    );
    family(
      "buhbot_cron_failed_runs",
      "gauge",
      "Failed runs of each pg_cron job in the last hour.",
      jobs.map(([job, j]) => [label(job), j.failed_last_hour]),
    );
    family("buhbot_telegram_updates_stuck", "gauge", "Telegram updates in processing for over 5 minutes.", [[
      "",
      ops.updates_stuck,
    ]]);
    family(
      "buhbot_webhook_silent_working_seconds",
      "gauge",
      "Working seconds (the firm's calendar) since the webhook last stored an update.",
      [["", ops.webhook_silent_working_seconds]],
    );
  }
  if (webhook) {
    family("buhbot_webhook_pending_update_count", "gauge", "Updates Telegram holds for the webhook (getWebhookInfo).", [
      [
        "",
        webhook.pending_update_count,
      ],
    ]);
    family(
      "buhbot_webhook_last_error_timestamp_seconds",
      "gauge",
      "When Telegram last failed to deliver to the webhook (unix time; 0: never).",
      [["", webhook.last_error_date ?? 0]],
    );
  }
  return out.join("\n") + (out.length ? "\n" : "");
}
