// The classifier table of docs/acceptance.md, row by row, plus the normaliser's contract.
import assert from "node:assert/strict";
import { classifyByRules, type Label, normalize } from "../_shared/classify.ts";

const NOT_REQUEST: Label[] = ["GRATITUDE", "SPAM"];
const ACCEPTANCE: [text: string, allowed: Label[]][] = [
  ["Когда будет готова декларация?", ["REQUEST"]],
  ["Где мой счёт?", ["REQUEST"]],
  ["Нужна справка 2-НДФЛ", ["REQUEST"]],
  ["Не могу оплатить", ["REQUEST"]],
  ["Спасибо! А платежку сделали?", ["REQUEST"]],
  ["Ещё нужна справка 2-НДФЛ", ["REQUEST"]],
  ["Подскажите, пожалуйста", ["REQUEST"]],
  ["Здравствуйте, нужен акт сверки", ["REQUEST"]],
  ["Спасибо", NOT_REQUEST],
  ["Спасибо!", NOT_REQUEST],
  ["Спасибо большое!", ["GRATITUDE"]],
  ["Благодарю вас", ["GRATITUDE"]],
  ["Ок", ["SPAM"]],
  ["👍", ["SPAM"]],
  ["Понял, жду", ["SPAM"]],
  ["Хорошо", ["SPAM"]],
  ["Договорились", ["SPAM"]],
  ["Добрый день!", ["SPAM"]],
  ["Забыл — ИНН 7712345678", ["CLARIFICATION"]],
  ["Уточняю: период — 3 квартал", ["CLARIFICATION"]],
];

for (const [text, allowed] of ACCEPTANCE) {
  Deno.test(`acceptance: «${text}» → ${allowed.join(" or ")}`, () => {
    const { label, confidence } = classifyByRules(text);
    assert.ok(allowed.includes(label), `got ${label}`);
    assert.ok(confidence > 0 && confidence <= 1, `confidence ${confidence} out of (0, 1]`);
  });
}

const NORMALISED: [raw: string, norm: string][] = [
  ["  Ещё   ОДИН\tвопрос!!! ", "еще один вопрос"],
  ["Спасибо 🙏🙏, Ольга!", "спасибо ольга"],
  ["2-НДФЛ за 2024г.", "2 ндфл за 2024г"],
  ["👍", ""],
  ["Ｓｃｈｅｔ №15", "schet no15"],
];
for (const [raw, norm] of NORMALISED) {
  Deno.test(`normalize: «${raw}» → «${norm}»`, () => assert.equal(normalize(raw), norm));
}
