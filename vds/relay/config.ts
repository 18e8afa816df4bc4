// Relay configuration: read once from the environment at start and validated with zod, so a missing or
// malformed variable stops the relay with a message that names it.
import { z } from "zod";
import { baseUrl, LogLevel, readEnv, withServiceKey } from "../../supabase/functions/_shared/env.ts";

const int = (fallback: number, min = 1) =>
  z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number")
    .min(min, `must be at least ${min}`).default(fallback);

const schema = z.object({
  SUPABASE_URL: baseUrl(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "must be the service_role key (a JWT or sb_secret_ key)"),
  REDIS_URL: z.string().regex(/^rediss?:\/\/./, "must look like redis://host:port"),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, "must look like <bot id>:<secret> as given by BotFather"),
  TELEGRAM_API_ROOT: baseUrl().default("https://api.telegram.org"),
  RELAY_HOST: z.string().default("127.0.0.1"),
  RELAY_PORT: int(54324).pipe(z.number().max(65535, "must be a TCP port (at most 65535)")),
  RELAY_WORKER_ID: z.string().regex(/^[\w.:-]{1,100}$/, "must be 1–100 characters of A-Z a-z 0-9 _ . : -").optional(),
  RELAY_BATCH: int(50).pipe(z.number().max(1000, "must be at most 1000")),
  RELAY_LEASE_SECONDS: int(30),
  RELAY_POLL_MS: int(500),
  RELAY_TELEGRAM_TIMEOUT_MS: int(10_000),
  RELAY_MAX_ATTEMPTS: int(6),
  RELAY_BACKOFF_BASE_MS: int(2_000),
  RELAY_BACKOFF_MAX_MS: int(300_000),
  // Telegram's limits; tests and benchmarks shrink every window by RELAY_TIME_SCALE (same ratios).
  RELAY_BOT_PER_SECOND: int(30),
  RELAY_GROUP_PER_MINUTE: int(20),
  RELAY_CHAT_PER_SECOND: int(1),
  RELAY_TIME_SCALE: z.coerce.number({ invalid_type_error: "must be a number" }).positive("must be above 0").default(1),
  // Added to every window: requests reach Telegram a little later than the limiter grants them, and
  // that jitter must not squeeze 31 sends into Telegram's one-second window.
  RELAY_LIMIT_GUARD_MS: int(100, 0),
  RELAY_REDIS_PREFIX: z.string().default("buhbot:relay:"),
  LOG_LEVEL: LogLevel,
}).superRefine((c, ctx) => {
  if (c.RELAY_LEASE_SECONDS * 1000 < 2 * c.RELAY_TELEGRAM_TIMEOUT_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["RELAY_LEASE_SECONDS"],
      message: "must be at least twice RELAY_TELEGRAM_TIMEOUT_MS, or a slow send would be taken for a dead relay",
    });
  }
});

export type Config = z.infer<typeof schema> & {
  workerId: string;
  windows: { botMs: number; groupMs: number; chatMs: number };
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const c = readEnv(schema, withServiceKey(env));
  const scaled = (ms: number) => ms / c.RELAY_TIME_SCALE + c.RELAY_LIMIT_GUARD_MS;
  return {
    ...c,
    workerId: c.RELAY_WORKER_ID ?? `relay-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`,
    windows: { botMs: scaled(1000), groupMs: scaled(60_000), chatMs: scaled(1000) },
  };
}
