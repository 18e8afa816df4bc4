// Data-scale benchmark: the same measurements on an empty database and on a generated firm
// (tests/bench/scale/firm.mjs; default 500 chats × 365 days ≈ 5.5 M messages and 0.9 M requests;
// SCALE_CHATS=5000 SCALE_DAYS=1095 for the three-year 5,000-chat firm). Measured, median and p95 of
// SCALE_ROUNDS runs each:
//   * the webhook at 200 updates/s for SCALE_WEBHOOK_SECONDS through the real function host, after
//     SCALE_WARMUP_SECONDS at that rate;
//   * sla.tick with nothing due and with the open requests due;
//   * /metrics' database part (relay_metrics, ops_metrics);
//   * every dashboard and report RPC for 30 days, and the PostgREST queries of the console's pages, as the
//     demo manager and the demo accountant through the gateway (their JWTs, so RLS applies);
//   * the daily purge expiring one month, and the longest a concurrent record_message waits meanwhile;
//   * table and index bytes per row, per request and per chat and day, and the nightly pg_dump's size and time.
// Both databases are measured after a checkpoint, so that writing out the generated data is not measured.
// Writes tests/results/bench-scale.json and prints a table with the targets beside the figures.
import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { dbUrl, median, num, pad, writeReport } from "../lib/bench.mjs";
import { ANON_KEY, loginAs, SUPABASE_URL } from "../lib/stack.mjs";
import { benchChats, quantile, round, runLoad, traffic } from "../lib/webhook_load.mjs";
import { firmSteps } from "./scale/firm.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const CHATS = env("SCALE_CHATS", 500), DAYS = env("SCALE_DAYS", 365), ROUNDS = env("SCALE_ROUNDS", 5);
const WEBHOOK_SECONDS = env("SCALE_WEBHOOK_SECONDS", 20), WARMUP_SECONDS = env("SCALE_WARMUP_SECONDS", 10);
const WEBHOOK_RATE = 200;
const PURGE_TIMEOUT_S = env("SCALE_PURGE_TIMEOUT_S", 180);
const TARGETS = {
  metrics_ms: 50,
  rpc_ms: 300,
  requests_list_ms: 200,
  page_ms: 500,
  webhook_p95_ms: 50,
  tick_ms: 250,
  purge_wait_ms: 100,
  bytes_per_request: 400,
};

const sql = postgres(dbUrl(), { max: 4, onnotice: () => {}, idle_timeout: 5 });
const started = Date.now();
const say = (text) => console.log(`[scale ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${text}`);

/** Median and p95 of `rounds` timed calls after one warm-up call (2 when the warm-up took over a second,
 * to bound the run); a call that fails (a statement timeout) is reported, not fatal. */
async function timed(fn, rounds = ROUNDS) {
  const ms = [];
  try {
    const w0 = performance.now();
    await fn();
    const warm = performance.now() - w0;
    for (let i = 0; i < (warm > 1000 ? 2 : rounds); i++) {
      const t0 = performance.now();
      await fn();
      ms.push(performance.now() - t0);
    }
  } catch (e) {
    return { error: String(e.message ?? e).slice(0, 200), median_ms: null, p95_ms: null };
  }
  const sorted = ms.sort((a, b) => a - b);
  return { median_ms: round(median(sorted)), p95_ms: round(quantile(sorted, 0.95)) };
}

// ---- the console's calls through the gateway, with a real login -------------------------------------

async function session(role) {
  const { session } = await loginAs(role);
  const headers = { apikey: ANON_KEY, authorization: `Bearer ${session.access_token}` };
  const call = async (path, init = {}) => {
    const res = await fetch(`${SUPABASE_URL}/rest/v1/${path}`, { ...init, headers: { ...headers, ...init.headers } });
    const body = await res.text();
    if (!res.ok) throw new Error(`${role} ${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
    return body;
  };
  return {
    rpc: (fn, args) =>
      call(`rpc/${fn}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args),
      }),
    // What ra-supabase asks for a list page: one page of 25 and the exact count.
    list: (query) => call(query, { headers: { prefer: "count=exact" } }),
  };
}

const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString();
const RPCS = [
  ["sla_metrics", () => ({ p_now: new Date().toISOString() })],
  ["sla_report", () => ({ p_from: monthAgo(), p_to: new Date().toISOString() })],
  ["sla_report_by_chat", () => ({ p_from: monthAgo(), p_to: new Date().toISOString() })],
  ["sla_report_by_accountant", () => ({ p_from: monthAgo(), p_to: new Date().toISOString() })],
  ["sla_report_by_day", () => ({ p_from: monthAgo(), p_to: new Date().toISOString() })],
  ["feedback_summary", () => ({})],
  ["feedback_trend", () => ({})],
  ["feedback_by_accountant", () => ({})],
  ["feedback_comments", () => ({})],
  // The dashboard's page of misses (its CSV asks for all of them, once, on a click).
  ["sla_misses", () => ({ p_from: monthAgo(), p_to: new Date().toISOString(), p_limit: 20 })],
  ["accountant_workload", () => ({ p_from: monthAgo(), p_to: new Date().toISOString() })],
];
const PAGE = "select=*&offset=0&limit=25";
// What the console's pages ask PostgREST for: requests and alerts are read through their views
// (request_rows, alert_rows), the queue is the open requests by working time left.
const PAGES = (chat) => [
  ["queue", `request_rows?${PAGE}&status=eq.open&order=working_seconds_left.asc.nullslast`, "page"],
  ["requests list", `request_rows?${PAGE}&order=received_at.desc.nullslast`, "requests"],
  ["requests: open", `request_rows?${PAGE}&status=eq.open&order=received_at.desc.nullslast`, "requests"],
  [
    "requests: breached, 30 days",
    `request_rows?${PAGE}&breached=eq.true&received_at=gte.{month}&order=received_at.desc.nullslast`,
    "requests",
  ],
  ["requests: one chat", `request_rows?${PAGE}&chat_id=eq.${chat}&order=received_at.desc.nullslast`, "requests"],
  ["alerts: open", `alert_rows?${PAGE}&status=eq.open&order=created_at.desc.nullslast`, "page"],
  ["alerts: all", `alert_rows?${PAGE}&order=created_at.desc.nullslast`, "page"],
  ["chats", `chats?${PAGE}&order=title.asc.nullslast`, "page"],
  ["messages: last 7 days (the default)", `messages?${PAGE}&sent_at=gte.{week}&order=sent_at.desc.nullslast`, "page"],
  // Not a page the console opens: the log starts on its last 7 days; clearing the filter counts every message.
  ["messages: all (filter cleared)", `messages?${PAGE}&order=sent_at.desc.nullslast`, "info"],
  ["messages: one chat", `messages?${PAGE}&chat_id=eq.${chat}&order=sent_at.desc.nullslast`, "page"],
  ["audit log", `audit_log?${PAGE}&order=at.desc.nullslast`, "page"],
  ["outbox", `outbox?${PAGE}&order=id.desc.nullslast`, "page"],
];

async function consoleCalls() {
  const [{ chat }] = await sql`select c.chat_id as chat
    from public.chat_staff c where c.telegram_user_id = 700003 order by c.chat_id desc limit 1`;
  const rows = [];
  for (const role of ["manager", "accountant"]) {
    const s = await session(role);
    for (const [fn, args] of RPCS) {
      rows.push({ role, what: `rpc ${fn}`, kind: "rpc", ...(await timed(() => s.rpc(fn, args()))) });
    }
    for (const [what, query, kind] of PAGES(chat)) {
      const q = query.replace("{month}", encodeURIComponent(monthAgo()))
        .replace("{week}", encodeURIComponent(new Date(Date.now() - 7 * 86_400_000).toISOString()));
      rows.push({ role, what: `page ${what}`, kind, ...(await timed(() => s.list(q))) });
    }
  }
  return rows;
}

// ---- the database's own jobs -------------------------------------------------------------------------

async function metrics() {
  return [
    { what: "relay_metrics()", ...(await timed(() => sql`select public.relay_metrics()`)) },
    { what: "ops_metrics()", ...(await timed(() => sql`select public.ops_metrics()`)) },
  ];
}

/** The bot's own report (its /stats command runs it with the service key): 30 days of the demo accountant. */
async function accountantStats() {
  return {
    what: "accountant_stats(30 days)",
    kind: "rpc",
    ...(await timed(() => sql`select public.accountant_stats(700003, now(), 30)`)),
  };
}

/** sla.tick now, and a day later when every open request is due; each in a rolled-back transaction. */
async function ticks() {
  const tick = (offset) => () =>
    sql.begin(async (tx) => {
      await tx`select sla.tick(now() + ${offset}::interval)`;
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  const [{ open }] = await sql`select count(*)::int as open from public.requests where status = 'open'`;
  return [
    { what: "sla.tick, nothing due", ...(await timed(tick("0 seconds"))) },
    { what: `sla.tick, ${open} open requests due`, ...(await timed(tick("1 day"))) },
  ];
}
class Rollback extends Error {}

/** The webhook in its steady state: a production webhook runs all the time, so the measured run follows
 * WARMUP_SECONDS at the same rate (connections, the function host's caches, the chats' pages in shared
 * buffers, cold after generating gigabytes); the warm-up's own p95 is kept beside it. */
async function webhook(chats) {
  const next = traffic(chats);
  const warm = await runLoad(WEBHOOK_RATE, WARMUP_SECONDS, next);
  const { sentUpdates: _, error_samples, ...r } = await runLoad(WEBHOOK_RATE, WEBHOOK_SECONDS, next);
  return { ...r, error_samples, warmup_p95_ms: warm.p95_ms, warmup_p95_by_5s: warm.p95_by_5s };
}

/** The generated chats as webhook traffic expects them: id, primary accountant, two clients. */
async function firmChats() {
  const rows = await sql`select s.chat_id as id, s.telegram_user_id as accountant from public.chat_staff s
    where s.is_primary and s.chat_id < -1009100000000 + 1 order by s.chat_id desc limit 50`;
  // Client ids as the generator gives them: 5,000,000,000 + 3 × the chat's number.
  return rows.map((r) => {
    const c = -1009100000000 - Number(r.id);
    return { id: Number(r.id), accountant: Number(r.accountant), clients: [5e9 + c * 3, 5e9 + c * 3 + 1] };
  });
}

/** The daily purge expiring the oldest month, with record_message probing for waits every 10 ms. */
async function purge() {
  const [{ p_now, oldest }] = await sql`select coalesce(min(sent_at), now()) + interval '30 days'
      + make_interval(years => (select retention_years from public.settings)) as p_now, min(sent_at) as oldest
    from public.messages`;
  const probe = postgres(dbUrl(), { max: 1, onnotice: () => {} });
  const [{ chat }] = await probe`select id as chat from public.chats order by id limit 1`;
  let stop = false, id = Date.now() * 10;
  const waits = [];
  const probing = (async () => {
    while (!stop) {
      const t0 = performance.now();
      await probe`select public.record_message(${{
        chat_id: Number(chat),
        message_id: ++id,
        sender_telegram_id: 5_999_000_001,
        sender_name: "Проба",
        kind: "text",
        text: "Проба записи во время очистки",
        sent_at: new Date().toISOString(),
      }}::jsonb)`;
      waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  const baseline = waits.length;
  const t0 = performance.now();
  // Bounded, so that a purge that would run for hours is reported as such instead of stalling the bench.
  const result = await sql.begin(async (tx) => {
    await tx.unsafe(`set local statement_timeout = '${PURGE_TIMEOUT_S}s'`);
    return (await tx`select sla.daily_purge(${p_now}) as result`)[0].result;
  }).catch((e) => ({ error: String(e.message ?? e) }));
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await probing;
  await probe.end();
  const during = waits.slice(baseline).sort((a, b) => a - b);
  return {
    oldest,
    p_now,
    seconds: round(seconds),
    deleted: result,
    probe_calls: during.length,
    probe_p50_ms: round(quantile(during, 0.5)),
    probe_max_ms: round(during.at(-1) ?? null),
  };
}

async function sizes() {
  const tables = [
    "messages",
    "requests",
    "sla_events",
    "alerts",
    "alert_deliveries",
    "outbox",
    "telegram_updates",
    "audit_log",
  ];
  const rows = [];
  for (const t of tables) {
    const [r] = await sql.unsafe(`select count(*)::bigint as rows, pg_total_relation_size('public.${t}') as total,
      pg_relation_size('public.${t}') as heap, pg_indexes_size('public.${t}') as indexes from public.${t}`);
    rows.push({
      table: t,
      rows: Number(r.rows),
      total_mb: round(Number(r.total) / 2 ** 20),
      heap_bytes_per_row: r.rows > 0 ? Math.round(Number(r.heap) / Number(r.rows)) : null,
      total_bytes_per_row: r.rows > 0 ? Math.round(Number(r.total) / Number(r.rows)) : null,
    });
  }
  const of = (t) => rows.find((r) => r.table === t);
  const bytes = (t) => of(t).total_mb * 2 ** 20, requests = of("requests").rows;
  const timeline = ["sla_events", "alerts", "alert_deliveries", "outbox"].reduce((sum, t) => sum + bytes(t), 0);
  const [{ db }] = await sql`select pg_database_size(current_database()) as db`;
  const requestIndexes =
    await sql`select c.relname as index, round(pg_relation_size(c.oid)::numeric / ${requests}, 1)::float
      as bytes_per_request
    from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'public.requests'::regclass order by 2 desc`;
  return {
    tables: rows,
    // The request row with its indexes (the target), then with its timeline (events, alerts, their
    // messages to staff) and with the chat messages it came from.
    bytes_per_request: Math.round(bytes("requests") / requests),
    request_indexes: requestIndexes,
    bytes_per_request_with_timeline: Math.round((bytes("requests") + timeline) / requests),
    bytes_per_request_with_messages: Math.round((bytes("requests") + timeline + bytes("messages")) / requests),
    messages_per_request: round(of("messages").rows / requests),
    bytes_per_chat_day: Math.round(rows.reduce((s, r) => s + r.total_mb * 2 ** 20, 0) / (CHATS * DAYS)),
    database_mb: round(Number(db) / 2 ** 20),
  };
}

/** What the nightly backup costs at this size: pg_dump in the backup job's format, its bytes and seconds. */
function backup() {
  const file = join(tmpdir(), `bench-scale-${process.pid}.dump`), t0 = performance.now();
  const run = spawnSync("pg_dump", ["--format=custom", "--compress=6", "--no-password", `--file=${file}`, dbUrl()]);
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) return { error: String(run.stderr).slice(0, 300) };
  const bytes = statSync(file).size;
  rmSync(file);
  return { mb: round(bytes / 2 ** 20), seconds: round(seconds) };
}

async function measure(chats) {
  say("webhook at 200/s");
  const hook = await webhook(chats);
  say("tick and /metrics");
  const tick = await ticks(), metric = await metrics();
  say("dashboard, reports and console pages as manager and accountant");
  const calls = [await accountantStats(), ...(await consoleCalls())];
  return { webhook: hook, tick, metrics: metric, console: calls };
}

async function generate() {
  const steps = firmSteps({ chats: CHATS, days: DAYS });
  const gen = postgres(dbUrl(), { max: 1, onnotice: () => {} });
  const t0 = Date.now();
  for (const [i, step] of steps.entries()) {
    const s0 = Date.now();
    for (const statement of step.sql) await gen.unsafe(statement);
    const done = (Date.now() - t0) / 1000, eta = done / (i + 1) * (steps.length - i - 1);
    say(`generated ${step.what} in ${((Date.now() - s0) / 1000).toFixed(1)} s (about ${eta.toFixed(0)} s left)`);
  }
  await gen.end();
  say("vacuum analyze, checkpoint");
  await sql.unsafe("vacuum analyze");
  const seconds = Math.round((Date.now() - t0) / 1000);
  await settle();
  return seconds;
}

/** Writes the dirty pages out before measuring: the gigabytes just generated (or the stack just started)
 * would otherwise be flushed during the measurement, and every commit would wait on that disk traffic. */
async function settle() {
  await sql.unsafe("checkpoint");
}

// ---- the run -------------------------------------------------------------------------------------------

const loadBefore = loadavg().map((x) => round(x));
say(`empty database (then ${CHATS} chats × ${DAYS} days)`);
await settle();
const empty = await measure(await benchChats(sql));
const emptyPurge = await purge();
const generationSeconds = await generate();
const firm = await measure(await firmChats());
say("sizes");
const storage = { ...(await sizes()), backup: backup() };
say("purge of one month with a concurrent writer");
const firmPurge = await purge();

const result = {
  bench: "scale",
  at: new Date().toISOString(),
  scale: { chats: CHATS, days: DAYS, generation_seconds: generationSeconds },
  method:
    `median and p95 of ${ROUNDS} calls after a warm-up; console calls through the gateway with the demo users' JWTs`,
  load_average: { before: loadBefore, after: loadavg().map((x) => round(x)) },
  targets: TARGETS,
  empty: { ...empty, purge: emptyPurge },
  firm: { ...firm, purge: firmPurge, storage },
  total_seconds: Math.round((Date.now() - started) / 1000),
};
const out = writeReport(process.env.SCALE_REPORT ?? "scale", result);

// ---- the table -----------------------------------------------------------------------------------------

const targetOf = (row) =>
  ({ rpc: TARGETS.rpc_ms, requests: TARGETS.requests_list_ms, page: TARGETS.page_ms })[row.kind];
const line = (what, target, a, b) => {
  const met = b === null || b === undefined ? "✗ failed" : target === undefined ? "" : b <= target ? "✓" : "✗";
  console.log(`  ${pad(what, 52)}${num(target ?? "–", 8)}${num(a ?? "-", 10)}${num(b ?? "-", 10)}  ${met}`);
};
console.log(
  `\nScale: ${CHATS} chats × ${DAYS} days (generated in ${generationSeconds} s); ms are median (p95 for the webhook)`,
);
console.log(`  ${pad("what", 52)}${num("target", 8)}${num("empty", 10)}${num("firm", 10)}`);
line("webhook p95 at 200/s", TARGETS.webhook_p95_ms, empty.webhook.p95_ms, firm.webhook.p95_ms);
line("webhook errors", 0, empty.webhook.errors, firm.webhook.errors);
console.log(
  `  (the ${WARMUP_SECONDS} s warm-up before it: p95 ${empty.webhook.warmup_p95_ms} / ${firm.webhook.warmup_p95_ms} ms)`,
);
for (const [i, r] of firm.tick.entries()) line(r.what, TARGETS.tick_ms, empty.tick[i].median_ms, r.median_ms);
for (const [i, r] of firm.metrics.entries()) line(r.what, TARGETS.metrics_ms, empty.metrics[i].median_ms, r.median_ms);
for (const [i, r] of firm.console.entries()) {
  line(r.role ? `${r.role}: ${r.what}` : r.what, targetOf(r), empty.console[i].median_ms, r.median_ms);
}
line(
  "purge of one month: longest webhook insert",
  TARGETS.purge_wait_ms,
  emptyPurge.probe_max_ms,
  firmPurge.probe_max_ms,
);
console.log(`  purge took ${firmPurge.seconds} s: ${JSON.stringify(firmPurge.deleted.sla ?? firmPurge.deleted)}`);
line("bytes per request (row and indexes)", TARGETS.bytes_per_request, null, storage.bytes_per_request);
console.log(
  `  indexes: ${storage.request_indexes.map((i) => `${i.index} ${i.bytes_per_request}`).join(", ")} B;\n` +
    `  with events, alerts and staff messages: ${storage.bytes_per_request_with_timeline} B; with its ` +
    `${storage.messages_per_request} chat messages too: ${storage.bytes_per_request_with_messages} B; ` +
    `per chat and day ${storage.bytes_per_chat_day} B; database ${storage.database_mb} MB; ` +
    `pg_dump -Fc ${storage.backup.mb} MB in ${storage.backup.seconds} s`,
);
console.log(`  ${pad("table", 20)}${num("rows", 12)}${num("MB", 10)}${num("heap B/row", 12)}${num("total B/row", 12)}`);
for (const t of storage.tables) {
  console.log(
    `  ${pad(t.table, 20)}${num(t.rows, 12)}${num(t.total_mb, 10)}${num(t.heap_bytes_per_row ?? "-", 12)}${
      num(t.total_bytes_per_row ?? "-", 12)
    }`,
  );
}
console.log(
  `  load average ${result.load_average.before.join(" ")} before, ${result.load_average.after.join(" ")} after`,
);
console.log(`  → ${out} (${result.total_seconds} s in all)`);
await sql.end();
