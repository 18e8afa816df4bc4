// The console's CSV exporter (admin/src/common/csv.ts): cells a spreadsheet would run as formulas are
// neutralised; quoting survives semicolons, quotes and line breaks; numbers read as numbers in a Russian Excel.
import assert from "node:assert/strict";
import { csvCell, toCsv } from "../../../admin/src/common/csv.ts";

const CELLS: [value: unknown, cell: string][] = [
  ['=HYPERLINK("http://evil","Акт")', `"'=HYPERLINK(""http://evil"",""Акт"")"`],
  ["+7 999 123-45-67", "'+7 999 123-45-67"],
  ["-2+3", "'-2+3"],
  ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
  ["\t=1+1", "'\t=1+1"],
  ["\r=1+1", `"'\r=1+1"`],
  ["ООО «Ромашка», Москва", "ООО «Ромашка», Москва"],
  ["акт; счёт", `"акт; счёт"`],
  [" с пробелом", `" с пробелом"`],
  ["строка 1\nстрока 2", `"строка 1\nстрока 2"`],
  ["Где акт сверки?", "Где акт сверки?"],
  [-42, "-42"],
  [1234.5, "1234,5"],
  [null, ""],
  [{ a: 1 }, `"{""a"":1}"`],
];
for (const [value, cell] of CELLS) {
  Deno.test(`csv cell: ${JSON.stringify(value)}`, () => assert.equal(csvCell(value), cell));
}

Deno.test("csv: a BOM, the header, one CRLF line per row, cells split by `;`", () => {
  assert.equal(
    toCsv(["№", "Название", "Заметка"], [[1, "=cmd|' /C calc'!A0", null], [2, null, "ок"]]),
    `\uFEFF№;Название;Заметка\r\n1;'=cmd|' /C calc'!A0;\r\n2;;ок`,
  );
});

Deno.test("every console list exports through the one formula-safe exporter", async () => {
  const root = new URL("../../../admin/src/", import.meta.url);
  const missing: string[] = [];
  const walk = async (dir: URL) => {
    for await (const entry of Deno.readDir(dir)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
      if (entry.isDirectory) await walk(url);
      else if (entry.name.endsWith(".tsx")) {
        const source = await Deno.readTextFile(url);
        const lists = source.match(/<List\b(?!\s+dense)[^>]*>/g) ?? [];
        if (lists.some((tag) => !tag.includes("exporter={csvExporter}"))) missing.push(entry.name);
      }
    }
  };
  await walk(root);
  assert.deepEqual(missing, []);
});
