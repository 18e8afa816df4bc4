// /health: can the relay reach what it needs? The database is essential (down → 503: nothing can be
// claimed or recorded). Redis or Telegram missing is "degraded" with 200: rows wait safely in the
// outbox, the relay resumes by itself, and restarting the container would not help; Prometheus alerts
// on buhbot_relay_component_up instead.
import type { Limiter } from "./limiter.ts";
import type { Component } from "./metrics.ts";
import type { Outbox } from "./outbox.ts";
import type { Bot } from "./telegram.ts";

export type Report = {
  status: "ok" | "degraded" | "down";
  components: Record<Component, { up: boolean; error?: string }>;
};

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);

export type Health = ReturnType<typeof createHealth>;

export function createHealth({ db, limiter, bot }: { db: Outbox; limiter: Limiter; bot: Bot }) {
  // getMe is cached: a minute while it works, a few seconds while it does not.
  let telegram = { up: false, error: "not checked yet" as string | undefined, at: 0 };
  let last: { report: Report; at: number } | undefined;
  let running: Promise<Report> | undefined;

  async function telegramUp() {
    if (Date.now() - telegram.at < (telegram.up ? 60_000 : 5_000)) return telegram;
    const outcome = await bot("getMe", {});
    const up = outcome.type === "sent";
    telegram = { up, error: outcome.type === "sent" ? undefined : outcome.error, at: Date.now() };
    return telegram;
  }

  const probe = (check: () => Promise<unknown>) =>
    withTimeout(check(), 2_500).then(() => ({ up: true }), (e) => ({ up: false, error: errorText(e) }));

  async function run(): Promise<Report> {
    const [database, redis, tg] = await Promise.all([
      probe(() => db.ping()),
      probe(() => limiter.ping()),
      withTimeout(telegramUp(), 2_500).catch((e) => ({ up: false, error: errorText(e) })),
    ]);
    const status = !database.up ? "down" : redis.up && tg.up ? "ok" : "degraded";
    return {
      status,
      components: { database, redis, telegram: { up: tg.up, ...(tg.error ? { error: tg.error } : {}) } },
    };
  }

  return {
    /** At most one check per second, however often /health and /metrics are scraped. */
    async check(): Promise<Report> {
      if (last && Date.now() - last.at < 1_000) return last.report;
      running ??= run().then((report) => {
        last = { report, at: Date.now() };
        return report;
      }).finally(() => (running = undefined));
      return await running;
    },
  };
}
