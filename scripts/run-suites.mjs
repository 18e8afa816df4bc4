// Runs every test suite against the running local stack and prints one closing line
// `N passed, N failed` summed over all suites. Exit code 1 when anything failed.
// Usage: node scripts/run-suites.mjs [suite-name ...]   (default: all)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const count = (text, re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
const last = (text, re) => { const all = [...text.matchAll(re)]; return all.length ? Number(all.at(-1)[1]) : 0; };

const suites = [
  {
    name: "pgtap",
    when: () => readdirSync(join(root, "supabase/tests")).some((f) => f.endsWith(".sql")),
    cmd: ["pg_prove", "-d", process.env.SUPABASE_DB_URL, "--ext", ".sql", "-r", "supabase/tests/"],
    // pg_prove: "Files=3, Tests=120" and, per failing file, "Failed 2/40 subtests".
    parse: (out) => ({ total: last(out, /Tests=(\d+)/g), failed: count(out, /Failed (\d+)\/\d+ subtests/g) }),
  },
  {
    name: "deno",
    when: () => true,
    cmd: ["deno", "test", "--config", "deno.json", "--allow-all", "--no-prompt",
      ...["supabase/functions/", "vds/relay/"].filter((d) => existsSync(join(root, d)))],
    // Deno: "ok | 12 passed (3 steps) | 0 failed" or "FAILED | 11 passed | 1 failed".
    parse: (out) => ({ passed: last(out, /\| (\d+) passed/g), failed: last(out, /\| (\d+) failed/g) }),
  },
  ...["integration", "e2e"].map((dir) => ({
    name: dir,
    when: () => existsSync(join(root, "tests", dir)),
    cmd: ["node", "--test", "--test-concurrency=1", `tests/${dir}/`],
    parse: (out) => ({ passed: last(out, /^# pass (\d+)/gm), failed: last(out, /^# fail (\d+)/gm) }),
  })),
];

const wanted = process.argv.slice(2);
let passed = 0, failed = 0;
for (const suite of suites.filter((s) => (!wanted.length || wanted.includes(s.name)) && s.when())) {
  console.log(`\n━━ ${suite.name}: ${suite.cmd.join(" ")}`);
  const run = spawnSync(suite.cmd[0], suite.cmd.slice(1), { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: process.env });
  const out = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  process.stdout.write(out);
  const r = suite.parse(out);
  let sFailed = r.failed ?? 0;
  const sPassed = r.passed ?? Math.max(0, (r.total ?? 0) - sFailed);
  // A suite that exits non-zero without a countable failure (crash, syntax error) still fails.
  if (run.status !== 0 && sFailed === 0) sFailed = 1;
  console.log(`━━ ${suite.name}: ${sPassed} passed, ${sFailed} failed`);
  passed += sPassed; failed += sFailed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
