// Telegram unreachable (the fake Bot API stopped: every connection refused): nothing can have been
// delivered, so client-group messages are retried like any other, past the attempt limit, and each is
// sent exactly once when Telegram is back. "In doubt" stays for requests that may have reached it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deliveries, openRows, queue, statuses } from "../lib/relay_checks.mjs";
import { startWorld, waitFor } from "../lib/relay_harness.mjs";

let world;
before(async () => (world = await startWorld()));
after(() => world?.stop());

test("refused connections: group messages wait and are sent once after Telegram is back", async (t) => {
  await world.reset();
  const port = Number(new URL(world.fake.url).port);
  world.fake.server.close();
  world.fake.server.closeAllConnections();
  const rows = Array.from({ length: 20 }, (_, i) => ({ key: `u${i}`, chat: -1003000000000 - i, kind: "survey" }));
  await queue(world.sql, rows);
  await world.relay(); // RELAY_MAX_ATTEMPTS 4
  await waitFor(
    "every row retried past the attempt limit",
    async () => {
      const st = [...(await statuses(world.sql, rows.map((r) => r.key))).values()];
      return st.every((r) => r.attempts > 4);
    },
    60_000,
    200,
  );
  const down = [...(await statuses(world.sql, rows.map((r) => r.key))).values()];
  assert.deepEqual(down.filter((r) => r.status === "failed").map((r) => r.last_error), [], "nothing failed for good");
  assert.ok(down.every((r) => /refused/i.test(r.last_error ?? "")), JSON.stringify(down[0]));
  world.fake.server.listen(port, "127.0.0.1");
  const backAt = Date.now();
  await waitFor("the outbox to drain", async () => (await openRows(world.sql)) === 0, 30_000);
  t.diagnostic(`Telegram back → 20 group messages sent in ${Date.now() - backAt} ms`);
  const sent = deliveries(world.fake.calls());
  assert.deepEqual(rows.filter((r) => sent.get(r.key)?.length !== 1).map((r) => r.key), [], "each sent exactly once");
  const after = [...(await statuses(world.sql, rows.map((r) => r.key))).values()];
  assert.deepEqual(after.filter((r) => r.status !== "sent").map((r) => r.status), []);
  assert.ok(after.every((r) => r.to_client_group));
});
