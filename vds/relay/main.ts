// BuhBot outbox relay: the one process that sends what the database decided to say in Telegram.
// Run: deno run --config deno.json --allow-net --allow-env --allow-read vds/relay/main.ts
import { createLogger } from "../../supabase/functions/_shared/log.ts";
import { createDb } from "../../supabase/functions/_shared/rpc.ts";
import { type Config, loadConfig } from "./config.ts";
import { createDeliver } from "./deliver.ts";
import { createHealth } from "./health.ts";
import { createLimiter } from "./limiter.ts";
import { createMetrics } from "./metrics.ts";
import { createScrape } from "./ops.ts";
import { createOutbox } from "./outbox.ts";
import { createRelay } from "./relay.ts";
import { createBot } from "./telegram.ts";

let cfg: Config;
try {
  cfg = loadConfig(Deno.env.toObject());
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  Deno.exit(2);
}

const log = createLogger({ service: "relay", worker: cfg.workerId }, cfg.LOG_LEVEL);
const db = createOutbox(createDb(cfg.SUPABASE_URL, cfg.SUPABASE_SERVICE_ROLE_KEY), cfg);
const limiter = createLimiter(cfg), bot = createBot(cfg), metrics = createMetrics();
const relay = createRelay({ cfg, db, limiter, log, deliver: createDeliver({ cfg, db, limiter, bot, metrics, log }) });
const health = createHealth({ db, limiter, bot });
const scrape = createScrape({ db, limiter, bot, metrics, health, log });

async function serve(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  if (req.method !== "GET") return new Response("method not allowed\n", { status: 405 });
  // /health is the full report for ops inside the network; /status, which nginx publishes as
  // https://$DOMAIN/health, tells outside probes only ok/degraded/down, never the components' errors.
  if (path === "/health" || path === "/status") {
    const report = await health.check();
    const body = path === "/status" ? { status: report.status } : { ...report, worker: cfg.workerId, ...relay.stats() };
    return Response.json(body, { status: report.status === "down" ? 503 : 200 });
  }
  if (path === "/metrics") {
    return new Response(await scrape(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } });
  }
  return new Response("not found\n", { status: 404 });
}

const server = Deno.serve({
  hostname: cfg.RELAY_HOST,
  port: cfg.RELAY_PORT,
  onListen: ({ hostname, port }) => log.info("relay listening", { hostname, port }),
}, serve);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("stopping: finishing in-flight sends", { signal });
  const released = await relay.stop();
  await limiter.close();
  await server.shutdown();
  log.info("stopped", { released });
  Deno.exit(0);
}
Deno.addSignalListener("SIGTERM", () => void shutdown("SIGTERM"));
Deno.addSignalListener("SIGINT", () => void shutdown("SIGINT"));

relay.start();
