// Relay benchmark: how close to Telegram's limits the relay drains the outbox, against the fake Bot API,
// a real Redis and its own Postgres (tests/lib/relay_harness.mjs).
//   1. 10,000 rows to 10,000 private chats: target ≤ 1.15× the time the 30 msg/s bot limit allows.
//   2. 1,000 rows to one group: never more than 20 per minute.
// The first runs in real time (BENCH_RELAY_SCALE=1, about 6 minutes; 3 runs it 3× faster, but then the
// fixed jitter guard costs 3× as much of each window). The second runs 15× faster (BENCH_RELAY_GROUP_SCALE:
// a minute lasts 4 s, about 3.5 minutes); much faster, the guard added to the per-chat window (1 s / scale)
// would make the chat limit, not the group's, the one that binds. BENCH_RELAY_GUARD_MS: the relay's jitter
// guard (default 100, as in production). BENCH_RELAY_ROWS / BENCH_RELAY_GROUP_ROWS=0 skips a case.
// Writes tests/results/bench-relay.json and prints a table.
import { writeReport } from "../lib/bench.mjs";
import { deliveries, openRows, queue, rates } from "../lib/relay_checks.mjs";
import { startWorld, waitFor } from "../lib/relay_harness.mjs";

const N_CHATS = Number(process.env.BENCH_RELAY_ROWS ?? 10_000),
  N_GROUP = Number(process.env.BENCH_RELAY_GROUP_ROWS ?? 1_000);
const SCALE = Number(process.env.BENCH_RELAY_SCALE ?? 1),
  GROUP_SCALE = Number(process.env.BENCH_RELAY_GROUP_SCALE ?? 15);
const GUARD = process.env.BENCH_RELAY_GUARD_MS ?? "100";

async function drain(world, name, rows, scale, limit) {
  await world.reset();
  await world.relay({
    RELAY_TIME_SCALE: String(scale),
    RELAY_LIMIT_GUARD_MS: GUARD,
    RELAY_BATCH: "100",
    RELAY_LEASE_SECONDS: "10",
  });
  await queue(world.sql, rows);
  const queued = Date.now();
  await waitFor(name, async () => (await openRows(world.sql)) === 0, 3_600_000, 250);
  const calls = world.fake.calls().filter((c) => c.method === "sendMessage");
  const sent = deliveries(calls);
  const seconds = (calls.at(-1).at - queued) / 1000;
  const ideal = limit.ideal(rows.length) / scale;
  return {
    case: name,
    rows: rows.length,
    time_scale: scale,
    guard_ms: Number(GUARD),
    seconds: +seconds.toFixed(2),
    real_time_equivalent_seconds: +(seconds * scale).toFixed(1),
    ideal_real_time_seconds: +(ideal * scale).toFixed(1),
    ratio_to_limit: +(seconds / ideal).toFixed(3),
    max_in_any_window: rates(calls, scale)[limit.key],
    limit: limit.max,
    window: limit.window,
    delivered_once: [...sent.values()].filter((c) => c.length === 1).length,
    duplicates: [...sent.values()].filter((c) => c.length > 1).length,
  };
}

const world = await startWorld();
const results = [];
try {
  if (N_CHATS) {
    results.push(
      await drain(
        world,
        `${N_CHATS} rows to ${N_CHATS} chats`,
        Array.from({ length: N_CHATS }, (_, i) => ({ key: `c${i}`, chat: 900_000 + i })),
        SCALE,
        { key: "botPerSecond", max: 30, window: "1 s", ideal: (n) => n / 30 },
      ),
    );
  }
  if (N_GROUP) {
    results.push(
      await drain(
        world,
        `${N_GROUP} rows to one group`,
        Array.from({ length: N_GROUP }, (_, i) => ({ key: `g${i}`, chat: -1001000000001, kind: "survey" })),
        GROUP_SCALE,
        // Sliding 20/min: the first 20 go at once, then 20 per minute.
        {
          key: "groupPerMinute",
          max: 20,
          window: "1 min",
          ideal: (n) => Math.max(0, Math.ceil(n / 20) - 1) * 60,
        },
      ),
    );
  }
} finally {
  await world.stop();
}

writeReport("relay", { at: new Date().toISOString(), results });
console.log("\nrelay benchmark (time scaled; limits in real-time terms)");
console.log(
  "| case | rows | scale | drain (s) | real-time equiv. (s) | ideal at limit (s) | ratio | max per window | limit | duplicates |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.case} | ${r.rows} | ${r.time_scale}× | ${r.seconds} | ${r.real_time_equivalent_seconds} | ` +
      `${r.ideal_real_time_seconds} | ${r.ratio_to_limit} | ${r.max_in_any_window} | ${r.limit}/${r.window} | ${r.duplicates} |`,
  );
}
const ok = results.every((r) => r.max_in_any_window <= r.limit && r.duplicates === 0 && r.delivered_once === r.rows);
if (!ok) process.exitCode = 1;
