// The LLM half of the classifier. The rules (classify.ts) label every message; needsLlm is THE gate that
// decides whether their verdict is unsure enough to ask the LLM, and labelWithLlm asks it, through a 24 h
// cache and a circuit breaker. Every label says where it came from:
//   rules     the keyword rules were sure enough (or the LLM is off)
//   cache     an earlier LLM answer for the same normalised text (memory, then the database)
//   llm       a fresh LLM answer
//   fallback  the LLM was wanted but failed, timed out or its breaker is open → REQUEST
//             (a false alarm is cheaper than a missed client; the fallback ratio is a metric)
import { type Label, LLM_BELOW, normalize, type RuleVerdict } from "./classify.ts";
import { CircuitBreaker } from "./breaker.ts";
import { CACHE_TTL_MS, type LabelStore, MemoryLabelCache } from "./label_cache.ts";
import { askLlm, type LlmConfig } from "./llm_client.ts";

export type LabelSource = "rules" | "llm" | "cache" | "fallback";
export interface Classification {
  label: Label;
  confidence: number;
  source: LabelSource;
}

export interface ClassifyDeps {
  llm: LlmConfig;
  /** Persisted cache layer (rpcLabelStore(db)); without it only the memory layer is used. */
  store?: LabelStore;
  /** Where failures of the LLM or the store are reported; they never fail the classification. */
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
  fetch?: typeof fetch;
  /** Clock in epoch ms (tests pin it). */
  now?: () => number;
  memory?: MemoryLabelCache;
  breaker?: CircuitBreaker;
}

// Shared by every update an isolate handles: the cache and the breaker must outlive a single call.
const sharedMemory = new MemoryLabelCache();
// Opens after 3 consecutive failures for 60 s: a dead LLM then costs one 2 s probe per minute, not 2 s per message.
const sharedBreaker = new CircuitBreaker(3, 60_000);

/** Whether the rules' verdict on this text should be settled by the LLM: unsure, with words, LLM configured. */
export function needsLlm(text: string, rules: RuleVerdict, llm: Pick<LlmConfig, "enabled">): boolean {
  return rules.confidence < LLM_BELOW && llm.enabled && normalize(text) !== "";
}

/** The label of a text past the gate: cached, else asked; on failure REQUEST with the rules' confidence. */
export async function labelWithLlm(text: string, rules: RuleVerdict, deps: ClassifyDeps): Promise<Classification> {
  const key = normalize(text);
  const now = deps.now ?? Date.now;
  const memory = deps.memory ?? sharedMemory;
  const remembered = memory.get(key, now());
  if (remembered) return { ...remembered, source: "cache" };
  const stored = await fromStore(key, deps, now());
  if (stored) {
    memory.set(key, stored, stored.expiresAt);
    return { label: stored.label, confidence: stored.confidence, source: "cache" };
  }

  const breaker = deps.breaker ?? sharedBreaker;
  const fallback: Classification = { label: "REQUEST", confidence: rules.confidence, source: "fallback" };
  if (!breaker.allow(now())) return fallback;
  try {
    const answer = await askLlm(text, deps.llm, deps.fetch);
    breaker.success();
    memory.set(key, answer, now() + CACHE_TTL_MS);
    await toStore(key, answer, deps, now());
    return { ...answer, source: "llm" };
  } catch (error) {
    breaker.failure(now());
    deps.log?.warn("classifier: LLM unavailable, falling back to REQUEST", { error: describe(error) });
    return fallback;
  }
}

async function fromStore(key: string, deps: ClassifyDeps, nowMs: number) {
  try {
    return await deps.store?.get(key, new Date(nowMs)) ?? null;
  } catch (error) {
    deps.log?.warn("classifier: cache read failed", { error: describe(error) });
    return null;
  }
}

async function toStore(key: string, answer: { label: Label; confidence: number }, deps: ClassifyDeps, nowMs: number) {
  try {
    await deps.store?.put(key, answer, deps.llm.model, new Date(nowMs));
  } catch (error) {
    deps.log?.warn("classifier: cache write failed", { error: describe(error) });
  }
}

const describe = (error: unknown) => error instanceof Error ? `${error.name}: ${error.message}` : String(error);
