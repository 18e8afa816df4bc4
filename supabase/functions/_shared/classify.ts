// Rule classifier for client messages: REQUEST / SPAM / GRATITUDE / CLARIFICATION.
// Pure and synchronous: no env, no network, importable on its own. The rules decide the obvious cases;
// what they find ambiguous comes back as REQUEST with confidence below LLM_BELOW, so a caller may ask the
// LLM (llm.ts) — and without one the product still errs on the side of answering the client.
//
// Decision order (first hit wins)                                        label          confidence
//  1. nothing but emoji/punctuation ("👍", "+", "??")                    SPAM/REQUEST    0.95 / 0.5
//  2. advertising (two different spam markers)                           SPAM            0.85
//  3. opens as a clarification ("уточняю:", "забыл —") and asks nothing   CLARIFICATION   0.85
//  4. a question ("?", где/когда/…, clause-initial что/как) or an ask   REQUEST         0.95
//  5. withdrawn or misposted ("вопрос снят", "не туда написала")        SPAM/GRATITUDE  0.8
//  6. a need or a problem ("нужна", "не могу", "ошибка", "срочно")      REQUEST         0.9
//  7. a bare detail ("ИНН 7712345678", "сумма 45 000")                  CLARIFICATION   0.7
//  8. the firm's subject matter (справка, платежка, НДС, зарплата, …)   REQUEST         0.75
//  9. only thanks/acknowledgements/greetings (thanks and acks may carry  GRATITUDE/SPAM  0.9 (0.7 with extras)
//     up to 2 other words, e.g. a name)
// 10. anything else                                                      REQUEST         0.4 (ambiguous)
import * as W from "./classify_words.ts";

export type Label = "REQUEST" | "SPAM" | "GRATITUDE" | "CLARIFICATION";
export interface RuleVerdict {
  label: Label;
  confidence: number;
}

/** Verdicts below this confidence are ambiguous: worth a second opinion from the LLM. */
export const LLM_BELOW = 0.6;

/**
 * Canonical form of a message: NFKC, lower case, ё → е, every run of non-letters/non-digits (punctuation,
 * emoji, symbols, whitespace) collapsed to one space, trimmed. Also the LLM cache key and the FAQ matcher's input.
 */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replaceAll("ё", "е").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

const has = (re: RegExp, s: string) => s.search(re) >= 0;
const verdict = (label: Label, confidence: number): RuleVerdict => ({ label, confidence });

// "?" and its emoji look-alikes in the raw text (normalising removes them).
const QUESTION_MARK = /[?？¿❓❔]/u;
// Clause boundaries in the raw text, for question words that count only at a clause start.
const CLAUSE_BREAK = /[.,!?;:()\n…—–]+|\s-\s/u;
// "спасибо за отчет / за помощь": what the thanks are for is not a new topic.
const THANKS_FOR = /(?<![\p{L}\p{N}])((?:спасиб|благодар)\S*) за \S+/gu;

export function classifyByRules(text: string): RuleVerdict {
  const norm = normalize(text);
  const asksQuestion = QUESTION_MARK.test(text);
  if (norm === "") return asksQuestion ? verdict("REQUEST", 0.5) : verdict("SPAM", 0.95);
  if (spamScore(norm) >= 2) return verdict("SPAM", 0.85);

  const question = asksQuestion || has(W.QUESTION_WORDS, norm) || opensQuestionClause(text);
  const asks = has(W.ASK_WORDS, norm) || norm.split(" ").some(isPoliteAsk);
  if (W.CLARIFICATION_LEAD.test(norm) && !question && !asks) return verdict("CLARIFICATION", 0.85);
  if (question || asks) return verdict("REQUEST", 0.95);
  if (has(W.WITHDRAWN, norm)) return verdict(has(W.GRATITUDE, norm) ? "GRATITUDE" : "SPAM", 0.8);
  const topic = norm.replace(THANKS_FOR, "$1");
  if (has(W.NEED_WORDS, topic) || has(W.PROBLEMS, topic)) return verdict("REQUEST", 0.9);
  if (isBareDetail(norm)) return verdict("CLARIFICATION", 0.7);
  if (has(W.DOMAIN_NOUNS, topic)) return verdict("REQUEST", 0.75);
  return socialVerdict(norm) ?? verdict("REQUEST", 0.4);
}

function spamScore(norm: string): number {
  return new Set(norm.match(W.SPAM_MARKERS) ?? []).size;
}

function isPoliteAsk(word: string): boolean {
  return W.ASKING_ENDING.test(word) && !W.NOT_ASKING.has(word);
}

/** "что с отчетом", "Мы купили авто, как его учесть": что/как/кто opening a clause, not after thanks. */
function opensQuestionClause(text: string): boolean {
  const clauses = text.split(CLAUSE_BREAK).map(normalize);
  return clauses.some((clause, i) =>
    W.CLAUSE_QUESTION_WORDS.test(clause) && !W.NOT_A_QUESTION.test(clause) &&
    !(i > 0 && has(W.GRATITUDE, clauses[i - 1].split(" ").at(-1) ?? ""))
  );
}

/** A short message carrying an identifier or value with digits, and nothing else to act on. */
function isBareDetail(norm: string): boolean {
  const wordCount = norm.split(" ").filter((t) => /\p{L}/u.test(t)).length;
  return wordCount <= 5 && /\d/.test(norm) && has(W.DETAIL_WORDS, norm);
}

/**
 * Thanks, acknowledgements and greetings. Thanks and acknowledgements may carry a name or two ("Спасибо,
 * Ольга Ивановна"); a greeting followed by anything unknown usually opens a request, so it stays one.
 */
function socialVerdict(norm: string): RuleVerdict | null {
  const thanks = has(W.GRATITUDE, norm);
  const closing = thanks || has(W.ACKNOWLEDGEMENTS, norm);
  if (!closing && !has(W.GREETINGS, norm)) return null;
  const rest = [W.GRATITUDE, W.ACKNOWLEDGEMENTS, W.GREETINGS, W.FILLER].reduce((s, re) => s.replace(re, " "), norm);
  const extras = rest.trim() === "" ? 0 : rest.trim().split(/ +/).length;
  if (extras > (closing ? 2 : 0)) return null;
  return verdict(thanks ? "GRATITUDE" : "SPAM", extras === 0 ? 0.9 : 0.7);
}
