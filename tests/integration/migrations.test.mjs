// The migrations are plain SQL that the real Supabase CLI applies: the stack already pushed them once,
// so a second push has nothing to do, and `supabase db lint` (plpgsql_check) finds no errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DB_URL } from "../lib/stack.mjs";
import { run } from "../lib/vds.mjs";

const supabase = (...args) =>
  run("supabase", [...args, "--db-url", DB_URL], { env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1" } });

test("a second `supabase db push` finds nothing to apply", () => {
  const { status, out } = supabase("db", "push", "--yes");
  assert.equal(status, 0, out);
  assert.match(out, /up to date/i);
});

test("`supabase db lint` reports no errors in any function", () => {
  const { status, out } = supabase("db", "lint", "--fail-on", "error");
  assert.equal(status, 0, out);
});
