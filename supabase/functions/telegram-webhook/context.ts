// What every handler gets: the dependencies, a logger bound to the update, what the intake stored and,
// behind staffOnly, who the staff member is.
import type { Context } from "grammy/web";
import type { Config } from "./config.ts";
import type { Db } from "../_shared/rpc.ts";
import type { Logger } from "../_shared/log.ts";
import type { SettingsCache } from "./settings.ts";
import type { Classifier } from "./classifier.ts";
import type { Stored } from "./stored.ts";
import type { Identity } from "./people.ts";

export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  settings: SettingsCache;
  classifier: Classifier;
  now: () => Date;
  /** Work that may finish after the HTTP answer (EdgeRuntime.waitUntil on Supabase). */
  background: (work: Promise<unknown>) => void;
  /** Sentry, when configured. */
  report: (error: unknown, extra: Record<string, unknown>) => void;
}

export interface WebhookFlavor {
  deps: Deps;
  log: Logger;
  /** Set by the intake for group messages: how the database stored and labelled the message. */
  stored?: Stored;
  /** Set by staffOnly: the sender, a staff member. */
  staff?: Identity;
  /** The error that ended this update's handling, if any (recorded in telegram_updates). */
  failure?: unknown;
}

export type BotContext = Context & WebhookFlavor;
