// Telegram webhook (Supabase Edge Function). Configuration is validated here, once, at start-up: a
// missing or malformed variable stops the function with a message naming it.
import { loadConfig } from "./config.ts";
import { createLogger } from "../_shared/log.ts";
import { createDeps } from "./deps.ts";
import { createBot } from "./bot.ts";
import { createWebhookHandler } from "./webhook.ts";

const config = loadConfig(Deno.env.toObject());
const deps = createDeps(config, createLogger({ fn: "telegram-webhook" }, config.LOG_LEVEL));
Deno.serve(createWebhookHandler(createBot(deps), deps));
