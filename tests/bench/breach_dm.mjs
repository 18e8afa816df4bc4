// Breach → manager's DM latency, end to end on the running stack: pg_cron runs sla.tick on its own
// schedule, the relay claims the outbox rows and sends them to the (fake) Bot API, and outbox.sent_at
// records when Telegram accepted each DM. Requests in 24/7 chats with a 1-minute threshold get breach_at
// instants spread over two minutes, so the samples fall at every phase of the tick's cadence.
// Target (product): p95 ≤ 60 s locally (pg_cron 1.4: every minute), ≤ 30 s on Supabase (every 30 s).
// The chats are deleted afterwards (the pipeline needs committed rows, so no rolled-back transaction).
// Writes tests/results/bench-breach_dm.json.
import postgres from "postgres";
import { dbUrl, num, pad, writeReport } from "../lib/bench.mjs";

const SAMPLES = 16, SPREAD_S = 120, TIMEOUT_S = SPREAD_S + 150, TARGET_P95_S = 60, MANAGER = 880900;
const CHAT0 = -1008890000000;
const sql = postgres(dbUrl(), { max: 2, onnotice: () => {} });
const chats = Array.from({ length: SAMPLES }, (_, i) => CHAT0 - i);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function stage() {
  await sql`delete from public.chats where id in ${sql(chats)}`;
  for (const [i, chat] of chats.entries()) {
    await sql`insert into public.chats (id, title, chat_type, sla_enabled, threshold_minutes)
              values (${chat}, ${"Замер №" + i}, 'supergroup', true, 1)`;
    await sql`insert into public.chat_staff (chat_id, telegram_user_id, role, display_name)
              values (${chat}, ${MANAGER}, 'manager', 'Руководитель замера')`;
    await sql`select sla.set_schedule(${chat}, '{"timezone":"Europe/Moscow","is_24x7":true}')`;
    // breach_at = now + 5 s + i × spread / samples
    const offset = 5 + (i * SPREAD_S) / SAMPLES - 60;
    await sql`select public.record_message(jsonb_build_object('chat_id', ${chat}::bigint, 'message_id', 1,
                'sender_telegram_id', 555001, 'kind', 'text', 'text', 'Когда будет акт?',
                'sent_at', now() + make_interval(secs => ${offset})))`;
    await sql`select public.classify_message(${chat}, 1, 'REQUEST', 'rules')`;
  }
}

async function latencies() {
  const deadline = Date.now() + TIMEOUT_S * 1000;
  for (;;) {
    const rows = await sql`
      select extract(epoch from o.sent_at - r.breach_at)::float8 as seconds
      from public.requests r
      join public.alerts a on a.request_id = r.id and a.kind = 'breach'
      join public.alert_deliveries d on d.alert_id = a.id and d.step = 0
      join public.outbox o on o.id = d.outbox_id and o.chat_id = ${MANAGER} and o.status = 'sent'
      where r.chat_id in ${sql(chats)}`;
    if (rows.length === SAMPLES || Date.now() > deadline) return rows.map((r) => r.seconds).sort((a, b) => a - b);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

try {
  const [{ schedule }] = await sql`select schedule from cron.job where jobname = 'sla-tick'`;
  await stage();
  const seconds = await latencies();
  const result = {
    samples: seconds.length,
    expected: SAMPLES,
    tick_schedule: schedule,
    p50_s: quantile(seconds, 0.5),
    p95_s: quantile(seconds, 0.95),
    max_s: seconds.at(-1),
    target_p95_s: TARGET_P95_S,
    seconds,
  };
  const path = writeReport("breach_dm", result);
  console.log(
    `${pad("breach → manager DM", 24)}${pad(`tick '${schedule}'`, 22)}samples ${num(seconds.length, 3)}/${SAMPLES}`,
  );
  console.log(
    `${pad("", 24)}p50 ${num(result.p50_s?.toFixed(1), 6)} s  p95 ${num(result.p95_s?.toFixed(1), 6)} s  ` +
      `max ${num(result.max_s?.toFixed(1), 6)} s  (target p95 ≤ ${TARGET_P95_S} s)  → ${path}`,
  );
  if (seconds.length < SAMPLES) process.exitCode = 1;
} finally {
  await sql`delete from public.outbox o using public.alert_deliveries d where d.outbox_id = o.id and d.chat_id in ${
    sql(chats)
  }`;
  await sql`delete from public.outbox where chat_id = ${MANAGER}`;
  await sql`delete from public.chats where id in ${sql(chats)}`;
  await sql.end();
}
