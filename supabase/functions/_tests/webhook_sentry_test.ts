// Errors reach Sentry when SENTRY_DSN is set (a fake ingest endpoint over real HTTP), and nothing is sent
// without it; what is sent carries no client text, name or Telegram id.
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

/** Runs `report` with a DSN pointing at a fake ingest endpoint; returns the envelopes it received. */
async function sentToSentry(report: (dsn: string) => void): Promise<string[]> {
  const envelopes: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    envelopes.push(await req.text());
    return new Response("{}");
  });
  try {
    report(`http://publickey@127.0.0.1:${server.addr.port}/42`);
    for (let i = 0; i < 100 && envelopes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    return envelopes;
  } finally {
    await server.shutdown();
  }
}

Deno.test({
  name: "a reported error is sent to Sentry with its update_id; without a DSN nothing is sent",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const envelopes = await sentToSentry((dsn) => {
      createDeps(loadConfig(ENV), quietLog).report(new Error("not sent"), { update_id: 1 });
      createDeps(loadConfig({ ...ENV, SENTRY_DSN: dsn }), quietLog).report(new Error("boom in a feature"), {
        update_id: 987,
      });
    });
    assert.equal(envelopes.length, 1);
    assert.match(envelopes[0], /boom in a feature/);
    assert.match(envelopes[0], /"update_id":987/);
    assert.doesNotMatch(envelopes.join(""), /not sent/);
  },
});

Deno.test({
  name: "what reaches Sentry carries no client text, name or Telegram id",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const error = new Error(
      'RPC record_message failed: new row violates check constraint "messages_text_check" for user 5550123 ' +
        "(Иван Петров): Failing row contains (Где акт сверки за март?, 5550123, ivan_petrov).",
    );
    const sent = (await sentToSentry((dsn) =>
      createDeps(loadConfig({ ...ENV, SENTRY_DSN: dsn }), quietLog).report(error, {
        update_id: 31337,
        text: "Где акт сверки за март?",
        from: { id: 5550123, first_name: "Иван", username: "ivan_petrov" },
      })
    )).join("");
    assert.match(sent, /RPC record_message failed/);
    assert.match(sent, /"update_id":31337/);
    for (const personal of ["Иван", "Петров", "акт сверки", "5550123", "ivan_petrov", "\\u0418"]) {
      assert.ok(!sent.includes(personal), `${personal} reached Sentry`);
    }
  },
});
