import assert from "node:assert/strict";
import { classify, networkFailure } from "./telegram.ts";

// What each Bot API answer means for the row: the table the relay's retry policy rests on.
Deno.test("telegram: answers classified", () => {
  const table: [number, Record<string, unknown>, string, Record<string, unknown>][] = [
    [200, { ok: true, result: { message_id: 7 } }, "sent", { result: { message_id: 7 } }],
    [
      429,
      { ok: false, error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } },
      "rate_limited",
      { retryAfterMs: 5000 },
    ],
    [500, { ok: false, error_code: 500, description: "Internal Server Error" }, "transient", { inDoubt: false }],
    [502, { ok: false, error_code: 502, description: "Bad Gateway" }, "transient", { inDoubt: false }],
    [401, { ok: false, error_code: 401, description: "Unauthorized" }, "transient", { inDoubt: false }],
    [403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "permanent", {
      error: "403 Forbidden: bot was blocked by the user",
    }],
    [
      403,
      { ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" },
      "permanent",
      {},
    ],
    [400, { ok: false, error_code: 400, description: "Bad Request: chat not found" }, "permanent", {
      error: "400 Bad Request: chat not found",
    }],
    [
      400,
      {
        ok: false,
        error_code: 400,
        description: "Bad Request: message is not modified: specified new message content",
      },
      "sent",
      { result: true },
    ],
    [400, { ok: false, error_code: 400, description: "Bad Request: message to edit not found" }, "permanent", {}],
    [
      400,
      {
        ok: false,
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: -1001234 },
      },
      "migrated",
      { newChatId: -1001234 },
    ],
  ];
  for (const [status, answer, type, fields] of table) {
    const outcome = classify(status, answer as never);
    assert.equal(outcome.type, type, JSON.stringify(answer));
    for (const [k, v] of Object.entries(fields)) {
      assert.deepEqual((outcome as Record<string, unknown>)[k], v, `${k} of ${JSON.stringify(answer)}`);
    }
  }
});

// Whether a failed request may have reached Telegram, from what Deno's fetch really throws.
Deno.test("telegram: a refused or unresolvable connection is never in doubt; a cut one is", async () => {
  const refused = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = refused.addr.port;
  refused.close();
  const cut = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  (async () => {
    for await (const conn of cut) await conn.read(new Uint8Array(16)).finally(() => conn.close());
  })();
  const table: [string, boolean][] = [
    [`http://127.0.0.1:${closedPort}/bot1:x/sendMessage`, false],
    ["http://no-such-host.invalid/bot1:x/sendMessage", false],
    [`http://127.0.0.1:${cut.addr.port}/bot1:x/sendMessage`, true],
  ];
  try {
    for (const [url, inDoubt] of table) {
      const error = await fetch(url, { method: "POST", body: "{}" }).then(() => null, (e) => e);
      const outcome = networkFailure(error, 1000);
      assert.equal(outcome.type, "transient", url);
      assert.equal((outcome as { inDoubt: boolean }).inDoubt, inDoubt, `${url}: ${JSON.stringify(outcome)}`);
    }
  } finally {
    cut.close();
  }
});
