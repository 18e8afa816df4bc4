// The rule classifier alone on the labelled corpus of client messages. The thresholds are product facts
// (docs/acceptance.md): a missed client request is the worst error, so REQUEST recall must stay ≥ 95 % and
// whatever the rules call "not a request" must be right ≥ 90 % of the time.
import assert from "node:assert/strict";
import { classifyByRules } from "../_shared/classify.ts";
import { confusionTable, CORPUS, evaluate, LABELS } from "./corpus_metrics.ts";

Deno.test("corpus: at least 150 labelled messages covering every label, no duplicates", () => {
  assert.ok(CORPUS.length >= 150, `only ${CORPUS.length} examples`);
  for (const label of LABELS) assert.ok(CORPUS.some((e) => e.label === label), `no ${label} example`);
  assert.equal(new Set(CORPUS.map((e) => e.text)).size, CORPUS.length);
});

Deno.test("corpus: rules alone reach REQUEST recall ≥ 95 % and not-a-request precision ≥ 90 %", () => {
  const q = evaluate(CORPUS, (text) => classifyByRules(text).label);
  console.log(`\n${confusionTable(q)}`);
  console.log(
    `n=${q.total} recall(REQUEST)=${(q.requestRecall * 100).toFixed(1)}% ` +
      `precision(not REQUEST)=${(q.notRequestPrecision * 100).toFixed(1)}% accuracy=${(q.accuracy * 100).toFixed(1)}%`,
  );
  for (const m of q.mistakes) console.log(`  ${m.expected} → ${m.predicted}: ${m.text}`);
  assert.ok(q.requestRecall >= 0.95, `REQUEST recall ${q.requestRecall}`);
  assert.ok(q.notRequestPrecision >= 0.9, `not-a-request precision ${q.notRequestPrecision}`);
});
