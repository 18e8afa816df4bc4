// Global settings and FAQ items change rarely and are needed on every client message, so each isolate
// keeps a copy for a few seconds: at 200 messages/s that is one refresh (two small RPCs) per thousand
// messages, and a console change applies within the TTL. An expired copy is refreshed before use; if the
// refresh fails, the previous copy serves (logged) rather than failing the message.
import { z } from "zod";
import type { Db } from "../_shared/rpc.ts";
import type { Logger } from "../_shared/log.ts";
import { type FaqItem, loadActiveFaq } from "../_shared/faq.ts";

const Settings = z.object({
  faq_enabled: z.boolean(),
  faq_min_score: z.coerce.number(),
  out_of_hours_ack: z.boolean(),
  llm_enabled: z.boolean(),
  llm_model: z.string(),
  llm_timeout_ms: z.number().int(),
});
export type Snapshot = z.infer<typeof Settings> & { faq: FaqItem[] };

export interface SettingsCache {
  get(): Promise<Snapshot>;
}

export const SETTINGS_TTL_MS = 5_000;

export function createSettingsCache(
  db: Db,
  log: Logger,
  now: () => number = Date.now,
  ttlMs = SETTINGS_TTL_MS,
): SettingsCache {
  let value: Snapshot | undefined;
  let loadedAt = 0;
  let loading: Promise<Snapshot> | undefined;
  const load = () =>
    loading ??= Promise.all([db.rpc("webhook_settings", {}, Settings), loadActiveFaq(db)])
      .then(([settings, faq]) => {
        value = { ...settings, faq };
        loadedAt = now();
        return value;
      })
      .finally(() => (loading = undefined));
  return {
    async get() {
      if (value && now() - loadedAt <= ttlMs) return value;
      try {
        return await load();
      } catch (error) {
        if (!value) throw error;
        log.error("settings refresh failed; using the previous copy", { error });
        return value;
      }
    },
  };
}
