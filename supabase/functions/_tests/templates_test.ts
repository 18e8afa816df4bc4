// Template rendering: variables, the chat's timezone for {{date}}/{{time}}, HTML escaping of everything,
// and unknown variables rejected rather than shown.
import assert from "node:assert/strict";
import { namesClient, render, UnknownTemplateVariableError, unknownVariables } from "../_shared/templates.ts";

const VALUES = { client_name: "Иван", accountant_name: "Ольга Бухгалтер", chat_title: "ООО «Ромашка»" };
const NOW = new Date("2025-01-06T21:30:00Z"); // Mon 21:30 UTC = Tue 00:30 Moscow = Tue 07:30 Vladivostok

const CASES: [body: string, timeZone: string, expected: string][] = [
  ["Здравствуйте, {{client_name}}!", "Europe/Moscow", "Здравствуйте, Иван!"],
  ["{{accountant_name}} · {{chat_title}}", "Europe/Moscow", "Ольга Бухгалтер · ООО «Ромашка»"],
  ["Принято {{date}} в {{time}}", "Europe/Moscow", "Принято 07.01.2025 в 00:30"],
  ["Принято {{date}} в {{time}}", "Asia/Vladivostok", "Принято 07.01.2025 в 07:30"],
  ["Принято {{date}} в {{time}}", "UTC", "Принято 06.01.2025 в 21:30"],
  ["{{ client_name }}, {{client_name}}", "Europe/Moscow", "Иван, Иван"],
  ["Без переменных", "Europe/Moscow", "Без переменных"],
  ['Сумма < 100 & > 0 "да"', "Europe/Moscow", "Сумма &lt; 100 &amp; &gt; 0 &quot;да&quot;"],
  ["{{client_name", "Europe/Moscow", "{{client_name"],
];
for (const [body, tz, expected] of CASES) {
  Deno.test(`templates: «${body}» in ${tz}`, () => assert.equal(render(body, VALUES, tz, NOW).markup, expected));
}

Deno.test("templates: values are HTML-escaped", () => {
  const evil = { ...VALUES, client_name: "<b>Ко & Ко</b>", chat_title: '"><a href="x">' };
  assert.equal(
    render("{{client_name}} / {{chat_title}}", evil, "Europe/Moscow", NOW).markup,
    "&lt;b&gt;Ко &amp; Ко&lt;/b&gt; / &quot;&gt;&lt;a href=&quot;x&quot;&gt;",
  );
});

Deno.test("templates: a value that looks like a variable is not expanded again", () => {
  assert.equal(
    render("{{client_name}}", { ...VALUES, client_name: "{{date}}" }, "Europe/Moscow", NOW).markup,
    "{{date}}",
  );
});

Deno.test("templates: unknown variables are rejected, naming them", () => {
  assert.deepEqual(unknownVariables("{{foo}} {{client_name}} {{ bar }} {{foo}}"), ["foo", "bar"]);
  assert.deepEqual(unknownVariables("{{client_name}} {{date}}"), []);
  assert.throws(
    () => render("Здравствуйте, {{name}}! {{Date}}", VALUES, "Europe/Moscow", NOW),
    (e: unknown) => e instanceof UnknownTemplateVariableError && e.variables.join() === "name,Date",
  );
});

const NAMES_CLIENT: [string, boolean][] = [
  ["Здравствуйте, {{client_name}}!", true],
  ["Здравствуйте, {{ client_name }}!", true],
  ["Добрый день! Документы получены {{date}}.", false],
  ["{{accountant_name}}, {{chat_title}}", false],
];
for (const [body, expected] of NAMES_CLIENT) {
  Deno.test(`templates: «${body}» ${expected ? "needs" : "does not need"} to know the client`, () => {
    assert.equal(namesClient(body), expected);
  });
}
