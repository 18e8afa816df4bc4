// The function's configuration, validated once at start. A missing or malformed variable stops start-up
// with a message naming the variable, instead of failing later on the first update.
import { z } from "zod";
import { baseUrl, LogLevel, readEnv, withServiceKey } from "../_shared/env.ts";

// The bot's own identity (what getMe returns). Given as config it saves a getMe call on every cold start;
// get it once with `curl https://api.telegram.org/bot<token>/getMe | jq -c .result`.
const BotInfo = z.string().transform((raw, ctx) => {
  try {
    return z.object({
      id: z.number().int().positive(),
      is_bot: z.literal(true),
      first_name: z.string(),
      username: z.string().regex(/^\w{5,64}$/),
      can_join_groups: z.boolean(),
      can_read_all_group_messages: z.boolean(),
      supports_inline_queries: z.boolean(),
    }).passthrough().parse(JSON.parse(raw));
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be the JSON of getMe's result" });
    return z.NEVER;
  }
});

const Env = z.object({
  TELEGRAM_BOT_TOKEN: z.string().regex(
    /^\d+:[A-Za-z0-9_-]+$/,
    "must look like 123456:ABC-DEF (the token from @BotFather)",
  ),
  // Telegram allows 1–256 characters A–Z a–z 0–9 _ - in secret_token.
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1–256 characters of A-Z a-z 0-9 _ -"),
  TELEGRAM_API_ROOT: baseUrl().default("https://api.telegram.org"),
  TELEGRAM_BOT_INFO: BotInfo.optional(),
  SUPABASE_URL: z.string().url("must be a URL"),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "looks too short for an API key"),
  SENTRY_DSN: z.string().url("must be a URL").optional(),
  OPENROUTER_API_KEY: z.string().optional(),
  OPENROUTER_BASE_URL: z.string().url("must be a URL").optional(),
  LOG_LEVEL: LogLevel,
});

export type Config = z.infer<typeof Env>;

export const loadConfig = (env: Record<string, string | undefined>): Config => readEnv(Env, withServiceKey(env));
