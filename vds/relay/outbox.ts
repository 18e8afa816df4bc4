// The relay's calls into the database (see README.md, "Why PostgREST"): one SQL function per state change
// of a row, so every state change is one transaction. Each answer is checked with zod before the relay acts
// on it; a claimed row that does not parse is set apart instead of failing the whole batch.
import { z } from "zod";
import type { Db } from "../../supabase/functions/_shared/rpc.ts";
import type { Config } from "./config.ts";
import { DbMetrics } from "./metrics.ts";
import { OpsMetrics } from "./ops.ts";

export const Method = z.enum(["sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteMessage"]);
export type Method = z.infer<typeof Method>;

const id = z.number().int().positive();

export const OutboxRow = z.object({
  id,
  kind: z.string(),
  chat_id: z.number().int(),
  method: Method,
  payload: z.record(z.unknown()),
  to_client_group: z.boolean(),
  attempts: z.number().int().nonnegative(),
  edit_message_id: z.number().int().nullable(),
}).refine((r) => r.method === "sendMessage" || r.edit_message_id !== null, {
  message: "an edit or delete without the message it applies to",
  path: ["edit_message_id"],
});
export type OutboxRow = z.infer<typeof OutboxRow>;

// What is needed to settle a row that did not parse: without its id and attempts it can only be logged.
const Settleable = z.object({ id, attempts: z.number().int().nonnegative() });

/** A claimed row the relay cannot send; `row` is set when it can still be failed for good. */
export type Malformed = { row: z.infer<typeof Settleable> | null; error: string };

export type Claimed = { rows: OutboxRow[]; malformed: Malformed[] };

export function parseClaim(rows: unknown[]): Claimed {
  const claimed: Claimed = { rows: [], malformed: [] };
  for (const raw of rows) {
    const row = OutboxRow.safeParse(raw);
    if (row.success) {
      claimed.rows.push(row.data);
      continue;
    }
    const issue = row.error.issues[0];
    const settleable = Settleable.safeParse(raw);
    claimed.malformed.push({
      row: settleable.success ? { id: settleable.data.id, attempts: settleable.data.attempts } : null,
      error: `malformed outbox row: ${[issue?.path.join("."), issue?.message].filter(Boolean).join(" ")}`,
    });
  }
  return claimed;
}

// Every call has a deadline: a hung request must neither hold a claim loop nor a /metrics scrape.
const TIMEOUT_MS = 10_000, PING_TIMEOUT_MS = 2_000, METRICS_TIMEOUT_MS = 5_000;

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(db: Db, cfg: Config) {
  const worker = cfg.workerId, lease = cfg.RELAY_LEASE_SECONDS;
  const call = <T>(fn: string, args: Record<string, unknown>, result: z.ZodType<T>, timeoutMs = TIMEOUT_MS) =>
    db.rpc(fn, args, result, { timeoutMs });

  const begin = (id: number, attempt: number) =>
    call("relay_begin", { p_id: id, p_worker: worker, p_attempt: attempt, p_lease_seconds: lease }, z.boolean());
  const failed = (id: number, error: string, retryAt: Date | null) =>
    call(
      "relay_failed",
      { p_id: id, p_worker: worker, p_error: error, p_retry_at: retryAt?.toISOString() ?? null },
      z.string().nullable(),
    );

  return {
    claim: async (limit: number) =>
      parseClaim(
        await call("relay_claim", { p_worker: worker, p_limit: limit, p_lease_seconds: lease }, z.array(z.unknown())),
      ),
    begin,
    sent: (id: number, result: unknown) =>
      call("relay_sent", { p_id: id, p_worker: worker, p_result: result }, z.boolean()),
    failed,
    /** Fails a row that cannot be sent for good (admins are told); false if another worker holds it now. */
    reject: async (row: { id: number; attempts: number }, error: string) =>
      (await begin(row.id, row.attempts + 1)) && (await failed(row.id, error, null)) !== null,
    migrated: (id: number, newChatId: number) =>
      call("relay_migrated", { p_id: id, p_worker: worker, p_new_chat_id: newChatId }, z.number().nullable()),
    release: (ids: number[]) => call("relay_release", { p_worker: worker, p_ids: ids }, z.number()),
    ping: () => call("relay_ping", {}, z.string(), PING_TIMEOUT_MS),
    metrics: () => call("relay_metrics", {}, DbMetrics, METRICS_TIMEOUT_MS),
    ops: () => call("ops_metrics", {}, OpsMetrics, METRICS_TIMEOUT_MS),
  };
}
