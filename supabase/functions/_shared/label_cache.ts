// Cache of LLM labels keyed by the normalised message text, valid 24 h from the LLM's answer: an in-memory
// layer per isolate in front of a persisted one (public.classifier_cache_get/put → sla.classifier_cache)
// that survives cold starts.
import { z } from "zod";
import type { Label } from "./classify.ts";
import type { Db } from "./rpc.ts";

export const CACHE_TTL_MS = 24 * 60 * 60 * 1000;

export interface CachedLabel {
  label: Label;
  confidence: number;
}

/** The persisted layer. `now` is passed so that expiry is decided by the caller's clock. */
export interface LabelStore {
  get(key: string, now: Date): Promise<(CachedLabel & { expiresAt: number }) | null>;
  put(key: string, value: CachedLabel, model: string, now: Date): Promise<void>;
}

/** Bounded map with per-entry expiry; the oldest entry goes first when it is full. */
export class MemoryLabelCache {
  #entries = new Map<string, CachedLabel & { expiresAt: number }>();
  constructor(readonly maxEntries = 5_000) {}

  get(key: string, nowMs: number): CachedLabel | null {
    const hit = this.#entries.get(key);
    if (!hit) return null;
    if (hit.expiresAt <= nowMs) {
      this.#entries.delete(key);
      return null;
    }
    return { label: hit.label, confidence: hit.confidence };
  }

  set(key: string, value: CachedLabel, expiresAtMs: number): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { label: value.label, confidence: value.confidence, expiresAt: expiresAtMs });
  }
}

const Stored = z.object({
  label: z.enum(["REQUEST", "SPAM", "GRATITUDE", "CLARIFICATION"]),
  confidence: z.number().min(0).max(1),
  expires_at: z.string().datetime({ offset: true }),
}).nullable();

/** LabelStore over the SQL RPCs (service role); errors propagate so labelWithLlm can report them. */
export function rpcLabelStore(db: Db): LabelStore {
  return {
    get: async (key, now) => {
      const row = await db.rpc("classifier_cache_get", { p_text: key, p_now: now.toISOString() }, Stored);
      return row && { label: row.label, confidence: row.confidence, expiresAt: Date.parse(row.expires_at) };
    },
    put: async (key, value, model, now) => {
      const args = { p_text: key, p_label: value.label, p_confidence: value.confidence, p_model: model };
      await db.rpc("classifier_cache_put", { ...args, p_now: now.toISOString() }, z.unknown());
    },
  };
}
