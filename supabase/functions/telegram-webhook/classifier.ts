// Labelling a client message, split around the moment it is stored. Before storing, everything cheap and
// local: the FAQ matcher and the keyword rules (a Plan). Only when the LLM gate (needsLlm) lets the rules'
// verdict through is the label decided after storing (the LLM may take up to its 2 s budget, and a message
// is always stored before anything that slow or fallible happens).
import { classifyByRules, type Label, type RuleVerdict } from "../_shared/classify.ts";
import { type LabelSource, labelWithLlm, needsLlm } from "../_shared/llm.ts";
import { llmConfig } from "../_shared/llm_client.ts";
import { rpcLabelStore } from "../_shared/label_cache.ts";
import { type FaqItem, matchFaq } from "../_shared/faq.ts";
import type { Config } from "./config.ts";
import type { Db } from "../_shared/rpc.ts";
import type { Logger } from "../_shared/log.ts";
import type { SettingsCache } from "./settings.ts";

export type Later = { kind: "later"; text: string; rules: RuleVerdict };
export type Plan =
  | { kind: "none" }
  | { kind: "now"; label: Label; source: "rules" | "faq"; faq?: FaqItem }
  | Later;

export interface Classifier {
  /** text: what the classifier reads, null when the message has none (SQL decides what such a message is). */
  plan(text: string | null): Promise<Plan>;
  /** The LLM's label (or its cache's, or the fallback) of a message whose plan was "later" and that SQL left awaiting one. */
  decide(later: Later): Promise<{ label: Label; source: LabelSource }>;
}

const NONE: Plan = { kind: "none" };

export function createClassifier(config: Config, db: Db, settings: SettingsCache, log: Logger): Classifier {
  const store = rpcLabelStore(db);
  return {
    async plan(text) {
      if (text === null) return NONE;
      const s = await settings.get();
      const rules = classifyByRules(text);
      // Only something that would be a request may be answered by the FAQ ("спасибо за справку" is not).
      const faq = s.faq_enabled && rules.label === "REQUEST" ? matchFaq(text, s.faq, s.faq_min_score) : null;
      if (faq) return { kind: "now", label: rules.label, source: "faq", faq: faq.item };
      if (needsLlm(text, rules, llmConfig(s, config))) return { kind: "later", text, rules };
      return { kind: "now", label: rules.label, source: "rules" };
    },
    async decide({ text, rules }) {
      const result = await labelWithLlm(text, rules, { llm: llmConfig(await settings.get(), config), store, log });
      return { label: result.label, source: result.source };
    },
  };
}
