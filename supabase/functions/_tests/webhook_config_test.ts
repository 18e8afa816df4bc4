// Start-up configuration (errors name the variable) and the HTTP edge: the secret is checked in constant
// time and before the body is read.
import assert from "node:assert/strict";
import { loadConfig } from "../telegram-webhook/config.ts";
import { ConfigError } from "../_shared/env.ts";
import { createWebhookHandler, secretMatches } from "../telegram-webhook/webhook.ts";
import { createLogger } from "../_shared/log.ts";
import type { Bot } from "grammy/web";
import type { BotContext, Deps } from "../telegram-webhook/context.ts";

const ENV = {
  TELEGRAM_BOT_TOKEN: "123456:ABC-def_1",
  TELEGRAM_WEBHOOK_SECRET: "s3cret_token-1",
  SUPABASE_URL: "http://127.0.0.1:54321",
  SUPABASE_SERVICE_ROLE_KEY: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.x.y",
};

Deno.test("config: defaults for the optional variables", () => {
  const config = loadConfig({ ...ENV, SENTRY_DSN: "", TELEGRAM_API_ROOT: "http://127.0.0.1:54335/" });
  assert.equal(config.TELEGRAM_API_ROOT, "http://127.0.0.1:54335");
  assert.equal(config.SENTRY_DSN, undefined, "an empty value counts as unset");
  assert.equal(config.LOG_LEVEL, "info");
  assert.equal(loadConfig(ENV).TELEGRAM_API_ROOT, "https://api.telegram.org");
});

Deno.test("config: the bot's identity as config; a new secret key replaces the legacy one", () => {
  const me = {
    id: 42,
    is_bot: true,
    first_name: "BuhBot",
    username: "buh_bot",
    can_join_groups: true,
    can_read_all_group_messages: true,
    supports_inline_queries: false,
  };
  const config = loadConfig({ ...ENV, TELEGRAM_BOT_INFO: JSON.stringify(me) });
  assert.equal(config.TELEGRAM_BOT_INFO?.username, "buh_bot");
  const secret = "sb_secret_" + "k".repeat(32);
  assert.equal(
    loadConfig({ ...ENV, SUPABASE_SECRET_KEYS: JSON.stringify({ default: secret }) }).SUPABASE_SERVICE_ROLE_KEY,
    secret,
  );
  assert.equal(loadConfig({ ...ENV, SUPABASE_SECRET_KEY: secret }).SUPABASE_SERVICE_ROLE_KEY, secret);
  assert.equal(
    loadConfig({ ...ENV, SUPABASE_SERVICE_ROLE_KEY: undefined, SUPABASE_SECRET_KEY: secret })
      .SUPABASE_SERVICE_ROLE_KEY,
    secret,
  );
});

const BAD: [string, Record<string, string | undefined>, RegExp][] = [
  ["missing secret", { TELEGRAM_WEBHOOK_SECRET: undefined }, /TELEGRAM_WEBHOOK_SECRET is required/],
  ["secret with a space", { TELEGRAM_WEBHOOK_SECRET: "a b" }, /TELEGRAM_WEBHOOK_SECRET must be 1–256 characters/],
  ["token without id", { TELEGRAM_BOT_TOKEN: "abc" }, /TELEGRAM_BOT_TOKEN must look like/],
  ["missing service key", { SUPABASE_SERVICE_ROLE_KEY: undefined }, /SUPABASE_SERVICE_ROLE_KEY is required/],
  ["URL that is not one", { SUPABASE_URL: "localhost" }, /SUPABASE_URL must be a URL/],
  ["bad API root", { TELEGRAM_API_ROOT: "nope" }, /TELEGRAM_API_ROOT must be a URL/],
  ["bad log level", { LOG_LEVEL: "loud" }, /LOG_LEVEL/],
  ["bot identity that is not getMe's JSON", { TELEGRAM_BOT_INFO: "{oops" }, /TELEGRAM_BOT_INFO must be the JSON/],
  ["secret keys that are not JSON", { SUPABASE_SECRET_KEYS: "sb_secret_x" }, /SUPABASE_SECRET_KEYS must be a JSON/],
];
for (const [name, change, message] of BAD) {
  Deno.test(`config: ${name} stops start-up naming the variable`, () => {
    assert.throws(() => loadConfig({ ...ENV, ...change }), (e) => e instanceof ConfigError && message.test(e.message));
  });
}

Deno.test("secretMatches: exact match only", () => {
  assert.equal(secretMatches("s3cret", "s3cret"), true);
  for (const given of [null, "", "s3cre", "s3cret ", "S3cret", "s3cret-s3cret"]) {
    assert.equal(secretMatches(given, "s3cret"), false);
  }
});

Deno.test("a request without the right secret is refused before its body is read", async () => {
  let read = false;
  // highWaterMark 0: the stream is only pulled when someone reads the body.
  const body = () =>
    new ReadableStream({
      pull() {
        read = true;
        throw new Error("body read");
      },
    }, { highWaterMark: 0 });
  const untouchable = new Proxy({}, {
    get: (_t, p) => {
      throw new Error(`deps.${String(p)} used`);
    },
  });
  const deps = { config: loadConfig(ENV), log: createLogger({}, "error"), db: untouchable } as unknown as Deps;
  const handler = createWebhookHandler(untouchable as Bot<BotContext>, deps);
  for (const secret of [undefined, "wrong"]) {
    const headers = secret ? { "x-telegram-bot-api-secret-token": secret } : undefined;
    const res = await handler(new Request("http://x/telegram-webhook", { method: "POST", body: body(), headers }));
    assert.equal(res.status, 401);
  }
  assert.equal(read, false);
});
