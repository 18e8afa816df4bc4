// The persisted classifier cache through the real stack (PostgREST RPCs with the service role key), as
// the webhook uses it: an LLM answer survives a cold start (fresh memory), and expiry follows the clock
// passed in. Runs when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set (npm test sets them).
import assert from "node:assert/strict";
import { CircuitBreaker } from "../_shared/breaker.ts";
import { CACHE_TTL_MS, MemoryLabelCache, rpcLabelStore } from "../_shared/label_cache.ts";
import { classifyByRules } from "../_shared/classify.ts";
import { labelWithLlm } from "../_shared/llm.ts";
import { llmConfig } from "../_shared/llm_client.ts";
import { createDb } from "../_shared/rpc.ts";

const url = Deno.env.get("SUPABASE_URL");
const key = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY");

Deno.test({
  name: "store: an LLM label persisted through PostgREST answers after a cold start until it expires",
  ignore: !url || !key,
  async fn() {
    let llmCalls = 0;
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
      llmCalls++;
      const content = JSON.stringify({ label: "CLARIFICATION", confidence: 0.83 });
      return Response.json({ choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
    });
    try {
      const store = rpcLabelStore(createDb(url!, key!));
      const llm = llmConfig(
        { llm_enabled: true, llm_model: "test/model", llm_timeout_ms: 2000 },
        { OPENROUTER_API_KEY: "sk-test", OPENROUTER_BASE_URL: `http://127.0.0.1:${server.addr.port}` },
      );
      // A text of its own per run, so an earlier run's row cannot answer.
      const text = `Кстати, сотрудник иностранец ${crypto.randomUUID().slice(0, 8)}`;
      let clock = Date.parse("2030-01-01T09:00:00Z");
      const ask = () => labelWithLlm(text, classifyByRules(text), deps());
      const deps = () => ({
        llm,
        store,
        memory: new MemoryLabelCache(),
        breaker: new CircuitBreaker(),
        now: () => clock,
      });

      assert.deepEqual(await ask(), { label: "CLARIFICATION", confidence: 0.83, source: "llm" });
      clock += CACHE_TTL_MS - 1000;
      assert.deepEqual(await ask(), { label: "CLARIFICATION", confidence: 0.83, source: "cache" });
      clock += 1000;
      assert.equal((await ask()).source, "llm", "expired after 24 h");
      assert.equal(llmCalls, 2);
    } finally {
      await server.shutdown();
    }
  },
});
