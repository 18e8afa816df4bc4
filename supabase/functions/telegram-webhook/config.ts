// The function's configuration, validated once at start. A missing or malformed variable stops start-up
// with a message naming the variable, instead of failing later on the first update.
import { z } from "zod";

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const Env = z.object({
  TELEGRAM_BOT_TOKEN: z.string({ required_error: "is required" })
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-DEF (the token from @BotFather)"),
  // Telegram allows 1–256 characters A–Z a–z 0–9 _ - in secret_token.
  TELEGRAM_WEBHOOK_SECRET: z.string({ required_error: "is required" })
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1–256 characters of A-Z a-z 0-9 _ -"),
  TELEGRAM_API_ROOT: optional(z.string().url("must be a URL")).transform((v) =>
    (v ?? "https://api.telegram.org").replace(/\/+$/, "")
  ),
  SUPABASE_URL: z.string({ required_error: "is required" }).url("must be a URL"),
  SUPABASE_SERVICE_ROLE_KEY: z.string({ required_error: "is required" }).min(20, "looks too short for an API key"),
  SENTRY_DSN: optional(z.string().url("must be a URL")),
  OPENROUTER_API_KEY: optional(z.string()),
  OPENROUTER_BASE_URL: optional(z.string().url("must be a URL")),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"])).transform((v) => v ?? "info"),
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = Env.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
}
