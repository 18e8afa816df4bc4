// Classifier benchmark: quality of the keyword rules alone on the labelled corpus (the product numbers:
// REQUEST recall ≥ 95 %, "not a request" precision ≥ 90 %) and their speed in classifications per second.
// Writes tests/results/bench-classifier.json and prints a readable table. Needs no running stack.
import { classifyByRules } from "../../supabase/functions/_shared/classify.ts";
import { confusionTable, CORPUS, evaluate } from "../../supabase/functions/_tests/corpus_metrics.ts";

const quality = evaluate(CORPUS, (text) => classifyByRules(text).label);

// Throughput: whole passes over the corpus for ~2 s after a warm-up, so the JIT has settled.
function throughput(seconds: number): { perSecond: number; p50Us: number; p99Us: number } {
  for (let i = 0; i < 20; i++) for (const { text } of CORPUS) classifyByRules(text);
  const perCall: number[] = [];
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const t0 = performance.now();
    for (const { text } of CORPUS) classifyByRules(text);
    perCall.push((performance.now() - t0) * 1000 / CORPUS.length);
    calls += CORPUS.length;
  }
  const elapsed = (performance.now() - start) / 1000;
  perCall.sort((a, b) => a - b);
  const at = (q: number) => Number(perCall[Math.floor(q * (perCall.length - 1))].toFixed(2));
  return { perSecond: Math.round(calls / elapsed), p50Us: at(0.5), p99Us: at(0.99) };
}

const speed = throughput(2);
const pct = (x: number) => Number((x * 100).toFixed(1));
const result = {
  bench: "classifier",
  at: new Date().toISOString(),
  corpus_size: quality.total,
  request_recall_pct: pct(quality.requestRecall),
  not_request_precision_pct: pct(quality.notRequestPrecision),
  accuracy_pct: pct(quality.accuracy),
  targets: { request_recall_pct: 95, not_request_precision_pct: 90 },
  confusion: quality.confusion,
  mistakes: quality.mistakes,
  classifications_per_second: speed.perSecond,
  // mean time per message within one pass over the corpus, distribution over passes
  per_message_us: { p50: speed.p50Us, p99: speed.p99Us },
};

const out = new URL("../results/bench-classifier.json", import.meta.url);
await Deno.mkdir(new URL(".", out), { recursive: true });
await Deno.writeTextFile(out, JSON.stringify(result, null, 2) + "\n");

const ok = quality.requestRecall >= 0.95 && quality.notRequestPrecision >= 0.9;
console.log(
  `
classifier (rules only) on ${quality.total} labelled messages
  REQUEST recall            ${result.request_recall_pct} %   (target ≥ 95 %)
  "not a request" precision ${result.not_request_precision_pct} %   (target ≥ 90 %)
  accuracy (4 labels)       ${result.accuracy_pct} %
  speed                     ${result.classifications_per_second} classifications/s, ` +
    `p50 ${speed.p50Us} µs, p99 ${speed.p99Us} µs per message
${confusionTable(quality).replace(/^/gm, "  ")}
  → ${out.pathname}  ${ok ? "targets met" : "TARGETS MISSED"}`,
);
if (!ok) Deno.exit(1);
