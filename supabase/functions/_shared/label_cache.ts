// Cache of LLM labels keyed by the normalised message text, valid 24 h from the LLM's answer: an in-memory
// layer per isolate in front of a persisted one (public.classifier_cache_get/put → sla.classifier_cache)
// that survives cold starts.
import { z } from "zod";
import type { Label } from "./classify.ts";

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

/** The minimal slice of a supabase-js client the store needs (service role). */
export interface RpcClient {
  rpc(fn: string, args: Record<string, unknown>): PromiseLike<{ data: unknown; error: { message: string } | null }>;
}

const Stored = z.object({
  label: z.enum(["REQUEST", "SPAM", "GRATITUDE", "CLARIFICATION"]),
  confidence: z.coerce.number().min(0).max(1),
  expires_at: z.string().datetime({ offset: true }),
}).transform(({ expires_at, ...rest }) => ({ ...rest, expiresAt: Date.parse(expires_at) })).nullable();

/** LabelStore over the SQL RPCs; errors are thrown so the caller can log them and carry on. */
export function rpcLabelStore(db: RpcClient): LabelStore {
  const call = async (fn: string, args: Record<string, unknown>) => {
    const { data, error } = await db.rpc(fn, args);
    if (error) throw new Error(`${fn}: ${error.message}`);
    return data;
  };
  return {
    get: async (key, now) =>
      Stored.parse(await call("classifier_cache_get", { p_text: key, p_now: now.toISOString() })),
    put: async (key, value, model, now) => {
      await call("classifier_cache_put", {
        p_text: key,
        p_label: value.label,
        p_confidence: value.confidence,
        p_model: model,
        p_now: now.toISOString(),
      });
    },
  };
}
