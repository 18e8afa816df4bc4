// The function's dependencies, built once from the validated configuration: database, settings cache,
// classifier, background work and error reporting (Sentry when SENTRY_DSN is set, nothing otherwise).
import * as Sentry from "@sentry/deno";
import type { Config } from "./config.ts";
import type { Deps } from "./context.ts";
import type { Logger } from "../_shared/log.ts";
import { createDb } from "../_shared/rpc.ts";
import { scrubEvent } from "../_shared/sentry_scrub.ts";
import { createSettingsCache } from "./settings.ts";
import { createClassifier } from "./classifier.ts";

// Supabase's edge runtime keeps the isolate alive for work registered with waitUntil after the answer.
type Runtime = { waitUntil(work: Promise<unknown>): void };
const edgeRuntime = () => (globalThis as { EdgeRuntime?: Runtime }).EdgeRuntime;

export function createDeps(config: Config, log: Logger): Deps {
  // Errors are reported explicitly (the error boundary, the HTTP edge, background work), so Sentry's global
  // handlers are not needed — and would also catch other functions' errors in a shared local host.
  // beforeSend: no client text, name or id leaves for Sentry.
  if (config.SENTRY_DSN) {
    Sentry.init({ dsn: config.SENTRY_DSN, tracesSampleRate: 0, defaultIntegrations: false, beforeSend: scrubEvent });
  }
  const report = (error: unknown, extra: Record<string, unknown>) => {
    if (!config.SENTRY_DSN) return;
    Sentry.captureException(error, { extra });
    edgeRuntime()?.waitUntil(Sentry.flush(2000));
  };
  const background = (work: Promise<unknown>) => {
    const settled = work.catch((error) => {
      log.error("background work failed", { error });
      report(error, { where: "background" });
    });
    edgeRuntime()?.waitUntil(settled);
  };
  const db = createDb(config.SUPABASE_URL, config.SUPABASE_SERVICE_ROLE_KEY);
  const settings = createSettingsCache(db, log);
  return {
    config,
    db,
    log,
    settings,
    classifier: createClassifier(config, db, settings, log),
    now: () => new Date(),
    background,
    report,
  };
}
