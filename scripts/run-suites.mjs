// Runs the test suites and prints one closing line `N passed, N failed` summed over all suites.
// Exit code 1 when anything failed. Every suite but `static` needs the running local stack.
// Usage: node scripts/run-suites.mjs [suite-name ...]   (default: all)
//        node scripts/run-suites.mjs --needs-stack [suite-name ...]   exit 0 when any of them needs the stack
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const count = (text, re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
const last = (text, re) => {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all.at(-1)[1]) : 0;
};
const inRepo = (file) => relative(root, file.startsWith("file:") ? fileURLToPath(file) : file);

function exec(cmd, { cwd = root, env = process.env } = {}) {
  const run = spawnSync(cmd[0], cmd.slice(1), {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? `\n${run.error.message}\n` : ""}`;
  return { ok: run.status === 0, stdout: run.stdout ?? "", out };
}

// A suite that runs one test runner and reads its counts from the output.
function runnerSuite({ cmd, parse }) {
  return () => {
    const run = exec(cmd);
    process.stdout.write(run.out);
    const r = parse(run.out);
    let failed = r.failed ?? 0;
    const passed = r.passed ?? Math.max(0, (r.total ?? 0) - failed);
    // A runner that exits non-zero without a countable failure (crash, syntax error) still fails.
    if (!run.ok && failed === 0) failed = 1;
    return { passed, failed };
  };
}

// Static checks: each is one test; a failing check lists its problems one per line, paths from the repo root.
const staticChecks = [
  {
    name: "deno lint",
    cmd: ["deno", "lint", "--config", "deno.json", "--json"],
    problems: (run) => {
      const report = JSON.parse(run.stdout);
      return [
        ...report.errors.map((e) => `${inRepo(e.file_path)}: ${e.message.split("\n")[0]}`),
        ...report.diagnostics.map((d) => `${inRepo(d.filename)}:${d.range.start.line} ${d.code}: ${d.message}`),
      ];
    },
  },
  {
    name: "deno fmt --check",
    cmd: ["deno", "fmt", "--config", "deno.json", "--check"],
    problems: (run) => [...run.out.matchAll(/^from (.+):$/gm)].map((m) => `${inRepo(m[1])}: not formatted`).sort(),
  },
  {
    name: "each Edge Function type-checks with only its own deno.json",
    cmd: ["bash", "scripts/check-functions.sh"],
    problems: (run) => run.out.split("\n").filter((l) => l.startsWith("FAILED") || /error/i.test(l)),
  },
  {
    name: "console tsc --noEmit",
    cwd: join(root, "admin"),
    cmd: ["node_modules/.bin/tsc", "--noEmit", "--pretty", "false"],
    problems: (run) => run.out.split("\n").filter((l) => /error TS\d+:/.test(l)).map((l) => `admin/${l}`),
  },
  {
    name: "console folders import one way",
    cwd: join(root, "admin"),
    cmd: ["node", "scripts/folder-cycles.mjs"],
    problems: (run) => run.out.split("\n").filter((l) => l.startsWith("import cycle")).map((l) => `admin/src: ${l}`),
  },
];

function runStatic() {
  let passed = 0, failed = 0;
  for (const check of staticChecks) {
    const run = exec(check.cmd, { cwd: check.cwd, env: { ...process.env, NO_COLOR: "1" } });
    if (run.ok) {
      passed++;
      console.log(`ok     ${check.name}`);
      continue;
    }
    failed++;
    let problems = [];
    try {
      problems = check.problems(run);
    } catch {
      // Output in an unexpected shape: the raw output below says what went wrong.
    }
    console.log(`FAILED ${check.name}${problems.length ? ` (${problems.length})` : ""}`);
    console.log((problems.length ? problems : run.out.trim().split("\n")).map((l) => `         ${l}`).join("\n"));
  }
  return { passed, failed };
}

const suites = [
  {
    name: "static",
    stack: false,
    when: () => true,
    describe: staticChecks.map((c) => c.name).join(", "),
    run: runStatic,
  },
  {
    name: "pgtap",
    stack: true,
    when: () => readdirSync(join(root, "supabase/tests")).some((f) => f.endsWith(".sql")),
    describe: "pg_prove --ext .sql -r supabase/tests/",
    // pg_prove: "Files=3, Tests=120" and, per failing file, "Failed 2/40 subtests".
    run: runnerSuite({
      cmd: ["pg_prove", "-d", process.env.SUPABASE_DB_URL, "--ext", ".sql", "-r", "supabase/tests/"],
      parse: (out) => ({ total: last(out, /Tests=(\d+)/g), failed: count(out, /Failed (\d+)\/\d+ subtests/g) }),
    }),
  },
  {
    name: "deno",
    stack: true,
    when: () => true,
    describe: "deno test supabase/functions/ vds/relay/",
    // Deno: "ok | 12 passed (3 steps) | 0 failed" or "FAILED | 11 passed | 1 failed".
    run: runnerSuite({
      cmd: [
        "deno",
        "test",
        "--config",
        "deno.json",
        "--allow-all",
        "--no-prompt",
        ...["supabase/functions/", "vds/relay/"].filter((d) => existsSync(join(root, d))),
      ],
      parse: (out) => ({ passed: last(out, /\| (\d+) passed/g), failed: last(out, /\| (\d+) failed/g) }),
    }),
  },
  ...["integration", "e2e"].map((dir) => ({
    name: dir,
    stack: true,
    when: () => existsSync(join(root, "tests", dir)),
    describe: `node --test tests/${dir}/`,
    run: runnerSuite({
      cmd: ["node", "--test", "--test-concurrency=1", `tests/${dir}/`],
      parse: (out) => ({ passed: last(out, /^# pass (\d+)/gm), failed: last(out, /^# fail (\d+)/gm) }),
    }),
  })),
];

const args = process.argv.slice(2);
const needsStackQuery = args[0] === "--needs-stack";
const wanted = needsStackQuery ? args.slice(1) : args;
const unknown = wanted.filter((name) => !suites.some((s) => s.name === name));
if (unknown.length) {
  console.error(`unknown suite: ${unknown.join(", ")} (suites: ${suites.map((s) => s.name).join(", ")})`);
  process.exit(2);
}
const chosen = suites.filter((s) => !wanted.length || wanted.includes(s.name));
if (needsStackQuery) process.exit(chosen.some((s) => s.stack) ? 0 : 1);

let passed = 0, failed = 0;
for (const suite of chosen.filter((s) => s.when())) {
  console.log(`\n━━ ${suite.name}: ${suite.describe}`);
  const r = suite.run();
  console.log(`━━ ${suite.name}: ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
