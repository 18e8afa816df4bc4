// What becomes of a usable update at the HTTP edge, case by case: what lifecycle.ts writes to
// public.telegram_updates (through a fake database) and whether Telegram is asked to redeliver (503).
import assert from "node:assert/strict";
import type { Bot } from "grammy/web";
import { DbError } from "../_shared/rpc.ts";
import { createLogger } from "../_shared/log.ts";
import type { BotContext, Deps } from "../telegram-webhook/context.ts";
import { createUpdateRunner } from "../telegram-webhook/lifecycle.ts";

const unreachable = new DbError("ingest_message", 0, "fetch failed");
const refused = new DbError("ingest_message", 400, "value too long", "22001");

type Case = {
  update: "valid" | "invalid";
  getMe?: Error;
  handling?: Error;
  /** What claim_update answers (true: this call claimed it). */
  claims?: boolean;
  /** claim_update itself fails like this. */
  claimFails?: Error;
  outcome: "handled" | "retry";
  writes: string[];
};

const CASES: [string, Case][] = [
  ["an update the bot handled (its rows are the intake's business): the edge writes nothing", {
    update: "valid",
    outcome: "handled",
    writes: [],
  }],
  ["an invalid update is stored as failed", {
    update: "invalid",
    claims: true,
    outcome: "handled",
    writes: ["claim_update failed: invalid update: message.text: Expected string"],
  }],
  ["an invalid update while the database is down: redelivery", {
    update: "invalid",
    claimFails: unreachable,
    outcome: "retry",
    writes: [],
  }],
  ["the database unreachable before anything was stored: redelivery", {
    update: "valid",
    handling: unreachable,
    outcome: "retry",
    writes: [],
  }],
  ["getMe failing: redelivery", { update: "valid", getMe: new Error("network"), outcome: "retry", writes: [] }],
  ["refused by the database, not claimed yet: claimed as failed", {
    update: "valid",
    handling: refused,
    claims: true,
    outcome: "handled",
    writes: ["claim_update failed: ingest_message: value too long (22001)"],
  }],
  ["refused by the database after the claim: finished as failed", {
    update: "valid",
    handling: refused,
    claims: false,
    outcome: "handled",
    writes: [
      "claim_update failed: ingest_message: value too long (22001)",
      "finish_update failed: ingest_message: value too long (22001)",
    ],
  }],
  ["refused, and even the record of it fails: still answered, never a loop", {
    update: "valid",
    handling: refused,
    claimFails: new DbError("claim_update", 500, "boom"),
    outcome: "handled",
    writes: [],
  }],
];

function run(c: Case) {
  const writes: string[] = [];
  const db = {
    rpc(fn: string, args: Record<string, unknown>) {
      if (fn === "claim_update" && c.claimFails) return Promise.reject(c.claimFails);
      writes.push(`${fn} ${args.p_status}: ${args.p_error}`);
      return Promise.resolve(fn === "claim_update" ? c.claims : null);
    },
  };
  const bot = {
    init: () => c.getMe ? Promise.reject(c.getMe) : Promise.resolve(),
    handleUpdate: () => c.handling ? Promise.reject(c.handling) : Promise.resolve(),
  } as unknown as Bot<BotContext>;
  const deps = { db, log: createLogger({}, "error", () => {}), report: () => {} } as unknown as Deps;
  const parsed = c.update === "valid"
    ? { kind: "ok" as const, update_id: 1, type: "message", chat_id: -5, update: { update_id: 1 } }
    : { kind: "invalid" as const, update_id: 1, type: "message", chat_id: -5, reason: "message.text: Expected string" };
  return createUpdateRunner(bot, deps)(parsed).then((outcome) => ({ outcome, writes }));
}

for (const [name, c] of CASES) {
  Deno.test(`lifecycle: ${name}`, async () => {
    assert.deepEqual(await run(c), { outcome: c.outcome, writes: c.writes });
  });
}
