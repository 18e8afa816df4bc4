// FAQ matching, table-driven: whole words on normalised text, stems with *, phrases, the score and the
// minimum score, and which item wins.
import assert from "node:assert/strict";
import { type FaqItem, keywordPattern, matchFaq } from "../_shared/faq.ts";

const item = (id: number, keywords: string[]): FaqItem => ({ id, question: `q${id}`, answer: `a${id}`, keywords });
const FAQ: FaqItem[] = [
  item(1, ["реквизит*", "оплат*"]),
  item(2, ["акт сверки"]),
  item(3, ["2-НДФЛ", "справк*"]),
  item(4, ["ЕНП", "срок*", "уплат*"]),
  item(5, ["Ёлка"]),
];

// text, min score, expected item id (null = no answer), expected score
const CASES: [string, number, number | null, number | null][] = [
  ["Пришлите реквизиты для оплаты", 0.5, 1, 1],
  ["пришлите РЕКВИЗИТЫ", 0.5, 1, 0.5],
  ["пришлите реквизиты", 0.6, null, null],
  ["Нужен акт сверки с Вектором", 0.5, 2, 1],
  ["Нужен акт и сверка", 0.5, null, null], // a phrase must appear as a phrase
  ["Уже не актуально", 0.5, null, null], // "акт" is not a prefix match
  ["Нужна справка 2-НДФЛ", 0.5, 3, 1],
  ["нужна 2 ндфл", 0.5, 3, 0.5],
  ["2НДФЛ", 0.5, null, null],
  ["Какой срок уплаты ЕНП?", 0.5, 4, 1],
  ["срок уплаты", 0.5, 4, 2 / 3],
  ["срок", 0.5, null, null],
  ["ЁЛКА 🎄", 1, 5, 1],
  ["", 0.1, null, null],
  ["👍", 0.1, null, null],
];

for (const [text, min, id, score] of CASES) {
  Deno.test(`faq: «${text}» at min ${min} → ${id ?? "no answer"}`, () => {
    const m = matchFaq(text, FAQ, min);
    assert.equal(m?.item.id ?? null, id);
    if (score !== null) assert.ok(Math.abs(m!.score - score) < 1e-9, `score ${m!.score}`);
  });
}

Deno.test("faq: the higher score wins, then more matched keywords, then the older item", () => {
  const items = [item(10, ["налог*", "вычет*", "квартир*"]), item(11, ["вычет*"]), item(12, ["вычет*", "ребен*"])];
  assert.equal(matchFaq("налоговый вычет за квартиру", items, 0.3)?.item.id, 10);
  assert.equal(matchFaq("вычет на ребенка", items, 0.3)?.item.id, 12); // 11 and 12 score 1; 12 matched more
  assert.equal(matchFaq("вычет", [item(13, ["вычет*", "ребен*"]), item(14, ["вычет*"])], 0.5)?.item.id, 14);
  assert.equal(matchFaq("вычет", [item(15, ["вычет*"]), item(16, ["вычет*"])], 0.5)?.item.id, 15);
  const wide = [item(20, ["а*", "б*"]), item(21, ["альфа", "бета", "гамма"])];
  assert.equal(matchFaq("альфа бета", wide, 0.5)?.item.id, 20);
});

Deno.test("faq: keywords with nothing matchable are ignored, not counted", () => {
  assert.equal(keywordPattern("!!!"), null);
  assert.equal(matchFaq("реквизиты", [item(30, ["реквизиты", "???"])], 1)?.score, 1);
});
