// sla.tick run by two database connections at the same instant, concurrently (pg_cron overlapping a
// manual run, or two schedulers): every warning, breach and escalation is written exactly once.
// The scenario lives in the year 2100 (Mon 2100-01-04, Europe/Moscow office hours) so the real pg_cron
// tick of the running stack never finds it due; everything it creates is deleted afterwards. The tick is
// global, so requests other suites left open are due at such a p_now too: every count below is taken on
// this file's own chats.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { DB_URL } from "../lib/stack.mjs";

const CHATS = Array.from({ length: 60 }, (_, i) => -1007770000000 - i);
const RECEIVED = "2100-01-04T07:00:00Z"; // Mon 10:00 MSK: warning 10:48, breach after 11:00, repeats every 30 min
const ACCOUNTANT = 877001, MANAGER = 877002;
const connect = () => postgres(DB_URL, { max: 1, onnotice: () => {} });
const a = connect(), b = connect();

const outboxOfChats = (sql) =>
  sql`
  select o.kind, o.chat_id, o.dedup_key from public.outbox o
  join public.alert_deliveries d on d.outbox_id = o.id where d.chat_id = any(${CHATS})`;

async function cleanup() {
  await a`delete from public.outbox o using public.alert_deliveries d where d.outbox_id = o.id and d.chat_id = any(${CHATS})`;
  await a`delete from public.chats where id = any(${CHATS})`;
}

// Both connections tick at the same p_now in their own transactions. With holdMs, the first keeps its
// transaction open that long after ticking and the second ticks meanwhile, so they certainly overlap.
// Returns what the ticks decided for this file's chats, counted from the SLA timeline.
async function tickTwice(t, at, holdMs = 0) {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const run = (sql, before, after) =>
    sql.begin(async (tx) => {
      await sleep(before);
      const [{ s }] = await tx`select sla.tick(${at}::timestamptz) as s`;
      await sleep(after);
      return s;
    });
  const decisions = async () =>
    (await a`
    select count(*) filter (where e.kind = 'warning')::int as warnings, count(*) filter (where e.kind = 'breach')::int as breaches,
           count(*) filter (where e.kind = 'escalation')::int as escalations
    from public.sla_events e where e.chat_id = any(${CHATS})`)[0];
  const before = await decisions();
  const [x, y] = await Promise.all([run(a, 0, holdMs), run(b, holdMs / 4, 0)]);
  t.diagnostic(`connection A ${JSON.stringify(x)}, connection B ${JSON.stringify(y)}`);
  const after = await decisions();
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}

before(async () => {
  await cleanup();
  for (const chat of CHATS) {
    await a`insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes)
            values (${chat}, 'tick concurrency', 'supergroup', true, 60)`;
    await a`insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary)
            values (${chat}, ${ACCOUNTANT}, 'accountant', true), (${chat}, ${MANAGER}, 'manager', false)`;
    await a`select public.record_message(${{
      chat_id: chat,
      message_id: 1,
      sender_telegram_id: 555001,
      kind: "text",
      text: "Когда?",
      sent_at: RECEIVED,
    }}::jsonb, ${RECEIVED}::timestamptz)`;
    await a`select public.classify_message(${chat}, 1, 'REQUEST', 'rules', ${RECEIVED}::timestamptz)`;
  }
});

after(async () => {
  await cleanup();
  await Promise.all([a.end(), b.end()]);
});

test("two concurrent ticks at warn_at write each warning once", async (t) => {
  assert.deepEqual(await tickTwice(t, "2100-01-04T07:48:00Z"), { warnings: CHATS.length, breaches: 0, escalations: 0 });
  const rows = await outboxOfChats(a);
  assert.equal(rows.length, CHATS.length, "one warning per request (accountant only)");
  assert.equal(new Set(rows.map((r) => r.dedup_key)).size, rows.length);
});

test("a tick while another one holds its transaction open raises each breach once, to manager and accountant", async (t) => {
  assert.deepEqual(await tickTwice(t, "2100-01-04T08:00:01Z", 400), { // the first tick after breach_at
    warnings: 0,
    breaches: CHATS.length,
    escalations: 0,
  });
  const [{ alerts, requests }] = await a`
    select count(*)::int as alerts, count(distinct request_id)::int as requests
    from public.alerts where chat_id = any(${CHATS}) and kind = 'breach'`;
  assert.deepEqual({ alerts, requests }, { alerts: CHATS.length, requests: CHATS.length });
  const breaches = (await outboxOfChats(a)).filter((r) => r.kind === "breach");
  assert.equal(breaches.length, 2 * CHATS.length);
  assert.deepEqual([...new Set(breaches.map((r) => Number(r.chat_id)))].sort(), [ACCOUNTANT, MANAGER]);
});

test("two concurrent ticks at the repeat instant escalate each alert once", async (t) => {
  assert.deepEqual(await tickTwice(t, "2100-01-04T08:30:00Z"), { warnings: 0, breaches: 0, escalations: CHATS.length });
  const [{ counts }] = await a`
    select array_agg(distinct escalation_count) as counts from public.alerts where chat_id = any(${CHATS}) and kind = 'breach'`;
  assert.deepEqual(counts, [1]);
  assert.equal((await outboxOfChats(a)).filter((r) => r.kind === "escalation").length, 2 * CHATS.length);
});

test("ticking again at the same instant adds nothing, and no row ever goes to a client group", async (t) => {
  assert.deepEqual(await tickTwice(t, "2100-01-04T08:30:00Z", 200), { warnings: 0, breaches: 0, escalations: 0 });
  const rows = await outboxOfChats(a);
  assert.equal(rows.length, CHATS.length * 5, "1 warning + 2 breach + 2 repeat copies per request");
  assert.equal(rows.filter((r) => Number(r.chat_id) < 0).length, 0);
});
