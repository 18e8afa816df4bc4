// The relay's guarantee when things break (see vds/relay/deliver.ts): kill -9 mid-batch, a relay frozen
// past its lease, Redis killed under load. Every row must end sent or failed with a reason; a row may be
// delivered twice only if it was in doubt and is a staff message (never a client group's).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { deliveries, openRows, queue, rates, statuses } from "../lib/relay_checks.mjs";
import { sleep, startWorld, waitFor } from "../lib/relay_harness.mjs";

let world, sql;
before(async () => ((world = await startWorld()), (sql = world.sql)));
after(() => world?.stop());
beforeEach(() => world.reset());

const drained = (timeoutMs = 60_000) =>
  waitFor("the outbox to drain", async () => (await openRows(sql)) === 0, timeoutMs);

// Half staff DMs, half client groups (each its own group), all distinct chats.
const mixed = (prefix, n) =>
  Array.from(
    { length: n },
    (_, i) =>
      i % 2
        ? { key: `${prefix}${i}`, chat: 880_000 + i, kind: "escalation" }
        : { key: `${prefix}${i}`, chat: -1002000000000 - i, kind: "survey" },
  );

/** Checks the guarantee row by row and returns the counts worth reporting. */
async function verdict(rows) {
  const st = await statuses(sql, rows.map((r) => r.key));
  const sent = deliveries(world.fake.calls());
  const count = { sent: 0, failed: 0, inDoubt: 0, duplicates: 0, duplicatesClient: 0 };
  for (const r of rows) {
    const row = st.get(r.key), n = sent.get(r.key)?.length ?? 0, inDoubt = /in doubt/.test(row.last_error ?? "");
    count[row.status] = (count[row.status] ?? 0) + 1;
    if (inDoubt) count.inDoubt++;
    if (n > 1) row.to_client_group ? count.duplicatesClient++ : count.duplicates++;
    assert.ok(["sent", "failed"].includes(row.status), `${r.key} ended ${row.status}`);
    if (row.status === "sent") assert.ok(n >= 1, `${r.key} recorded as sent but never delivered`);
    if (row.status === "failed") assert.ok(row.last_error, `${r.key} failed without a reason`);
    if (row.status === "failed") {
      assert.ok(row.to_client_group && inDoubt, `${r.key}: only in-doubt client rows fail here`);
    }
    if (n > 1) {
      assert.ok(!row.to_client_group && inDoubt, `${r.key} delivered ${n}× without being an in-doubt staff row`);
    }
  }
  return count;
}

test("kill -9 mid-batch, six times: nothing lost, duplicates only among in-doubt staff rows", async (t) => {
  await world.fake.control("/_latency", { ms: 40 }); // requests are in flight when the relay dies
  const rows = mixed("k", 400);
  await queue(sql, rows);
  let relay = await world.relay();
  for (let round = 0; round < 6; round++) {
    await sleep(250 + Math.random() * 400);
    relay.kill("SIGKILL");
    await relay.exited;
    relay = await world.relay();
  }
  await drained();
  const count = await verdict(rows);
  t.diagnostic(`kill -9 ×6 over 400 rows: ${JSON.stringify(count)}`);
  assert.equal(count.duplicatesClient, 0);
  assert.ok(count.inDoubt > 0, "the kills really hit rows in the middle of a send");
});

test("a relay frozen past its lease: another relay takes over, the frozen one sends nothing it lost", async (t) => {
  await world.fake.control("/_latency", { ms: 30 });
  const rows = mixed("f", 120);
  await queue(sql, rows);
  const frozen = await world.relay();
  await waitFor("sends under way", () => world.fake.calls().length > 10);
  frozen.kill("SIGSTOP");
  const other = await world.relay();
  await sleep(4_500); // past the 4 s lease
  frozen.kill("SIGCONT");
  await drained();
  const count = await verdict(rows);
  t.diagnostic(`frozen relay over 120 rows: ${JSON.stringify(count)}`);
  assert.ok((await other.health()).status !== "down");
});

test("Redis killed under load: health degraded, no sends without the limiter, resumes by itself", async (t) => {
  const rows = Array.from({ length: 300 }, (_, i) => ({ key: `r${i}`, chat: 890_000 + i }));
  const relay = await world.relay({ RELAY_TIME_SCALE: "2" });
  await waitFor("health ok", async () => (await relay.health()).status === "ok");
  await queue(sql, rows);
  await waitFor("sends under way", () => world.fake.calls().length > 40);
  await world.redis.kill();
  const degraded = await waitFor("health degraded", async () => {
    const h = await relay.health();
    return h.status === "degraded" && h;
  }, 10_000);
  assert.equal(degraded.http, 200);
  assert.equal(degraded.components.redis.up, false);
  assert.match(await relay.metrics(), /^buhbot_relay_component_up\{component="redis"\} 0$/m);
  await sleep(300);
  const whileDown = world.fake.calls().length;
  await sleep(1_500);
  assert.equal(world.fake.calls().length, whileDown, "nothing is sent while the limiter is away");
  await world.redis.start();
  await waitFor("health ok again", async () => (await relay.health()).status === "ok", 15_000);
  await drained();
  const sent = deliveries(world.fake.calls());
  assert.deepEqual(rows.filter((r) => sent.get(r.key)?.length !== 1).map((r) => r.key), [], "each row delivered once");
  const seen = rates(world.fake.calls(), 2);
  t.diagnostic(`Redis restart: highest count per window ${JSON.stringify(seen)}`);
  assert.ok(seen.botPerSecond <= 30 && seen.chatPerSecond <= 1);
  assert.equal(
    [...(await statuses(sql, rows.map((r) => r.key))).values()].filter((r) => r.status !== "sent").length,
    0,
  );
});
