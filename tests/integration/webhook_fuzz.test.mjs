// 1,000 generated odd updates (tests/lib/fuzz.mjs, seeded), delivered and then all delivered again,
// shuffled and concurrently: never a 5xx, every update with a usable id recorded exactly once, no failure
// other than "invalid update", and the second delivery changes nothing.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { BOT_ID, client, eventually, fake, messageUpdate, newChat, nextId, post, rows, sql } from "../lib/webhook.mjs";
import { oddUpdate, rng } from "../lib/fuzz.mjs";

after(() => sql.end());
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

async function deliverAll(bodies, concurrency) {
  const statuses = [];
  for (let i = 0; i < bodies.length; i += concurrency) {
    statuses.push(...(await Promise.all(bodies.slice(i, i + concurrency).map((b) => post(b)))).map((r) => r.status));
  }
  return statuses;
}

/** The counts once the work that follows the answers (replies, DMs, outcomes) has stopped changing them. */
async function settled(chatIds, updateIds, since) {
  let previous = await snapshot(chatIds, updateIds, since);
  for (;;) {
    await new Promise((r) => setTimeout(r, 400));
    const current = await snapshot(chatIds, updateIds, since);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
}

async function snapshot(chatIds, updateIds, since) {
  const [counts] = await sql`select
    (select count(*)::int from public.telegram_updates where update_id = any(${updateIds})) as updates,
    (select count(*)::int from public.messages where chat_id = any(${chatIds})) as messages,
    (select count(*)::int from public.requests where chat_id = any(${chatIds})) as requests,
    (select count(*)::int from public.outbox where created_at >= ${since}) as outbox,
    (select count(*)::int from public.chat_invitations where created_at >= ${since}) as invitations`;
  return counts;
}

test(`1,000 odd updates: no 5xx, each recorded once, a second delivery has no effect (seed ${SEED})`, async (t) => {
  await fake.reset();
  const since = new Date();
  const made = await Promise.all([newChat(), newChat(), newChat({ sla: false })]);
  const chats = made.map((c) => c.chat), chatIds = made.map((c) => c.id);
  const people = [...made.flatMap((c) => [c.accountant, c.manager]), client(), client(), client()];
  const r = rng(SEED);
  const updates = Array.from({ length: 1_000 }, () => oddUpdate(r, { nextId, chats, people, botId: BOT_ID }));
  // Some ids arrive again with different content: the first delivery wins, the rest are ignored.
  for (let i = 0; i < 30; i++) {
    const [a, b] = [updates[r.int(1000)], updates[r.int(1000)]];
    if (typeof a === "object" && typeof b === "object" && Number.isSafeInteger(a.update_id)) b.update_id = a.update_id;
  }
  const ids = [
    ...new Set(
      updates.filter((u) => typeof u === "object" && Number.isSafeInteger(u.update_id) && u.update_id >= 0).map((u) =>
        u.update_id
      ),
    ),
  ];

  const first = await deliverAll(updates, 16);
  assert.deepEqual(first.filter((s) => s !== 200), [], "every odd update is answered 200");
  await eventually(async () =>
    (await sql`select count(*)::int as n from public.telegram_updates
      where update_id = any(${ids}) and status = 'processing'`)[0].n === 0, "every update to be finished");
  const before = await settled(chatIds, ids, since);
  assert.equal(before.updates, ids.length, "every update with a usable id is recorded exactly once");

  const failures =
    await sql`select update_type, error from public.telegram_updates where update_id = any(${ids}) and status = 'failed'`;
  const crashes = failures.filter((f) => !f.error.startsWith("invalid update:"));
  assert.deepEqual(crashes, [], "no handler failed");
  t.diagnostic(
    `${ids.length} update ids: ${ids.length - failures.length} done, ${failures.length} invalid; ` +
      `${before.messages} messages, ${before.requests} requests, ${before.outbox} outbox rows`,
  );

  const again = [...updates].sort(() => r.next() - 0.5);
  assert.deepEqual((await deliverAll(again, 32)).filter((s) => s !== 200), [], "redeliveries are answered 200 too");
  assert.deepEqual(await settled(chatIds, ids, since), before, "the second delivery changed nothing");

  const normal = messageUpdate({ chat: chats[0], from: client(), text: "Где мой счёт?" });
  assert.equal((await post(normal)).status, 200, "the webhook still works");
  assert.equal((await rows.update(normal.update_id)).update_type, "message");
});
