// Survey button data: only 'survey:<delivery id>:<0..5>' reaches the database; forged or truncated data
// is answered as a stale button.
import assert from "node:assert/strict";
import { parseSurveyData } from "../telegram-webhook/features/surveys.ts";

const CASES: [string, unknown][] = [
  ["survey:42:5", { deliveryId: 42, rating: 5 }],
  ["survey:42:1", { deliveryId: 42, rating: 1 }],
  ["survey:7:0", { deliveryId: 7, rating: 0 }],
  ["survey:42:6", null],
  ["survey:0:3", null],
  ["survey:042:3", null],
  ["survey:-1:3", null],
  ["survey:42:3:x", null],
  ["survey::3", null],
  ["alert:42:resolve", null],
];
for (const [data, expected] of CASES) {
  Deno.test(`parseSurveyData(${data})`, () => assert.deepEqual(parseSurveyData(data), expected));
}
