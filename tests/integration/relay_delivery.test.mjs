// The relay against the fake Bot API, a real Redis and a real Postgres (its own, see tests/lib/relay_harness.mjs):
// every row delivered exactly once, Telegram's limits held (measured at the fake), 429, backoff, permanent
// errors, the DM fallback, edits, health and metrics (the bot-wide gauges exported once, seen by a real
// Prometheus). Limits run 10× faster than real time (same ratios).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { deliveries, openRows, queue, rates, statuses } from "../lib/relay_checks.mjs";
import { startWorld, waitFor } from "../lib/relay_harness.mjs";
import { DASHBOARD_METRICS, startPrometheus } from "../lib/vds.mjs";

let world, sql;
before(async () => ((world = await startWorld()), (sql = world.sql)));
after(() => world?.stop());
beforeEach(() => world.reset());

const drained = (timeoutMs = 30_000) =>
  waitFor("the outbox to drain", async () => (await openRows(sql)) === 0, timeoutMs);
const calls = () => world.fake.calls();
const callsTo = (chat) => calls().filter((c) => String(c.params.chat_id) === String(chat));

test("two relays deliver every row exactly once, per-chat order kept, within every limit", async (t) => {
  const rows = [
    ...Array.from({ length: 150 }, (_, i) => ({ key: `dm${i}`, chat: 810_000 + i })),
    ...Array.from({ length: 30 }, (_, i) => ({ key: `group${i}`, chat: -1001000000001, kind: "survey" })),
    ...Array.from({ length: 8 }, (_, i) => ({ key: `one${i}`, chat: 700002, kind: "escalation" })),
  ];
  await Promise.all([world.relay(), world.relay()]);
  await queue(sql, rows);
  await drained();

  const sent = deliveries(calls());
  const st = await statuses(sql, rows.map((r) => r.key));
  // The relay's guarantee: exactly once, except that a private message whose send timed out (in doubt) is sent
  // again — a duplicate for staff beats a lost alert. A machine busy enough to stall the fake can cause that.
  const resentInDoubt = (r) =>
    r.chat > 0 && sent.get(r.key)?.length === 2 && /^timeout/.test(st.get(r.key).last_error ?? "");
  assert.deepEqual(
    rows.filter((r) => sent.get(r.key)?.length !== 1 && !resentInDoubt(r))
      .map((r) => [r.key, sent.get(r.key)?.length ?? 0, st.get(r.key).status, st.get(r.key).last_error]),
    [],
    "each row delivered once",
  );
  for (const r of rows) {
    assert.equal(st.get(r.key).status, "sent");
    assert.equal(
      Number(st.get(r.key).telegram_message_id),
      sent.get(r.key).at(-1).result.message_id,
      "message id recorded",
    );
  }
  for (const chat of [700002, -1001000000001]) {
    assert.deepEqual(
      [...new Set(callsTo(chat).map((c) => c.params.text))],
      rows.filter((r) => r.chat === chat).map((r) => `m:${r.key}`),
      `chat ${chat}: messages arrive in the order they were queued`,
    );
  }
  const seen = rates(calls(), 10);
  const gaps = callsTo(700002).slice(1).map((c, i) => c.at - callsTo(700002)[i].at);
  t.diagnostic(
    `highest counts per window (10× time): ${JSON.stringify(seen)}; one chat's gaps ${Math.min(...gaps)}–${
      Math.max(...gaps)
    } ms`,
  );
  assert.ok(seen.botPerSecond <= 30, `≤ 30/s per bot, saw ${seen.botPerSecond}`);
  assert.ok(seen.groupPerMinute <= 20, `≤ 20/min per group, saw ${seen.groupPerMinute}`);
  assert.equal(seen.chatPerSecond, 1, "≤ 1/s per chat");
  const logged =
    await sql`select count(*)::int as n from public.messages where chat_id = -1001000000001 and direction = 'out'`;
  assert.equal(logged[0].n, 30, "group messages join the message log as outgoing");
});

test("at full load the bot-wide limit holds and is used (two relays, 3× time)", async (t) => {
  await Promise.all([world.relay({ RELAY_TIME_SCALE: "3" }), world.relay({ RELAY_TIME_SCALE: "3" })]);
  const rows = Array.from({ length: 270 }, (_, i) => ({ key: `load${i}`, chat: 870_000 + i }));
  const started = Date.now();
  await queue(sql, rows);
  await drained();
  const seconds = (Date.now() - started) / 1000, seen = rates(calls(), 3);
  t.diagnostic(
    `270 rows in ${seconds.toFixed(2)} s = ${
      (270 / seconds / 3).toFixed(1)
    }/s in real-time terms; highest count per window ${seen.botPerSecond}`,
  );
  assert.ok(seen.botPerSecond <= 30, `≤ 30/s per bot, saw ${seen.botPerSecond}`);
  // The guard widens each window (1000 / 3 ms) by 100 ms: at most 30 × 333 / 433 ≈ 23 fit in one.
  assert.ok(seen.botPerSecond >= 21, `the limit is used, saw at most ${seen.botPerSecond} per window`);
  assert.equal(deliveries(calls()).size, 270);
});

test("a 429 pauses that chat for retry_after on every instance, others keep going", async () => {
  await world.fake.control("/_faults", [{ chat_id: 820_001, status: 429, retry_after: 1, times: 1 }]);
  const relays = await Promise.all([world.relay(), world.relay()]);
  await queue(sql, [{ key: "a", chat: 820_001 }, { key: "b", chat: 820_001 }, { key: "c", chat: 820_002 }]);
  await drained();
  const [limited, ...rest] = callsTo(820_001);
  assert.equal(limited.fault, 429);
  assert.ok(rest.every((c) => c.at - limited.at >= 1000), "no call to the chat before retry_after passed");
  assert.ok(callsTo(820_002)[0].at < limited.at + 1000, "another chat is not held back");
  assert.deepEqual(rest.map((c) => c.params.text), ["m:a", "m:b"], "the paused message goes first when the pause ends");
  assert.equal((await statuses(sql, ["a"])).get("a").status, "sent");
  const counted = await Promise.all(
    relays.map(async (r) => Number(/^buhbot_relay_telegram_429_total (\d+)/m.exec(await r.metrics())[1])),
  );
  assert.equal(counted[0] + counted[1], 1, "buhbot_relay_telegram_429_total counts it once");
});

test("5xx and timeouts retry with growing backoff, then fail with the reason and admins are told", async () => {
  await world.fake.control("/_faults", [{ chat_id: 830_001, status: 500, times: 10 }, {
    chat_id: 830_002,
    status: "timeout",
    times: 1,
  }]);
  // Backoff 150, 300, 600 ms (±20 %): longer than the chat's own window, so the growth is visible.
  await world.relay({ RELAY_BACKOFF_BASE_MS: "150", RELAY_BACKOFF_MAX_MS: "2000" });
  await queue(sql, [{ key: "down", chat: 830_001 }, { key: "slow", chat: 830_002 }]);
  await drained();
  const tries = callsTo(830_001);
  assert.equal(tries.length, 4, "RELAY_MAX_ATTEMPTS calls");
  const gaps = tries.slice(1).map((c, i) => c.at - tries[i].at);
  assert.ok(gaps[2] > gaps[0], `backoff grows: ${gaps.join(", ")} ms`);
  const st = await statuses(sql, ["down", "slow"]);
  assert.equal(st.get("down").status, "failed");
  assert.match(st.get("down").last_error, /^500 Internal Server Error \(gave up after 4 attempts\)$/);
  assert.equal(st.get("slow").status, "sent", "a staff message is resent after a timeout");
  const notice = callsTo(700001).find((c) => c.result);
  assert.match(notice.params.text, /не смог доставить.*830001.*500 Internal Server Error/s, "the admin got the reason");
});

test("permanent errors fail at once with the reason; an unreachable accountant's alert goes to the managers", async () => {
  await world.fake.control("/_faults", [
    { chat_id: -1001000000002, status: 403, description: "Forbidden: bot was kicked from the supergroup chat" },
    { chat_id: 840_001, status: 400, description: "Bad Request: chat not found" },
    { chat_id: 700003, status: 403, description: "Forbidden: bot can't initiate conversation with a user" },
  ]);
  await world.relay();
  await queue(sql, [{ key: "kicked", chat: -1001000000002, kind: "survey" }, {
    key: "nochat",
    chat: 840_001,
    kind: "survey",
  }, { key: "blocked", chat: 700003, kind: "breach", about: -1001000000001 }]);
  await drained();
  const st = await statuses(sql, ["kicked", "nochat", "blocked"]);
  assert.deepEqual([...st.values()].map((r) => [r.dedup_key, r.status, r.attempts]).sort(), [["blocked", "failed", 1], [
    "kicked",
    "failed",
    1,
  ], ["nochat", "failed", 1]], "one call each, then failed");
  assert.match(st.get("kicked").last_error, /^403 Forbidden: bot was kicked/);
  const copy = callsTo(700002).find((c) => c.result);
  assert.match(
    copy.params.text,
    /Не удалось доставить сообщение сотруднику <b>Ольга Бухгалтер<\/b>.*m:blocked/s,
    "the chat's manager got the alert with the reason",
  );
  const notices = callsTo(700001).map((c) => c.params.text).join("\n");
  assert.equal(callsTo(700001).length, 2, "admins are told about the two other failures");
  assert.ok(
    notices.includes("840001") && notices.includes("-1001000000002") && !notices.includes("700003"),
    "but not about the alert the managers received instead",
  );
});

test("a group upgraded to a supergroup: the chat moves and the message goes to the new id", async () => {
  await world.fake.control("/_faults", [{
    chat_id: -1001000000003,
    status: 400,
    migrate_to_chat_id: -1001000000033,
    description: "Bad Request: group chat was upgraded to a supergroup chat",
    times: 1,
  }]);
  await world.relay();
  await queue(sql, [{ key: "upgraded", chat: -1001000000003, kind: "survey" }]);
  await drained();
  const row = (await statuses(sql, ["upgraded"])).get("upgraded");
  assert.equal(row.status, "sent");
  assert.equal(callsTo(-1001000000033).filter((c) => c.result).length, 1, "sent once to the supergroup");
  const chats = await sql`select id from public.chats where id in (-1001000000003, -1001000000033)`;
  assert.deepEqual(chats.map((c) => Number(c.id)), [-1001000000033], "the chat moved with it");
});

test("a client-group message whose send timed out is never resent: failed as in doubt", async () => {
  await world.fake.control("/_faults", [{ chat_id: -1001000000001, status: "timeout", times: 1 }]);
  await world.relay();
  await queue(sql, [{ key: "survey", chat: -1001000000001, kind: "survey" }]);
  await drained();
  assert.equal(callsTo(-1001000000001).length, 1);
  const row = (await statuses(sql, ["survey"])).get("survey");
  assert.equal(row.status, "failed");
  assert.match(row.last_error, /^in doubt: timeout.*never resent/);
});

test("edits use the original's message id; an edit of an undelivered message is cancelled", async () => {
  await world.fake.control("/_faults", [{ chat_id: 850_002, status: 403 }]);
  await world.relay();
  await queue(sql, [{ key: "orig", chat: 850_001 }, { key: "lost", chat: 850_002, kind: "survey" }]);
  await drained();
  const [orig, lost] = ["orig", "lost"].map((k) =>
    sql`select id, telegram_message_id from public.outbox where dedup_key = ${k}`
  );
  const [[o], [l]] = await Promise.all([orig, lost]);
  await sql`insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key) values
    ('alert_update', 850001, 'editMessageText', '{"text":"m:edit1"}', ${o.id}, 'edit1'),
    ('alert_update', 850002, 'editMessageText', '{"text":"m:edit2"}', ${l.id}, 'edit2')`;
  await drained();
  const edit = calls().find((c) => c.method === "editMessageText");
  assert.equal(edit.params.message_id, Number(o.telegram_message_id));
  const st = await statuses(sql, ["edit1", "edit2"]);
  assert.equal(st.get("edit1").status, "sent");
  assert.equal(st.get("edit2").status, "cancelled");
  assert.match(st.get("edit2").last_error, /was not sent \(failed\)/);
});

test("a claimed row the relay cannot read fails for good; the rest of the batch is delivered", async () => {
  // An edit of a message whose Telegram id was never recorded: it parses as a row but cannot be sent.
  const [orig] = await sql`insert into public.outbox (kind, chat_id, payload, dedup_key, status, sent_at)
    values ('alert', 870001, '{"text":"m:gone"}', 'gone', 'sent', now()) returning id`;
  await sql`insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key)
    values ('alert_update', 870001, 'editMessageText', '{"text":"m:bad"}', ${orig.id}, 'bad')`;
  await queue(sql, [{ key: "fine1", chat: 870002 }, { key: "fine2", chat: 870003 }]);
  await world.relay();
  await drained();
  const st = await statuses(sql, ["bad", "fine1", "fine2"]);
  assert.equal(st.get("bad").status, "failed");
  assert.match(st.get("bad").last_error, /^malformed outbox row: edit_message_id /);
  assert.deepEqual(["fine1", "fine2"].map((k) => st.get(k).status), ["sent", "sent"]);
  assert.deepEqual(callsTo(870001), [], "nothing was sent for the unreadable row");
});

test("/health and /metrics: every metric the dashboards use, 503 when the database is unreachable", async () => {
  const relay = await world.relay();
  const ok = await waitFor("health ok", async () => ((await relay.health()).status === "ok" ? relay.health() : null));
  assert.equal(ok.http, 200);
  const text = await relay.metrics();
  for (const name of DASHBOARD_METRICS) {
    assert.match(text, new RegExp(`^# TYPE ${name.replace(/_(bucket|sum|count)$/, "")} `, "m"), `${name} declared`);
  }
  world.rest.gate.down = true;
  try {
    const down = await waitFor(
      "health down",
      async () => ((await relay.health()).status === "down" ? relay.health() : null),
    );
    assert.equal(down.http, 503);
    assert.equal(down.components.database.up, false);
  } finally {
    world.rest.gate.down = false;
  }
});

test("two relays: the bot-wide gauges are exported by one, so a real Prometheus counts each series once", async () => {
  const relays = await Promise.all([world.relay(), world.relay()]);
  // Which instance holds the metrics lease is decided by its first scrape: scrape both, then compare.
  const texts = await Promise.all(relays.map((r) => r.metrics()));
  const families = (text) => new Set(text.match(/^# TYPE \w+/gm).map((l) => l.slice(7)));
  const exporters = texts.map((t) => /^buhbot_relay_metrics_exporter 1$/m.test(t));
  assert.deepEqual(exporters.filter(Boolean).length, 1, `exporter flags ${exporters}`);
  const [own, other] = exporters[0] ? texts : [...texts].reverse();
  const botWide = [...families(own)].filter((f) => !families(other).has(f));
  assert.ok(botWide.includes("buhbot_outbox_depth") && botWide.includes("buhbot_sla_open_requests"), `${botWide}`);

  const prom = await startPrometheus({ relay: relays.map((r) => new URL(r.url).host) });
  const { query } = prom;
  try {
    await waitFor("Prometheus scraping both relays", async () => (await query('sum(up{job="relay"})'))[0] === 2);
    assert.deepEqual(await query("sum(buhbot_relay_metrics_exporter)"), [1]);
    for (const family of ["buhbot_outbox_depth", "buhbot_sla_open_requests", "buhbot_sla_compliance_ratio"]) {
      const series = own.split("\n").filter((l) => l.startsWith(`${family}{`) || l.startsWith(`${family} `)).length;
      assert.deepEqual(await query(`count(${family})`), [series], `${family}: series from one relay only`);
    }
  } finally {
    await prom.stop();
  }
});

test("SIGTERM: in-flight sends finish and are recorded, queued rows are released", async () => {
  await world.fake.control("/_latency", { ms: 150 });
  const relay = await world.relay({ RELAY_BATCH: "40" });
  await queue(sql, Array.from({ length: 120 }, (_, i) => ({ key: `t${i}`, chat: 860_000 + i })));
  await waitFor("sends under way", () => calls().length > 10);
  const { code } = await relay.stop();
  assert.equal(code, 0);
  const left = await sql`select status, claimed_by from public.outbox where dedup_key like 't%' and status <> 'sent'`;
  assert.ok(left.length > 0, "the relay stopped before the end");
  assert.deepEqual(
    left.filter((r) => r.status !== "pending" || r.claimed_by !== null),
    [],
    "nothing left sending or claimed",
  );
  assert.equal(deliveries(calls()).size, 120 - left.length, "every delivered row is recorded as sent");
});
