import assert from "node:assert/strict";
import type { z } from "zod";
import type { Db } from "../../supabase/functions/_shared/rpc.ts";
import { loadConfig } from "./config.ts";
import { createOutbox, parseClaim } from "./outbox.ts";

const good = {
  id: 7,
  kind: "warning",
  chat_id: 42,
  method: "sendMessage",
  payload: { text: "hi" },
  to_client_group: false,
  attempts: 0,
  edit_message_id: null,
};

Deno.test("parseClaim: a row that does not parse is set apart, the rest of the batch is kept", () => {
  const table: [string, unknown, { id: number; attempts: number } | null, RegExp][] = [
    [
      "unknown method",
      { ...good, id: 8, method: "sendPhoto" },
      { id: 8, attempts: 0 },
      /^malformed outbox row: method /,
    ],
    [
      "edit without its message",
      { ...good, id: 9, method: "editMessageText", attempts: 2 },
      { id: 9, attempts: 2 },
      /edit_message_id an edit or delete without/,
    ],
    ["payload not an object", { ...good, id: 10, payload: "text" }, { id: 10, attempts: 0 }, /payload /],
    ["chat id as a string", { ...good, id: 11, chat_id: "42" }, { id: 11, attempts: 0 }, /chat_id /],
    ["no id", { ...good, id: undefined }, null, /id /],
    ["not a row at all", "garbage", null, /^malformed outbox row: Expected object, received string$/],
  ];
  for (const [name, bad, row, error] of table) {
    const claimed = parseClaim([good, bad, { ...good, id: 12, method: "deleteMessage", edit_message_id: 5 }]);
    assert.deepEqual(claimed.rows.map((r) => r.id), [7, 12], name);
    assert.equal(claimed.malformed.length, 1, name);
    assert.deepEqual(claimed.malformed[0].row, row, name);
    assert.match(claimed.malformed[0].error, error, name);
  }
});

// A Db that records every call and answers from a table keyed by function name.
function fakeDb(answers: Record<string, unknown>) {
  const calls: { fn: string; args: Record<string, unknown>; timeoutMs?: number }[] = [];
  const db: Db = {
    rpc<T>(fn: string, args: Record<string, unknown>, result: z.ZodType<T>, options?: { timeoutMs?: number }) {
      calls.push({ fn, args, timeoutMs: options?.timeoutMs });
      return Promise.resolve(result.parse(answers[fn]));
    },
  };
  return { db, calls };
}

const cfg = loadConfig({
  SUPABASE_URL: "http://127.0.0.1:54321",
  SUPABASE_SERVICE_ROLE_KEY: "x".repeat(40),
  REDIS_URL: "redis://127.0.0.1:54334",
  TELEGRAM_BOT_TOKEN: "123456:ABC-def_1",
  RELAY_WORKER_ID: "w1",
});

Deno.test("outbox: every call has a deadline; ping and metrics answer /health and /metrics quickly", async () => {
  const gauges = {
    outbox_pending: 0,
    outbox_sending: 0,
    outbox_oldest_age_seconds: 0,
    sla_open_requests: 0,
    sla_warnings_today: 0,
    sla_breaches_today: 0,
    sla_compliance_ratio: null,
    sla_open_alerts: 0,
    classifier_fallback_ratio: 0,
    classifier_fallbacks: 0,
    calendar_covered_until_timestamp_seconds: 0,
    webhook_updates: {},
  };
  const { db, calls } = fakeDb({
    relay_claim: [],
    relay_ping: "2026-12-04T10:00:00Z",
    relay_release: 0,
    relay_metrics: gauges,
  });
  const outbox = createOutbox(db, cfg);
  await outbox.claim(5);
  await outbox.ping();
  await outbox.metrics();
  await outbox.release([1]);
  assert.deepEqual(calls.map((c) => [c.fn, c.timeoutMs]), [
    ["relay_claim", 10_000],
    ["relay_ping", 2_000],
    ["relay_metrics", 5_000],
    ["relay_release", 10_000],
  ]);
  assert.deepEqual(calls[0].args, { p_worker: "w1", p_limit: 5, p_lease_seconds: 30 });
});

Deno.test("outbox: reject fences the row, then fails it for good", async () => {
  const table: [string, Record<string, unknown>, boolean, string[]][] = [
    ["failed", { relay_begin: true, relay_failed: "failed" }, true, ["relay_begin", "relay_failed"]],
    ["held by another worker", { relay_begin: false }, false, ["relay_begin"]],
    ["lost between the calls", { relay_begin: true, relay_failed: null }, false, ["relay_begin", "relay_failed"]],
  ];
  for (const [name, answers, expected, fns] of table) {
    const { db, calls } = fakeDb(answers);
    assert.equal(await createOutbox(db, cfg).reject({ id: 9, attempts: 2 }, "malformed outbox row: x"), expected, name);
    assert.deepEqual(calls.map((c) => c.fn), fns, name);
    assert.deepEqual(calls[0].args, { p_id: 9, p_worker: "w1", p_attempt: 3, p_lease_seconds: 30 }, name);
    if (fns.length > 1) {
      assert.deepEqual(
        calls[1].args,
        { p_id: 9, p_worker: "w1", p_error: "malformed outbox row: x", p_retry_at: null },
        name,
      );
    }
  }
});
