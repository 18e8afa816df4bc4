// Delivering one claimed row: fence (relay_begin), one Bot API call, then record what it means.
//
// Delivery guarantee (proved by tests/integration/relay_*.test.mjs):
// * never lost: every row ends 'sent', 'failed' with its reason (plus a DM fallback or an admin notice),
//   or 'cancelled' with its reason; nothing is dropped without a row saying so.
// * never twice in normal operation or on retries: a row is only sent after relay_begin moved it to
//   'sending' for this worker, and only an answer that proves non-delivery (5xx, 429, refused
//   connection, a Telegram error) lets it be sent again. While Telegram cannot be reached at all
//   (refused, DNS), every row, client groups' too, waits and is retried until it can.
// * in doubt (timeout, connection cut mid-request, relay killed before recording the answer): staff
//   messages are sent again (a duplicate alert beats a missing one); client-group messages never are:
//   they fail with reason "in doubt" and admins are told.
import type { Logger } from "../../supabase/functions/_shared/log.ts";
import type { Config } from "./config.ts";
import type { Limiter } from "./limiter.ts";
import type { Metrics } from "./metrics.ts";
import type { Outbox, OutboxRow } from "./outbox.ts";
import type { Bot, Outcome } from "./telegram.ts";

type Deps = { cfg: Config; db: Outbox; limiter: Limiter; bot: Bot; metrics: Metrics; log: Logger };

export function createDeliver({ cfg, db, limiter, bot, metrics, log: relayLog }: Deps) {
  const leaseMs = cfg.RELAY_LEASE_SECONDS * 1000;
  const leaseEnds = new Map<number, number>(); // row id → when its 'sending' lease runs out (with a margin)

  // A database hiccup must not turn a known outcome into an in-doubt row: keep trying while the lease
  // still protects the row. Every relay_* call is safe to repeat.
  async function persist<T>(what: string, row: OutboxRow, log: Logger, call: () => Promise<T>): Promise<T | undefined> {
    const deadline = leaseEnds.get(row.id) ?? 0;
    for (let wait = 100;; wait = Math.min(wait * 2, 2_000)) {
      try {
        return await call();
      } catch (e) {
        if (Date.now() + wait > deadline) {
          log.error(`could not record ${what}; the lease will settle the row`, { error: e });
          return undefined;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  const backoffMs = (attempt: number) =>
    Math.min(cfg.RELAY_BACKOFF_BASE_MS * 2 ** (attempt - 1), cfg.RELAY_BACKOFF_MAX_MS) * (0.8 + Math.random() * 0.4);

  async function fail(row: OutboxRow, log: Logger, error: string) {
    await persist("failure", row, log, () => db.failed(row.id, error, null));
    metrics.send("failed");
    log.warn("outbox row failed", { kind: row.kind, chat_id: row.chat_id, error });
  }

  async function settle(row: OutboxRow, log: Logger, outcome: Outcome, attempt: number) {
    switch (outcome.type) {
      case "sent":
        await persist("delivery", row, log, () => db.sent(row.id, outcome.result));
        return metrics.send("sent");
      case "rate_limited": {
        metrics.tooMany();
        // The row waits for retry_after anyway; without Redis the other instances just do not learn of it.
        const botWide = await limiter.penalize(row.chat_id, outcome.retryAfterMs).catch((e) => {
          log.warn("could not share the 429 pause through the limiter", { chat_id: row.chat_id, error: e });
          return false;
        });
        log.warn("429 from Telegram", {
          chat_id: row.chat_id,
          retry_after_ms: outcome.retryAfterMs,
          bot_wide: botWide,
        });
        await persist(
          "retry",
          row,
          log,
          () => db.failed(row.id, outcome.error, new Date(Date.now() + outcome.retryAfterMs)),
        );
        return metrics.send("rate_limited");
      }
      case "permanent":
        return fail(row, log, outcome.error);
      case "migrated":
        log.info("group upgraded to a supergroup; re-addressing its messages", {
          chat_id: row.chat_id,
          new_chat_id: outcome.newChatId,
        });
        await persist("retry", row, log, () => db.migrated(row.id, outcome.newChatId));
        return metrics.send("retried");
      case "transient":
        if (outcome.inDoubt && row.to_client_group) {
          return fail(row, log, `in doubt: ${outcome.error}; a client group message is never resent`);
        }
        // Telegram unreachable from here is our outage, not the message's fault: the row waits (the
        // OutboxOldestMessageStale alert pages) instead of running out of attempts.
        if (attempt >= cfg.RELAY_MAX_ATTEMPTS && !outcome.unreachable) {
          return fail(row, log, `${outcome.error} (gave up after ${attempt} attempts)`);
        }
        await persist(
          "retry",
          row,
          log,
          () => db.failed(row.id, outcome.error, new Date(Date.now() + backoffMs(attempt))),
        );
        return metrics.send("retried");
    }
  }

  // The slot reserved before the fence moves to this instant; waiting is short (only the bot-wide window
  // or a bot pause can have filled up meanwhile) and bounded, since the row is already 'sending'.
  async function confirm(row: OutboxRow, slot: string): Promise<boolean> {
    const giveUpAt = Date.now() + leaseMs / 4;
    for (;;) {
      const grant = await limiter.confirm(row.chat_id, slot).catch(() => ({ ok: false as const, waitMs: 250 }));
      if (grant.ok) return true;
      if (Date.now() + grant.waitMs > giveUpAt) return false;
      await new Promise((r) => setTimeout(r, grant.waitMs));
    }
  }

  return async function deliver(row: OutboxRow, slot: string): Promise<void> {
    const attempt = row.attempts + 1;
    const log = relayLog.child({ outbox_id: row.id });
    leaseEnds.set(row.id, Date.now() + leaseMs - 1_000);
    try {
      if (!(await persist("start", row, log, () => db.begin(row.id, attempt)))) return; // another worker holds it
      if (!(await confirm(row, slot))) {
        await persist(
          "hold",
          row,
          log,
          () => db.failed(row.id, "not sent yet: held back by the rate limiter", new Date()),
        );
        return;
      }
      const started = performance.now();
      const outcome = await bot(row.method, paramsOf(row));
      metrics.observe((performance.now() - started) / 1000);
      await settle(row, log, outcome, attempt);
    } finally {
      leaseEnds.delete(row.id);
    }
  };
}

// Bot API parameters: the payload plus the recipient, and for edits the message being edited.
const paramsOf = (row: OutboxRow) => ({
  ...row.payload,
  chat_id: row.chat_id,
  ...(row.method === "sendMessage" ? {} : { message_id: row.edit_message_id }),
});
