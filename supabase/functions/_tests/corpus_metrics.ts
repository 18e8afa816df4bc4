// Quality of a classifier on the labelled corpus, shared by the corpus test and the benchmark.
// A missed request is the costly error, so the two product numbers look at REQUEST vs everything else:
//   recall of REQUEST             = requests labelled REQUEST / all requests
//   precision of "not a request"  = truly not requests / all labelled not-REQUEST
import type { Label } from "../_shared/classify.ts";
import corpus from "./fixtures/classifier_corpus.json" with { type: "json" };

export interface Example {
  text: string;
  label: Label;
}
export const CORPUS = corpus as Example[];
export const LABELS: Label[] = ["REQUEST", "SPAM", "GRATITUDE", "CLARIFICATION"];

export interface Quality {
  total: number;
  /** confusion[expected][predicted] = count */
  confusion: Record<Label, Record<Label, number>>;
  requestRecall: number;
  notRequestPrecision: number;
  accuracy: number;
  mistakes: { text: string; expected: Label; predicted: Label }[];
}

export function evaluate(examples: Example[], classify: (text: string) => Label): Quality {
  const confusion = Object.fromEntries(
    LABELS.map((e) => [e, Object.fromEntries(LABELS.map((p) => [p, 0]))]),
  ) as Quality["confusion"];
  const mistakes: Quality["mistakes"] = [];
  for (const { text, label } of examples) {
    const predicted = classify(text);
    confusion[label][predicted]++;
    if (predicted !== label) mistakes.push({ text, expected: label, predicted });
  }
  const sum = (rows: Label[], cols: Label[]) =>
    rows.reduce((n, r) => n + cols.reduce((m, c) => m + confusion[r][c], 0), 0);
  const others = LABELS.filter((l) => l !== "REQUEST");
  const missed = sum(["REQUEST"], others);
  return {
    total: examples.length,
    confusion,
    requestRecall: confusion.REQUEST.REQUEST / sum(["REQUEST"], LABELS),
    notRequestPrecision: sum(others, others) / (sum(others, others) + missed),
    accuracy: LABELS.reduce((n, l) => n + confusion[l][l], 0) / examples.length,
    mistakes,
  };
}

/** The confusion matrix as a readable table (rows = expected, columns = predicted). */
export function confusionTable(q: Quality): string {
  const head = ["expected \\ got", ...LABELS].map((s) => s.padEnd(16)).join("");
  const rows = LABELS.map((e) =>
    [e, ...LABELS.map((p) => String(q.confusion[e][p]))].map((s) => s.padEnd(16)).join("")
  );
  return [head, ...rows].join("\n");
}
