// Telegram webhook (Supabase Edge Function). Configuration is validated here, once, at start-up: a
// missing or malformed variable stops the function with a message naming it.
import * as Sentry from "@sentry/deno";
import { loadConfig } from "./config.ts";
import { createLogger } from "../_shared/log.ts";
import { createDb } from "./db.ts";
import { createSettingsCache } from "./settings.ts";
import { createClassifier } from "./classifier.ts";
import { createBot } from "./bot.ts";
import { createWebhookHandler } from "./webhook.ts";
import type { Deps } from "./context.ts";

const config = loadConfig(Deno.env.toObject());
const log = createLogger({ fn: "telegram-webhook" }, config.LOG_LEVEL);
if (config.SENTRY_DSN) Sentry.init({ dsn: config.SENTRY_DSN, tracesSampleRate: 0 });

// Supabase's edge runtime keeps the isolate alive for work registered with waitUntil after the answer.
const runtime = (globalThis as { EdgeRuntime?: { waitUntil(p: Promise<unknown>): void } }).EdgeRuntime;
const background = (work: Promise<unknown>) => {
  const settled = work.catch((error) => log.error("background work failed", { error }));
  runtime?.waitUntil(settled);
};

const db = createDb(config.SUPABASE_URL, config.SUPABASE_SERVICE_ROLE_KEY);
const settings = createSettingsCache(db, log);
const deps: Deps = {
  config,
  db,
  log,
  settings,
  classifier: createClassifier(config, db, settings, log),
  now: () => new Date(),
  background,
  report: (error, extra) => {
    if (!config.SENTRY_DSN) return;
    Sentry.captureException(error, { extra });
    background(Sentry.flush(2000));
  },
};

Deno.serve(createWebhookHandler(createBot(deps), deps));
