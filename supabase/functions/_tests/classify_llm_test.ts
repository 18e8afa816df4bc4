// The LLM gate (needsLlm) as a table, then labelWithLlm against a fake OpenAI-compatible server on a random
// port that speaks the real wire format (POST /chat/completions → {choices:[{message:{content}}]}): success,
// timeout, 500, garbage, the circuit breaker opening and recovering through half-open, and the memory and
// persisted cache layers.
import assert from "node:assert/strict";
import { CircuitBreaker } from "../_shared/breaker.ts";
import { CACHE_TTL_MS, type LabelStore, MemoryLabelCache } from "../_shared/label_cache.ts";
import { classifyByRules } from "../_shared/classify.ts";
import { type ClassifyDeps, labelWithLlm, needsLlm } from "../_shared/llm.ts";
import { askLlm, llmConfig } from "../_shared/llm_client.ts";

type Reply = { status?: number; content?: string; raw?: string; delayMs?: number };
type Call = {
  path: string;
  authorization: string | null;
  body: { model: string; messages: { role: string; content: string }[] };
};
const AMBIGUOUS = "Кстати, сотрудник иностранец"; // the rules answer REQUEST with low confidence
const ask = (text: string, deps: ClassifyDeps) => labelWithLlm(text, classifyByRules(text), deps);

const GATE: [text: string, llmEnabled: boolean, asks: boolean][] = [
  [AMBIGUOUS, true, true],
  [AMBIGUOUS, false, false], // no LLM configured: the rules' REQUEST stands
  ["Спасибо большое!", true, false], // the rules are sure
  ["Где акт сверки?", true, false],
  ["??", true, false], // unsure, but nothing to read: no words after normalising
];
for (const [text, enabled, asks] of GATE) {
  Deno.test(`llm gate: «${text}» with the LLM ${enabled ? "on" : "off"} → ${asks ? "ask" : "rules"}`, () => {
    assert.equal(needsLlm(text, classifyByRules(text), { enabled }), asks);
  });
}

/** Fake LLM: answers each call with the next scripted reply (the last one repeats) and records requests. */
async function withFakeLlm(replies: Reply[], run: (deps: ClassifyDeps, calls: Call[]) => Promise<void>) {
  const calls: Call[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    calls.push({
      path: new URL(req.url).pathname,
      authorization: req.headers.get("authorization"),
      body: await req.json(),
    });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    const body = reply.raw ?? JSON.stringify({
      id: "chatcmpl-1",
      object: "chat.completion",
      model: "test/model",
      choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 90, completion_tokens: 12, total_tokens: 102 },
    });
    return new Response(body, { status: reply.status ?? 200, headers: { "content-type": "application/json" } });
  });
  const llm = llmConfig(
    { llm_enabled: true, llm_model: "test/model", llm_timeout_ms: 300 },
    { OPENROUTER_API_KEY: "sk-test", OPENROUTER_BASE_URL: `http://127.0.0.1:${server.addr.port}/api/v1/` },
  );
  try {
    await run(
      { llm, memory: new MemoryLabelCache(), breaker: new CircuitBreaker(2, 10_000), log: { warn() {} } },
      calls,
    );
  } finally {
    await server.shutdown();
  }
}

const answer = (label: string, confidence = 0.9) => ({ content: JSON.stringify({ label, confidence }) });

Deno.test("llm: an ambiguous message is labelled by the LLM over the real wire format", async () => {
  await withFakeLlm([answer("CLARIFICATION", 0.8)], async (deps, calls) => {
    assert.deepEqual(await ask(AMBIGUOUS, deps), { label: "CLARIFICATION", confidence: 0.8, source: "llm" });
    assert.equal(calls[0].path, "/api/v1/chat/completions");
    assert.equal(calls[0].authorization, "Bearer sk-test");
    assert.equal(calls[0].body.model, "test/model");
    assert.deepEqual(calls[0].body.messages.map((m) => m.role), ["system", "user"]);
    assert.equal(calls[0].body.messages[1].content, AMBIGUOUS);
  });
});

Deno.test("llm: without an API key the LLM is off, and the base URL defaults to OpenRouter", () => {
  const noKey = llmConfig({ llm_enabled: true, llm_model: "m", llm_timeout_ms: 2000 }, {});
  assert.equal(noKey.enabled, false);
  assert.equal(noKey.baseUrl, "https://openrouter.ai/api/v1");
});

const FAILURES: [string, Reply][] = [
  ["a timeout", { ...answer("SPAM"), delayMs: 1_000 }],
  ["HTTP 500", { status: 500, raw: '{"error":{"message":"upstream down"}}' }],
  ["a body that is not JSON", { raw: "<html>bad gateway</html>" }],
  ["content that is not JSON", { content: "Это просьба клиента." }],
  ["an unknown label", answer("QUESTION")],
  ["extra keys in the answer", { content: '{"label":"SPAM","confidence":0.9,"why":"x"}' }],
  ["no choices", { raw: '{"choices":[]}' }],
];
for (const [what, reply] of FAILURES) {
  Deno.test(`llm: ${what} falls back to REQUEST`, async () => {
    await withFakeLlm([reply], async (deps) => {
      assert.deepEqual(await ask(AMBIGUOUS, deps), { label: "REQUEST", confidence: 0.4, source: "fallback" });
    });
  });
}

Deno.test("llm: the breaker opens after consecutive failures and recovers through one half-open probe", async () => {
  let clock = 1_000_000;
  const replies = [{ status: 500 }, { status: 500 }, answer("SPAM", 0.7), answer("SPAM", 0.7)];
  await withFakeLlm(replies, async (deps, calls) => {
    const d = { ...deps, now: () => clock };
    const texts = ["альфа", "бета", "гамма", "дельта", "эпсилон"]; // distinct, so the cache never answers
    assert.equal((await ask(texts[0], d)).source, "fallback");
    assert.equal((await ask(texts[1], d)).source, "fallback");
    assert.equal(d.breaker!.state(clock), "open");
    assert.equal((await ask(texts[2], d)).source, "fallback");
    assert.equal(calls.length, 2, "an open breaker sends nothing");
    clock += 10_000;
    assert.equal(d.breaker!.state(clock), "half-open");
    assert.equal(d.breaker!.allow(clock), true, "one probe");
    assert.equal(d.breaker!.allow(clock), false, "only one probe at a time");
    d.breaker!.failure(clock); // the manual probe failed: open again
    assert.equal(d.breaker!.state(clock), "open");
    clock += 10_000;
    assert.deepEqual(await ask(texts[3], d), { label: "SPAM", confidence: 0.7, source: "llm" });
    assert.equal(d.breaker!.state(clock), "closed");
    assert.equal((await ask(texts[4], d)).source, "llm");
    assert.equal(calls.length, 4);
  });
});

Deno.test("llm: the same normalised text is answered from the memory cache until it expires", async () => {
  let clock = 0;
  await withFakeLlm([answer("CLARIFICATION", 0.8)], async (deps, calls) => {
    const d = { ...deps, now: () => clock };
    assert.equal((await ask(AMBIGUOUS, d)).source, "llm");
    const again = await ask("  кстати СОТРУДНИК иностранец!! 🙂", d);
    assert.deepEqual(again, { label: "CLARIFICATION", confidence: 0.8, source: "cache" });
    clock += CACHE_TTL_MS;
    assert.equal((await ask(AMBIGUOUS, d)).source, "llm");
    assert.equal(calls.length, 2);
  });
});

Deno.test("llm: the persisted layer answers after a cold start and stores fresh answers", async () => {
  const rows = new Map<string, { label: "CLARIFICATION"; confidence: number; expiresAt: number; model: string }>();
  const store: LabelStore = {
    get: (key, now) => Promise.resolve(((r) => r && r.expiresAt > now.getTime() ? r : null)(rows.get(key))),
    put: (key, value, model, now) => {
      rows.set(key, { ...value, label: "CLARIFICATION", model, expiresAt: now.getTime() + CACHE_TTL_MS });
      return Promise.resolve();
    },
  };
  await withFakeLlm([answer("CLARIFICATION", 0.8)], async (deps, calls) => {
    assert.equal((await ask(AMBIGUOUS, { ...deps, store })).source, "llm");
    assert.equal(rows.get("кстати сотрудник иностранец")?.model, "test/model");
    const coldStart = { ...deps, store, memory: new MemoryLabelCache() };
    assert.equal((await ask(AMBIGUOUS, coldStart)).source, "cache");
    assert.equal(calls.length, 1);
  });
});

Deno.test("llm: a failing persisted layer is reported and does not stop classification", async () => {
  const warnings: string[] = [];
  const broken: LabelStore = {
    get: () => Promise.reject(new Error("db down")),
    put: () => Promise.reject(new Error("db down")),
  };
  await withFakeLlm([answer("SPAM", 0.6)], async (deps) => {
    const d = { ...deps, store: broken, log: { warn: (msg: string) => void warnings.push(msg) } };
    assert.equal((await ask(AMBIGUOUS, d)).source, "llm");
  });
  assert.deepEqual(warnings, ["classifier: cache read failed", "classifier: cache write failed"]);
});

Deno.test("llm: only the first 1,000 characters of the text leave, with no name, id or chat", async () => {
  const long = `${AMBIGUOUS} ${"и ещё подробности ".repeat(200)}`;
  await withFakeLlm([answer("REQUEST")], async (deps, calls) => {
    await askLlm(long, deps.llm);
    assert.deepEqual(Object.keys(calls[0].body).sort(), [
      "max_tokens",
      "messages",
      "model",
      "response_format",
      "temperature",
    ]);
    const [system, user] = calls[0].body.messages;
    assert.equal(user.content, long.slice(0, 1_000));
    assert.doesNotMatch(system.content, /\d{5,}/, "the fixed prompt carries no ids");
  });
});
