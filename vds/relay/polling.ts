// Polling bridge (TELEGRAM_UPDATES=polling): for a bot with no public HTTPS endpoint. It removes the
// webhook, long-polls getUpdates and POSTs each update, in order, to the webhook function with the
// secret, retrying a non-2xx answer the way Telegram retries a webhook (with growing pauses, forever:
// later updates wait, as they do in Telegram's queue).
// Delivery guarantee: at least once to the webhook, exactly once in effect. The offset is stored in the
// database (public.polling_advance) only after the webhook accepted the update, and getUpdates is only
// ever asked from the stored offset, so Telegram forgets nothing the webhook has not taken; a bridge
// killed between "accepted" and "stored" delivers that update again and claim_update ignores it.
import { z } from "zod";
import type { Logger } from "../../supabase/functions/_shared/log.ts";
import type { Db } from "../../supabase/functions/_shared/rpc.ts";

export type PollingConfig = {
  apiRoot: string;
  token: string;
  webhookUrl: string;
  secret: string;
  allowedUpdates: string[];
  pollTimeoutS: number;
  retryMaxMs: number;
};
export type ErrorStage = "poll" | "deliver" | "offset";

const Update = z.object({ update_id: z.number().int().nonnegative() }).passthrough();
type Update = z.infer<typeof Update>;
const Answer = z.object({ ok: z.boolean(), result: z.unknown().optional(), description: z.string().optional() });

/** When the update happened, where Telegram says (callback queries carry no date of their own). */
const happenedAt = (u: Update): number | undefined => {
  for (const part of Object.values(u)) {
    const date = (part as { date?: unknown })?.date;
    if (typeof date === "number") return date;
  }
};

export function createPolling({ cfg, db, log }: { cfg: PollingConfig; db: Db; log: Logger }) {
  const botId = Number(cfg.token.split(":")[0]);
  const state = {
    offset: 0,
    delivered: 0,
    errors: { poll: 0, deliver: 0, offset: 0 } as Record<ErrorStage, number>,
    lastPollAt: null as number | null, // the Bot API's last answer (deleteWebhook, then every getUpdates)
    lastError: null as string | null,
    lagSeconds: null as number | null,
  };
  let stopping = false, abort = new AbortController();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });

  function failed(stage: ErrorStage, error: unknown, fields: Record<string, unknown> = {}) {
    state.errors[stage]++;
    state.lastError = `${stage}: ${error instanceof Error ? error.message : String(error)}`;
    log.warn(`polling ${stage} failed`, { error, ...fields });
  }

  /** Retries `attempt` with growing pauses until it succeeds; false when the bridge stops meanwhile. */
  async function persist(stage: ErrorStage, attempt: () => Promise<void>, fields = {}) {
    for (let pause = 1_000;; pause = Math.min(pause * 2, cfg.retryMaxMs)) {
      try {
        await attempt();
        state.lastError = null;
        return true;
      } catch (e) {
        if (stopping) return false;
        failed(stage, e, fields);
        await sleep(pause);
      }
    }
  }

  async function bot(method: string, params: Record<string, unknown>, timeoutMs: number) {
    const res = await fetch(`${cfg.apiRoot}/bot${cfg.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]),
    });
    const answer = Answer.parse(await res.json());
    if (!answer.ok) throw new Error(`${method}: ${res.status} ${answer.description ?? "no description"}`);
    state.lastPollAt = Date.now() / 1000;
    return answer.result;
  }

  async function deliver(u: Update) {
    const res = await fetch(cfg.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": cfg.secret },
      body: JSON.stringify(u),
      signal: AbortSignal.timeout(60_000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }

  async function handle(u: Update) {
    const fields = { update_id: u.update_id };
    if (!await persist("deliver", () => deliver(u), fields)) return false;
    state.delivered++;
    const at = happenedAt(u);
    if (at !== undefined) state.lagSeconds = Math.max(0, Date.now() / 1000 - at);
    const next = u.update_id + 1;
    const stored = await persist("offset", async () => {
      await db.rpc("polling_advance", { p_bot_id: botId, p_next_offset: next }, z.number());
    }, fields);
    if (stored) state.offset = next;
    return stored;
  }

  async function poll(): Promise<Update[]> {
    const result = await bot("getUpdates", {
      offset: state.offset,
      timeout: cfg.pollTimeoutS,
      allowed_updates: cfg.allowedUpdates,
    }, (cfg.pollTimeoutS + 15) * 1000);
    return z.array(Update).parse(result);
  }

  async function run() {
    await persist("poll", async () => void await bot("deleteWebhook", { drop_pending_updates: false }, 15_000));
    await persist("offset", async () => {
      state.offset = await db.rpc("polling_offset", { p_bot_id: botId }, z.number());
    });
    log.info("polling started", { offset: state.offset, allowed_updates: cfg.allowedUpdates });
    while (!stopping) {
      let batch: Update[] = [];
      const polled = await persist("poll", async () => void (batch = await poll()));
      if (!polled) break;
      for (const u of batch) if (stopping || !await handle(u)) break;
    }
  }

  let running: Promise<void> | undefined;
  return {
    start() {
      running = run();
    },
    /** Stops polling; an update already handed to the webhook is still recorded. */
    async stop() {
      stopping = true;
      abort.abort();
      await running;
      abort = new AbortController();
    },
    stats: () => ({ ...state, errors: { ...state.errors } }),
  };
}
export type Polling = ReturnType<typeof createPolling>;
