// The database client: PostgREST answers become validated results or a DbError that says whether a retry
// can help, and a call with a deadline gives up.
import assert from "node:assert/strict";
import { z } from "zod";
import { createDb, DbError } from "../_shared/rpc.ts";

const answer = (status: number, body: unknown): typeof fetch => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));

Deno.test("rpc: answers and errors", async () => {
  const table: [string, typeof fetch, { data: unknown } | { status: number; unavailable: boolean; message: RegExp }][] =
    [
      ["a valid result", answer(200, 5), { data: 5 }],
      ["a result of the wrong shape", answer(200, "5"), {
        status: 200,
        unavailable: false,
        message: /^f: unexpected result: Expected number/,
      }],
      ["refused input", answer(400, { code: "22023", message: "bad" }), {
        status: 400,
        unavailable: false,
        message: /^f: bad \(22023\)$/,
      }],
      ["the gateway cannot reach Postgres", answer(503, { message: "down" }), {
        status: 503,
        unavailable: true,
        message: /^f: down/,
      }],
      ["no answer", () => Promise.reject(new TypeError("connection refused")), {
        status: 0,
        unavailable: true,
        message: /connection refused/,
      }],
    ];
  for (const [name, fetchImpl, expected] of table) {
    const db = createDb("http://db.test", "k".repeat(40), fetchImpl);
    const call = db.rpc("f", {}, z.number());
    if ("data" in expected) {
      assert.equal(await call, expected.data, name);
      continue;
    }
    await assert.rejects(call, (e) => {
      assert.ok(e instanceof DbError, name);
      assert.deepEqual([e.fn, e.status, e.unavailable], ["f", expected.status, expected.unavailable], name);
      assert.match(e.message, expected.message, name);
      return true;
    });
  }
});

Deno.test("rpc: a call with a deadline gives up as unavailable", async () => {
  // Answers only when aborted, like a server that never replies.
  const hang: typeof fetch = (_input, init) =>
    new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
  const db = createDb("http://db.test", "k".repeat(40), hang);
  const started = Date.now();
  await assert.rejects(db.rpc("f", {}, z.number(), { timeoutMs: 50 }), (e) => e instanceof DbError && e.unavailable);
  assert.ok(Date.now() - started < 2_000);
});
