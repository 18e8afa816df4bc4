// The migrations are plain SQL that the real Supabase CLI applies. The stack starts from an empty
// database and pushes them once; here we check that this first push applied every file in order, that a
// second push has nothing to do, and that `supabase db lint` (plpgsql_check) finds no errors.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { DB_URL, sql as connect } from "../lib/stack.mjs";
import { run } from "../lib/vds.mjs";

const sql = connect();
after(() => sql.end());

const supabase = (...args) =>
  run("supabase", [...args, "--db-url", DB_URL], { env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1" } });

test("the first push into the empty database applied every migration file", async () => {
  const files = readdirSync(new URL("../../supabase/migrations/", import.meta.url))
    .filter((name) => name.endsWith(".sql")).map((name) => name.split("_")[0]).sort();
  const applied = await sql`select version from supabase_migrations.schema_migrations order by version`;
  assert.deepEqual(applied.map((row) => row.version), files);
});

test("a second `supabase db push` finds nothing to apply", () => {
  const { status, out } = supabase("db", "push", "--yes");
  assert.equal(status, 0, out);
  assert.match(out, /up to date/i);
});

test("`supabase db lint` reports no errors in any function", () => {
  const { status, out } = supabase("db", "lint", "--fail-on", "error");
  assert.equal(status, 0, out);
});
