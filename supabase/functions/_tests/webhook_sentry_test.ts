// Errors reach Sentry when SENTRY_DSN is set (a fake ingest endpoint over real HTTP), and nothing is sent
// without it.
import assert from "node:assert/strict";
import { loadConfig } from "../telegram-webhook/config.ts";
import { createDeps } from "../telegram-webhook/deps.ts";
import { createLogger } from "../_shared/log.ts";

const ENV = {
  TELEGRAM_BOT_TOKEN: "123456:ABC",
  TELEGRAM_WEBHOOK_SECRET: "secret",
  SUPABASE_URL: "http://127.0.0.1:9",
  SUPABASE_SERVICE_ROLE_KEY: "service-role-key-for-tests",
};
const quietLog = createLogger({}, "error", () => {});

Deno.test({
  name: "a reported error is sent to Sentry with its update_id; without a DSN nothing is sent",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const envelopes: string[] = [];
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
      envelopes.push(await req.text());
      return new Response("{}");
    });
    try {
      createDeps(loadConfig(ENV), quietLog).report(new Error("not sent"), { update_id: 1 });
      const dsn = `http://publickey@127.0.0.1:${server.addr.port}/42`;
      createDeps(loadConfig({ ...ENV, SENTRY_DSN: dsn }), quietLog).report(new Error("boom in a feature"), {
        update_id: 987,
      });
      for (let i = 0; i < 100 && envelopes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(envelopes.length, 1);
      assert.match(envelopes[0], /boom in a feature/);
      assert.match(envelopes[0], /"update_id":987/);
      assert.doesNotMatch(envelopes.join(""), /not sent/);
    } finally {
      await server.shutdown();
    }
  },
});
