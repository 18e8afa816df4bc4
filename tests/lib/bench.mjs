// What the benchmarks in tests/bench share: the stack's database URL, a transaction that is always rolled
// back (so a bench leaves no rows behind), medians, fixed-width table cells, and the report each writes.
import { mkdirSync, writeFileSync } from "node:fs";
import postgres from "postgres";

const RESULTS = new URL("../results/", import.meta.url);

export function dbUrl() {
  const url = process.env.SUPABASE_DB_URL;
  if (!url) throw new Error("SUPABASE_DB_URL is not set (scripts/bench.sh sets it)");
  return url;
}

/** Runs fn(tx) in one transaction on one connection, rolls everything back, and returns fn's result. */
export async function inRolledBackTransaction(fn) {
  const sql = postgres(dbUrl(), { max: 1, onnotice: () => {} });
  const rollback = new Error("rollback");
  let result;
  try {
    await sql.begin(async (tx) => {
      result = await fn(tx);
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  } finally {
    await sql.end();
  }
  return result;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Table cells: text left-aligned, numbers right-aligned, to a width. */
export const pad = (s, n) => String(s).padEnd(n);
export const num = (s, n) => String(s).padStart(n);

/** Writes tests/results/bench-<name>.json and returns its path. */
export function writeReport(name, result) {
  mkdirSync(RESULTS, { recursive: true });
  const out = new URL(`bench-${name}.json`, RESULTS);
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  return out.pathname;
}
