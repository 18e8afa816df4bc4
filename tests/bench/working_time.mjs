// Working-time benchmark: calls per second of sla.breach_at / sla.working_seconds (by chat id, the
// contract) and of their snapshot variants *_in (schedule document passed in, as requests do), for 1-day
// and 30-day spans on a realistic calendar: a lunch break, two company days off of its own and the
// seeded Russian production calendar. Many calls run server-side inside one statement (generate_series),
// so the numbers are the function's, not the network's. Target: ≥ 20,000 breach_at calls/s for 1-day
// spans. Everything runs in a transaction that is rolled back. Writes tests/results/bench-working_time.json.
import { inRolledBackTransaction, median, num, pad, writeReport } from "../lib/bench.mjs";

const TARGET = 20000;
const CHAT = -1009900000001;
const SCHEDULE = {
  timezone: "Europe/Moscow",
  is_24x7: false,
  week: Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].map((d) => [d, d <= 5 ? [["09:00", "13:00"], ["14:00", "18:00"]] : []]),
  ),
  holidays: ["2025-07-14", "2026-07-13"],
  workdays: {},
};

// Starting instants spread over 2025–2026, minute-granular, so weekends, nights, lunches and holidays
// all occur; g is the generate_series counter.
const FROM = "timestamptz '2025-01-01T00:00Z' + ((g::bigint * 7919) % 1051200) * interval '1 minute'";
// 1 day: a 60-minute deadline / a 24-hour window. 30 days: 160 working hours (about 30 calendar days with
// this calendar) / a 30-day window.
const CASES = [
  { fn: "breach_at", span: "1 day", calls: 40000, expr: `sla.breach_at($1, ${FROM}, 60)` },
  { fn: "breach_at_in", span: "1 day", calls: 40000, expr: `sla.breach_at_in(s.doc, ${FROM}, 60)` },
  {
    fn: "working_seconds",
    span: "1 day",
    calls: 40000,
    expr: `sla.working_seconds($1, ${FROM}, ${FROM} + interval '1 day')`,
  },
  {
    fn: "working_seconds_in",
    span: "1 day",
    calls: 40000,
    expr: `sla.working_seconds_in(s.doc, ${FROM}, ${FROM} + interval '1 day')`,
  },
  { fn: "breach_at", span: "30 days", calls: 4000, expr: `sla.breach_at($1, ${FROM}, 160 * 60)` },
  { fn: "breach_at_in", span: "30 days", calls: 4000, expr: `sla.breach_at_in(s.doc, ${FROM}, 160 * 60)` },
  {
    fn: "working_seconds",
    span: "30 days",
    calls: 4000,
    expr: `sla.working_seconds($1, ${FROM}, ${FROM} + interval '30 days')`,
  },
  {
    fn: "working_seconds_in",
    span: "30 days",
    calls: 4000,
    expr: `sla.working_seconds_in(s.doc, ${FROM}, ${FROM} + interval '30 days')`,
  },
];
const ROUNDS = 3;

async function measure(tx, { expr, calls }) {
  const query = `with s as materialized (select sla.get_schedule($1::bigint) as doc)
                 select count(${expr}) as n from s, generate_series(1, ${calls}) g`;
  const seconds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const [{ n }] = await tx.unsafe(query, [CHAT]);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (Number(n) !== calls) throw new Error(`expected ${calls} results, got ${n}`);
  }
  const typical = median(seconds);
  return { calls_per_second: Math.round(calls / typical), us_per_call: Number(((typical / calls) * 1e6).toFixed(2)) };
}

const rows = [];
await inRolledBackTransaction(async (tx) => {
  await tx`insert into public.chats (id, title) values (${CHAT}, 'bench: working time')`;
  await tx`select sla.set_schedule(${CHAT}, ${tx.json(SCHEDULE)})`;
  const [{ holidays }] = await tx`select jsonb_array_length(sla.get_schedule(${CHAT}) -> 'holidays') as holidays`;
  if (holidays < 40) throw new Error(`the production calendar is missing (${holidays} holidays)`);
  for (const c of CASES) rows.push({ function: c.fn, span: c.span, calls: c.calls, ...(await measure(tx, c)) });
});

const headline = rows.find((r) => r.function === "breach_at" && r.span === "1 day");
const ok = headline.calls_per_second >= TARGET;
const result = {
  bench: "working_time",
  at: new Date().toISOString(),
  calendar: "Mon–Fri 09:00–13:00 + 14:00–18:00 Europe/Moscow, 2 own holidays + the Russian production calendar",
  method: `median of ${ROUNDS} statements, each running all calls server-side via generate_series`,
  target: { function: "breach_at", span: "1 day", calls_per_second: TARGET },
  met: ok,
  results: rows,
};
const out = writeReport("working_time", result);

console.log(`\nworking time: ${result.calendar}`);
console.log(`  ${pad("function", 20)}${pad("span", 9)}${num("calls", 7)}${num("calls/s", 10)}${num("µs/call", 10)}`);
for (const r of rows) {
  console.log(
    `  ${pad(r.function, 20)}${pad(r.span, 9)}${num(r.calls, 7)}${num(r.calls_per_second, 10)}${
      num(r.us_per_call, 10)
    }`,
  );
}
console.log(`  target: breach_at, 1 day ≥ ${TARGET} calls/s → ${ok ? "met" : "MISSED"}\n  → ${out}`);
if (!ok) process.exit(1);
