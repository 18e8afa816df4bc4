// Restore drill: vds/backup/backup.sh dumps the stack's database (and Redis, and configs) exactly as the
// VDS container runs it (root without any capability, no new privileges: setpriv), copies the set to an
// off-site store (here an rclone destination on the local filesystem in place of the S3 bucket), and
// restore.sh puts it into a brand-new Postgres cluster shaped like a Supabase project: the superuser is
// supabase_admin, postgres is an ordinary role, GoTrue's auth.schema_migrations is already filled in and
// supabase_admin has default privileges. Every table of public and auth must come back with the same
// rows: count and an md5 over the rows in order. The source is read in the snapshot pg_dump dumps
// (pg_export_snapshot), so writes by pg_cron or the relay during the drill cannot skew it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { DB_URL } from "../lib/stack.mjs";
import { freePort, REDIS_URL, ROOT, run, VDS } from "../lib/vds.mjs";

const PGBIN = "/usr/lib/postgresql/15/bin";
let dir, target, sets, offsite, source, backupOut;

const asPostgres = (cmd, ...args) => {
  const r = run("runuser", ["-u", "postgres", "--", join(PGBIN, cmd), ...args]);
  assert.equal(r.status, 0, r.out);
};
// As docker-compose.yml runs the backup container: root, no capability at all (cap_drop: [ALL]), no new
// privileges. Root without CAP_DAC_OVERRIDE reads only what root owns or what anyone may read.
const CONTAINER = [
  "setpriv",
  "--reuid=0",
  "--regid=0",
  "--clear-groups",
  "--inh-caps=-all",
  "--ambient-caps=-all",
  "--bounding-set=-all",
  "--no-new-privs",
];
const script = (name, args, env = {}) =>
  new Promise((resolve) => {
    const [cmd, ...pre] = [...CONTAINER, "bash"];
    const child = spawn(cmd, [...pre, join(VDS, "backup", name), ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (status) => resolve({ status, out }));
  });

// Row count and md5 of the ordered rows of every table in public and auth, except GoTrue's migration
// history, which the target has of its own and a restore leaves alone.
async function checksums(sql) {
  const tables = await sql`select schemaname as s, tablename as t from pg_tables
                           where schemaname in ('public', 'auth') and (schemaname, tablename) <> ('auth', 'schema_migrations')
                           order by 1, 2`;
  const sums = {};
  for (const { s, t } of tables) {
    const [row] =
      await sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, E'\n' order by x::text collate "C")), '') as md5
                            from ${sql(s)}.${sql(t)} x`;
    sums[`${s}.${t}`] = `${row.n} rows ${row.md5}`;
  }
  return sums;
}

// A new cluster as on a fresh Supabase project: Supabase's roles and auth schema, no application; the
// platform's superuser supabase_admin owns the cluster and postgres is not a superuser.
async function freshCluster() {
  const port = await freePort();
  mkdirSync(join(dir, "pg"));
  writeFileSync(join(dir, "pg/pwfile"), "postgres\n");
  run("chown", ["-R", "postgres:postgres", join(dir, "pg")]);
  asPostgres(
    "initdb",
    "-D",
    join(dir, "pg/data"),
    "-U",
    "supabase_admin",
    `--pwfile=${join(dir, "pg/pwfile")}`,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  );
  // pg_cron is preloaded so the dump's CREATE EXTENSION works; its jobs cannot log in (no background
  // workers, no password for cron.host), so restored jobs never change the data under comparison.
  writeFileSync(
    join(dir, "pg/data/postgresql.conf"),
    `port = ${port}\nlisten_addresses = '127.0.0.1'\n` +
      `unix_socket_directories = '${join(dir, "pg")}'\nshared_preload_libraries = 'pg_cron'\n` +
      "cron.database_name = 'postgres'\nfsync = off\nwal_level = logical\n",
    { flag: "a" },
  );
  asPostgres("pg_ctl", "-D", join(dir, "pg/data"), "-l", join(dir, "pg/log"), "-w", "start");
  const admin = `postgresql://supabase_admin:postgres@127.0.0.1:${port}/postgres`;
  const psql = (...args) => {
    const r = run("psql", ["-q", "-v", "ON_ERROR_STOP=1", admin, ...args]);
    assert.equal(r.status, 0, r.out);
  };
  // What the platform gives postgres on a project, and no more: no superuser, the extensions it may
  // use already created, the cron schema, and SET on the one superuser setting a restore needs.
  psql(
    "-c",
    `create role postgres login createrole createdb replication bypassrls password 'postgres';
     alter schema public owner to postgres;
     grant create on database postgres to postgres;
     create extension pg_cron;
     grant usage on schema cron to postgres;
     grant all on all tables in schema cron to postgres;
     grant all on all sequences in schema cron to postgres;
     grant set on parameter session_replication_role to postgres;`,
  );
  psql("-f", join(ROOT, "supabase/local/bootstrap.sql"));
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}

// Off-site sets named 29 and 27 days before the drill.
const [offsiteOld, offsiteKept] = [29, 27].map((days) =>
  new Date(Date.now() - days * 86400_000).toISOString().replace(/[-:]|\.\d+/g, "")
);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "buhbot-restore-"));
  chmodSync(dir, 0o755);
  sets = join(dir, "backups");
  offsite = join(dir, "offsite");
  target = await freshCluster();
  // Two earlier sets: one past the 28-day retention, one inside it; locally by age, off-site by name.
  for (const [name, days] of [["20000101T000000Z", 29], ["20000102T000000Z", 27]]) {
    mkdirSync(join(sets, name), { recursive: true });
    const t = new Date(Date.now() - days * 86400_000);
    utimesSync(join(sets, name), t, t);
  }
  for (const name of [offsiteOld, offsiteKept]) {
    mkdirSync(join(offsite, name), { recursive: true });
    writeFileSync(join(offsite, name, "SHA256SUMS"), "");
  }
  // The container's config mounts: Let's Encrypt is root's and private (mode 700/600), like on the host.
  const le = join(dir, "letsencrypt/live", "bot.example.test");
  mkdirSync(le, { recursive: true });
  writeFileSync(join(le, "privkey.pem"), "key\n", { mode: 0o600 });
  chmodSync(join(dir, "letsencrypt"), 0o700);
  const sql = postgres(DB_URL, { max: 1, onnotice: () => {} });
  await sql.begin("isolation level repeatable read", async (tx) => {
    const [{ id }] = await tx`select pg_export_snapshot() as id`;
    source = await checksums(tx);
    backupOut = await script("backup.sh", [], {
      SUPABASE_DB_URL: DB_URL,
      BACKUP_DIR: sets,
      REDIS_URL,
      BACKUP_PG_DUMP_OPTIONS: `--snapshot=${id}`,
      BACKUP_CONFIG_PATHS: `${join(VDS, "prometheus")} ${join(VDS, "grafana")} ${join(dir, "letsencrypt")}`,
      BACKUP_METRICS_DIR: join(dir, "textfile"),
      BACKUP_OFFSITE: offsite,
    });
  });
  await sql.end();
});

after(() => {
  if (existsSync(join(dir, "pg/data/postmaster.pid"))) {
    asPostgres("pg_ctl", "-D", join(dir, "pg/data"), "-m", "immediate", "-w", "stop");
  }
  rmSync(dir, { recursive: true, force: true });
});

const newSet = () => backupOut.out.trim().split("\n").at(-1);

test("backup.sh writes a complete, checksummed set and records its success for node_exporter", () => {
  assert.equal(backupOut.status, 0, backupOut.out);
  const set = newSet();
  assert.match(set, /\/\d{8}T\d{6}Z$/);
  assert.deepEqual(readdirSync(set).sort(), ["SHA256SUMS", "config.tar.gz", "database.dump", "redis.rdb"]);
  const sums = readFileSync(join(set, "SHA256SUMS"), "utf8");
  for (const f of ["config.tar.gz", "database.dump", "redis.rdb"]) {
    assert.match(sums, new RegExp(`^[0-9a-f]{64}  ${f}$`, "m"));
  }
  assert.match(run("tar", ["-tzf", join(set, "config.tar.gz")]).out, /vds\/prometheus\/rules\/relay\.yml/);
  assert.match(readFileSync(join(set, "redis.rdb")).subarray(0, 5).toString(), /^REDIS/);
  const prom = readFileSync(join(dir, "textfile/buhbot_backup.prom"), "utf8");
  const check = run("promtool", ["check", "metrics"], { input: prom });
  assert.equal(check.status, 0, check.out);
  const at = Number(prom.match(/^buhbot_backup_last_success_timestamp_seconds (\d+)$/m)[1]);
  assert.ok(Math.abs(at - Date.now() / 1000) < 120);
  assert.match(prom, /^buhbot_backup_size_bytes [1-9]\d*$/m);
});

test("the drill runs backup.sh as the container does: a private file of another user is unreadable", () => {
  const secret = join(dir, "deploy.env");
  writeFileSync(secret, "SECRET=1\n", { mode: 0o600 });
  run("chown", ["65534:65534", secret]);
  const r = run(CONTAINER[0], [...CONTAINER.slice(1), "cat", secret]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /Permission denied/);
  assert.match(run(CONTAINER[0], [...CONTAINER.slice(1), "grep", "^CapEff", "/proc/self/status"]).out, /:\s+0+$/m);
});

test("the set is copied off-site whole: the copy passes its own checksums", () => {
  const name = newSet().split("/").at(-1);
  assert.deepEqual(readdirSync(join(offsite, name)).sort(), readdirSync(newSet()).sort());
  const check = run("sha256sum", ["--check", "--strict", "SHA256SUMS"], { cwd: join(offsite, name) });
  assert.equal(check.status, 0, check.out);
  assert.match(run("tar", ["-tzf", join(offsite, name, "config.tar.gz")]).out, /letsencrypt\/live\/.*privkey\.pem/);
});

test("off-site, sets named more than 28 days ago are purged and newer ones kept", () => {
  const left = readdirSync(offsite);
  assert.ok(!left.includes(offsiteOld), "the 29-day-old off-site set survived");
  assert.ok(left.includes(offsiteKept), "the 27-day-old off-site set was removed");
});

test("after a successful backup, sets older than 28 days are removed and newer ones kept", () => {
  const left = readdirSync(sets).sort();
  assert.ok(!left.includes("20000101T000000Z"), "the 29-day-old set survived");
  assert.ok(left.includes("20000102T000000Z"), "the 27-day-old set was removed");
  assert.equal(left.filter((n) => n.startsWith(".partial")).length, 0);
});

test("restore.sh brings back every public and auth table with the same rows", async () => {
  const r = await script("restore.sh", [newSet(), target]);
  assert.equal(r.status, 0, r.out);
  const sql = postgres(target, { max: 1, onnotice: () => {} });
  try {
    const restored = await checksums(sql);
    assert.ok(Object.keys(source).length >= 15, `only ${Object.keys(source).length} tables in the source`);
    assert.ok(Object.values(source).some((v) => !v.startsWith("0 rows")), "the source has no data to compare");
    assert.deepEqual(restored, source);
    // The application's code came back too: functions, RLS and the grants PostgREST callers need.
    const [fns] = await sql`select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                            where n.nspname in ('sla', 'authz', 'public')`;
    assert.ok(fns.n >= 20, `${fns.n} functions restored`);
    const [rls] =
      await sql`select bool_and(relrowsecurity) as on from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'public' and c.relkind = 'r'`;
    assert.equal(rls.on, true);
    const [grant] = await sql`select has_table_privilege('authenticated', 'public.chats', 'select') as ok`;
    assert.equal(grant.ok, true);
    // The platform's own rows and settings are as the target had them, not doubled or taken over.
    const migrations = await sql`select version from auth.schema_migrations order by 1`;
    assert.deepEqual(migrations.map((m) => m.version), ["20171026211738", "20221208132122"]);
    const [superuser] = await sql`select rolsuper from pg_roles where rolname = current_user`;
    assert.equal(superuser.rolsuper, false);
  } finally {
    await sql.end();
  }
});

test("restore.sh refuses a target that already has tables, or lacks Supabase's auth schema", async () => {
  const again = await script("restore.sh", [newSet(), target]);
  assert.notEqual(again.status, 0);
  assert.match(again.out, /already has \d+ tables/);
  const sql = postgres(target, { max: 1, onnotice: () => {} });
  await sql`create database plain`;
  await sql.end();
  const plain = await script("restore.sh", [newSet(), target.replace(/\/postgres$/, "/plain")]);
  assert.notEqual(plain.status, 0);
  assert.match(plain.out, /lacks Supabase's roles or auth schema/);
});

test("restore.sh refuses a set whose files do not match their checksums", async () => {
  const copy = join(dir, "tampered");
  cpSync(newSet(), copy, { recursive: true });
  const dump = readFileSync(join(copy, "database.dump"));
  dump[dump.length - 10] ^= 0xff;
  writeFileSync(join(copy, "database.dump"), dump);
  const r = await script("restore.sh", [copy, target.replace(/\/postgres$/, "/plain")]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /database\.dump: FAILED/);
});
