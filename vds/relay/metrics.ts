// Prometheus exposition: the relay's own counters plus gauges the database computes per scrape
// (public.relay_metrics). Dashboards and alert rules in vds/ use these names: renaming one breaks them.
import { z } from "zod";

export type SendResult = "sent" | "retried" | "failed" | "rate_limited";
export type Component = "database" | "redis" | "telegram";
export type Metrics = ReturnType<typeof createMetrics>;

/** What public.relay_metrics() returns; null (nothing decided yet) is exported as NaN. */
const Gauge = z.number().nullable();
type Gauge = z.infer<typeof Gauge>;
export const DbMetrics = z.object({
  outbox_pending: Gauge,
  outbox_sending: Gauge,
  outbox_oldest_age_seconds: Gauge,
  sla_open_requests: Gauge,
  sla_warnings_today: Gauge,
  sla_breaches_today: Gauge,
  sla_compliance_ratio: Gauge,
  sla_open_alerts: Gauge,
  classifier_fallback_ratio: Gauge,
  classifier_fallbacks: Gauge,
  calendar_covered_until_timestamp_seconds: Gauge,
  webhook_updates: z.record(z.number()),
});
export type DbMetrics = z.infer<typeof DbMetrics>;

const BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const startedAt = Date.now() / 1000;

export function createMetrics() {
  const sends: Record<SendResult, number> = { sent: 0, retried: 0, failed: 0, rate_limited: 0 };
  const bucketCounts = BUCKETS.map(() => 0);
  let tooMany = 0, durationSum = 0, durationCount = 0;

  return {
    send: (result: SendResult) => void sends[result]++,
    tooMany: () => void tooMany++,
    observe(seconds: number) {
      BUCKETS.forEach((le, i) => seconds <= le && bucketCounts[i]++);
      durationSum += seconds;
      durationCount++;
    },
    render(db: DbMetrics | null, components: Record<Component, boolean>): string {
      const out: string[] = [];
      const family = familyWriter(out);
      family(
        "buhbot_relay_sends_total",
        "counter",
        "Bot API sends by result.",
        Object.entries(sends).map(([r, v]) => [`{result="${r}"}`, v]),
      );
      family("buhbot_relay_telegram_429_total", "counter", "429 Too Many Requests answers from Telegram.", [[
        "",
        tooMany,
      ]]);
      out.push(
        "# HELP buhbot_relay_send_duration_seconds Bot API call latency.",
        "# TYPE buhbot_relay_send_duration_seconds histogram",
      );
      BUCKETS.forEach((le, i) => out.push(`buhbot_relay_send_duration_seconds_bucket{le="${le}"} ${bucketCounts[i]}`));
      out.push(
        `buhbot_relay_send_duration_seconds_bucket{le="+Inf"} ${durationCount}`,
        `buhbot_relay_send_duration_seconds_sum ${fmt(durationSum)}`,
        `buhbot_relay_send_duration_seconds_count ${durationCount}`,
      );
      family(
        "buhbot_relay_component_up",
        "gauge",
        "1 when the relay reaches the component.",
        Object.entries(components).map(([c, up]) => [`{component="${c}"}`, up ? 1 : 0]),
      );
      family("process_resident_memory_bytes", "gauge", "Resident memory of the relay.", [["", Deno.memoryUsage().rss]]);
      family("process_start_time_seconds", "gauge", "Start of the relay process (unix time).", [["", startedAt]]);
      if (db) renderDb(db, family);
      return out.join("\n") + "\n";
    },
  };
}

export type Family = (name: string, type: string, help: string, samples: [string, Gauge][]) => void;

/** Appends one metric family (HELP, TYPE, samples) of the text exposition format to out. */
export function familyWriter(out: string[]): Family {
  return (name, type, help, samples) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) out.push(`${name}${labels} ${fmt(value)}`);
  };
}

// The database's single-value gauges, in export order; each is named buhbot_<its key in DbMetrics>.
type DbGauge = Exclude<keyof DbMetrics, "webhook_updates">;
const DB_GAUGES: [name: `buhbot_${DbGauge}`, help: string][] = [
  ["buhbot_outbox_oldest_age_seconds", "Age of the oldest pending or sending outbox row (0 if none)."],
  ["buhbot_sla_open_requests", "Client requests waiting for an answer."],
  ["buhbot_sla_warnings_today", "Warnings raised today in the firm's timezone."],
  ["buhbot_sla_breaches_today", "SLA breaches raised today in the firm's timezone."],
  [
    "buhbot_sla_compliance_ratio",
    "Share of requests decided in the last 30 days that were on time (NaN: none decided).",
  ],
  ["buhbot_sla_open_alerts", "Breach alerts not yet resolved (warnings are not counted)."],
  ["buhbot_classifier_fallback_ratio", "Share of client messages labelled by the fallback in the last 24 h."],
  [
    "buhbot_classifier_fallbacks",
    "Client messages labelled REQUEST by the fallback in the last 24 h (LLM failed, or no label 60 s after arrival).",
  ],
  [
    "buhbot_calendar_covered_until_timestamp_seconds",
    "When the global production calendar runs out (unix time; 0: it lists no holidays).",
  ],
];

function renderDb(m: DbMetrics, family: Family) {
  family("buhbot_outbox_depth", "gauge", "Outbox rows waiting or being sent.", [
    ['{status="pending"}', m.outbox_pending],
    ['{status="sending"}', m.outbox_sending],
  ]);
  for (const [name, help] of DB_GAUGES) {
    family(name, "gauge", help, [["", m[name.slice("buhbot_".length) as DbGauge]]]);
  }
  family(
    "buhbot_webhook_updates_total",
    "counter",
    "Telegram updates received by the webhook, by type.",
    Object.entries(m.webhook_updates).map(([t, v]) => [`{type="${t.replace(/["\\\n]/g, "_")}"}`, v]),
  );
}

const fmt = (v: Gauge) => (v === null || Number.isNaN(Number(v)) ? "NaN" : String(Number(v)));
