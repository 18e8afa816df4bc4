// FAQ auto-answers: which FAQ item, if any, answers a client message.
// Matching is on the classifier's normalised text (case, ё, punctuation and emoji ignored) and on whole
// words: keyword "акт" does not fire on "актуально". A keyword may be a phrase ("акт сверки") and may end
// in * to accept any ending ("декларац*" matches "декларацию"). An item's score is the share of its
// keywords found in the message; the best item scoring at least settings.faq_min_score wins (ties: more
// keywords matched, then the older item). A wrong auto-answer leaves a client without a request, so the
// threshold and the keywords are the admins' lever between helpfulness and risk.
import { z } from "zod";
import { normalize } from "./classify.ts";
import type { Db } from "./rpc.ts";

export interface FaqItem {
  id: number;
  question: string;
  /** Plain text; the bot's `html` template escapes it when it answers. */
  answer: string;
  keywords: string[];
}
export interface FaqMatch {
  item: FaqItem;
  /** matched keywords / keywords, 0..1 */
  score: number;
  matched: string[];
}

/** Whole-word pattern of one keyword on normalised text, or null when nothing matchable is left. */
export function keywordPattern(keyword: string): RegExp | null {
  const stem = keyword.trim().endsWith("*");
  const words = normalize(keyword);
  if (words === "") return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}${stem ? "[\\p{L}\\p{N}]*" : "(?![\\p{L}\\p{N}])"}`, "u");
}

function scoreFaq(normalizedText: string, item: FaqItem): FaqMatch {
  const keywords = [...new Set(item.keywords.map((k) => k.trim()))];
  const patterns = keywords.map((k) => [k, keywordPattern(k)] as const).filter(([, re]) => re !== null);
  const matched = patterns.filter(([, re]) => re!.test(normalizedText)).map(([k]) => k);
  return { item, score: patterns.length ? matched.length / patterns.length : 0, matched };
}

/** The FAQ item that answers this message, or null when none reaches minScore (0 < minScore ≤ 1). */
export function matchFaq(text: string, items: FaqItem[], minScore: number): FaqMatch | null {
  const normalized = normalize(text);
  if (normalized === "") return null;
  let best: FaqMatch | null = null;
  for (const item of items) {
    const m = scoreFaq(normalized, item);
    if (m.matched.length === 0 || m.score < minScore) continue;
    if (!best || m.score > best.score || (m.score === best.score && m.matched.length > best.matched.length)) best = m;
  }
  return best;
}

const FaqRows = z.array(z.object({
  id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  keywords: z.array(z.string()),
}));

/** Active FAQ items (service role), ordered by id so ties go to the older item. */
export const loadActiveFaq = (db: Db): Promise<FaqItem[]> => db.rpc("faq_active", {}, FaqRows);

/** Counts one automatic answer; returns the item's new usage count (null if it was deleted meanwhile). */
export const recordFaqUse = (db: Db, faqId: number, now: Date): Promise<number | null> =>
  db.rpc("faq_record_use", { p_faq_id: faqId, p_now: now.toISOString() }, z.number().int().nullable());
