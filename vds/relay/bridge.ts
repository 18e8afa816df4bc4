// The polling bridge's process (polling.ts says what it guarantees): configuration, /health, /metrics,
// SIGTERM. It runs beside the relay, not inside it, so a webhook deployment never carries it and a
// restart of one never pauses the other.
// Run: deno run --config deno.json --allow-net --allow-env --allow-read vds/relay/bridge.ts
import { z } from "zod";
import { baseUrl, LogLevel, readEnv } from "../../supabase/functions/_shared/env.ts";
import { createLogger } from "../../supabase/functions/_shared/log.ts";
import { createDb } from "../../supabase/functions/_shared/rpc.ts";
import { createPolling, type Polling } from "./polling.ts";

const schema = z.object({
  SUPABASE_URL: baseUrl(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "must be the service_role key (a JWT or sb_secret_ key)"),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, "must look like <bot id>:<secret> as given by BotFather"),
  TELEGRAM_API_ROOT: baseUrl().default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[\w-]{1,256}$/, "must be 1–256 characters of A-Z a-z 0-9 _ -"),
  // Where updates go; by default the webhook function behind the Supabase gateway.
  BRIDGE_WEBHOOK_URL: baseUrl().optional(),
  BRIDGE_ALLOWED_UPDATES: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/, "must be a comma-separated list of update kinds")
    .default("message,edited_message,callback_query,my_chat_member,chat_member"),
  BRIDGE_POLL_TIMEOUT_S: z.coerce.number().int().min(0).max(50).default(25),
  BRIDGE_RETRY_MAX_MS: z.coerce.number().int().min(1_000).default(60_000),
  BRIDGE_HOST: z.string().default("127.0.0.1"),
  BRIDGE_PORT: z.coerce.number().int().min(1).max(65535).default(54336),
  LOG_LEVEL: LogLevel,
});

let env: z.output<typeof schema>;
try {
  env = readEnv(schema, Deno.env.toObject());
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  Deno.exit(2);
}

const log = createLogger({ service: "bridge" }, env.LOG_LEVEL);
const polling = createPolling({
  cfg: {
    apiRoot: env.TELEGRAM_API_ROOT,
    token: env.TELEGRAM_BOT_TOKEN,
    webhookUrl: env.BRIDGE_WEBHOOK_URL ?? `${env.SUPABASE_URL}/functions/v1/telegram-webhook`,
    secret: env.TELEGRAM_WEBHOOK_SECRET,
    allowedUpdates: env.BRIDGE_ALLOWED_UPDATES.split(","),
    pollTimeoutS: env.BRIDGE_POLL_TIMEOUT_S,
    retryMaxMs: env.BRIDGE_RETRY_MAX_MS,
  },
  db: createDb(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY),
  log,
});

/** Healthy while getUpdates answers: a long poll returns at least every BRIDGE_POLL_TIMEOUT_S. */
function health(p: Polling) {
  const s = p.stats(), staleAfter = env.BRIDGE_POLL_TIMEOUT_S + 30;
  const fresh = s.lastPollAt !== null && Date.now() / 1000 - s.lastPollAt < staleAfter;
  return { status: fresh ? "ok" : "down", ...s };
}

function metrics(p: Polling): string {
  const s = p.stats(), nan = (v: number | null) => (v === null ? "NaN" : String(v));
  return [
    "# HELP buhbot_bridge_last_poll_timestamp_seconds When the Bot API last answered the bridge (unix time).",
    "# TYPE buhbot_bridge_last_poll_timestamp_seconds gauge",
    `buhbot_bridge_last_poll_timestamp_seconds ${nan(s.lastPollAt)}`,
    "# HELP buhbot_bridge_lag_seconds Age of the last update handed to the webhook when it was handed over.",
    "# TYPE buhbot_bridge_lag_seconds gauge",
    `buhbot_bridge_lag_seconds ${nan(s.lagSeconds)}`,
    "# HELP buhbot_bridge_updates_total Updates the webhook accepted from the bridge.",
    "# TYPE buhbot_bridge_updates_total counter",
    `buhbot_bridge_updates_total ${s.delivered}`,
    "# HELP buhbot_bridge_errors_total Failed attempts by stage (poll = getUpdates, deliver = webhook, offset = database).",
    "# TYPE buhbot_bridge_errors_total counter",
    ...Object.entries(s.errors).map(([stage, n]) => `buhbot_bridge_errors_total{stage="${stage}"} ${n}`),
    "# HELP buhbot_bridge_offset The getUpdates offset the bridge resumes from.",
    "# TYPE buhbot_bridge_offset gauge",
    `buhbot_bridge_offset ${s.offset}`,
    "",
  ].join("\n");
}

const server = Deno.serve({
  hostname: env.BRIDGE_HOST,
  port: env.BRIDGE_PORT,
  onListen: ({ hostname, port }) => log.info("bridge listening", { hostname, port }),
}, (req) => {
  const path = new URL(req.url).pathname;
  if (req.method !== "GET") return new Response("method not allowed\n", { status: 405 });
  if (path === "/health") {
    const report = health(polling);
    return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
  }
  if (path === "/metrics") {
    return new Response(metrics(polling), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } });
  }
  return new Response("not found\n", { status: 404 });
});

async function shutdown(signal: string) {
  log.info("stopping", { signal });
  await polling.stop();
  await server.shutdown();
  Deno.exit(0);
}
Deno.addSignalListener("SIGTERM", () => void shutdown("SIGTERM"));
Deno.addSignalListener("SIGINT", () => void shutdown("SIGINT"));
polling.start();
