import assert from "node:assert/strict";
import { loadConfig } from "./config.ts";

const base = {
  SUPABASE_URL: "http://127.0.0.1:54321/",
  SUPABASE_SERVICE_ROLE_KEY: "x".repeat(40),
  REDIS_URL: "redis://127.0.0.1:54334",
  TELEGRAM_BOT_TOKEN: "123456:ABC-def_1",
};
const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("the configuration was accepted");
};

Deno.test("config: defaults are Telegram's limits and the relay's standard port", () => {
  const c = loadConfig(base);
  assert.equal(c.RELAY_PORT, 54324);
  assert.equal(c.RELAY_HOST, "127.0.0.1");
  assert.equal(c.SUPABASE_URL, "http://127.0.0.1:54321");
  assert.equal(c.TELEGRAM_API_ROOT, "https://api.telegram.org");
  assert.deepEqual([c.RELAY_BOT_PER_SECOND, c.RELAY_GROUP_PER_MINUTE, c.RELAY_CHAT_PER_SECOND], [30, 20, 1]);
  assert.deepEqual(c.windows, { botMs: 1100, groupMs: 60_100, chatMs: 1100 });
  assert.match(c.workerId, /^relay-\d+-[0-9a-f]{8}$/);
  assert.equal(c.LOG_LEVEL, "info");
});

Deno.test("config: an empty value means the default", () => {
  const c = loadConfig({ ...base, RELAY_PORT: "", TELEGRAM_API_ROOT: "", LOG_LEVEL: "" });
  assert.deepEqual([c.RELAY_PORT, c.TELEGRAM_API_ROOT, c.LOG_LEVEL], [54324, "https://api.telegram.org", "info"]);
});

Deno.test("config: a time scale shrinks every window alike; the jitter guard stays", () => {
  const c = loadConfig({ ...base, RELAY_TIME_SCALE: "10", RELAY_LIMIT_GUARD_MS: "5" });
  assert.deepEqual(c.windows, { botMs: 105, groupMs: 6005, chatMs: 105 });
});

Deno.test("config: every problem names its variable", () => {
  const table: [Record<string, string>, RegExp][] = [
    [{ ...base, SUPABASE_URL: "" }, /SUPABASE_URL is required/],
    [{ ...base, SUPABASE_URL: "localhost" }, /SUPABASE_URL must be a URL/],
    [{ ...base, TELEGRAM_BOT_TOKEN: "nope" }, /TELEGRAM_BOT_TOKEN must look like <bot id>:<secret>/],
    [{ ...base, REDIS_URL: "localhost:6379" }, /REDIS_URL must look like redis:\/\/host:port/],
    [{ ...base, RELAY_PORT: "70000" }, /RELAY_PORT must be a TCP port/],
    [{ ...base, RELAY_PORT: "eighty" }, /RELAY_PORT must be a number/],
    [{ ...base, RELAY_BATCH: "0" }, /RELAY_BATCH must be at least 1/],
    [{ ...base, RELAY_BATCH: "1.5" }, /RELAY_BATCH must be a whole number/],
    [{ ...base, RELAY_TIME_SCALE: "-1" }, /RELAY_TIME_SCALE must be above 0/],
    [{ ...base, LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [
      { ...base, RELAY_LEASE_SECONDS: "5", RELAY_TELEGRAM_TIMEOUT_MS: "10000" },
      /RELAY_LEASE_SECONDS must be at least twice/,
    ],
  ];
  for (const [env, expected] of table) assert.match(failure(env), expected);
});

Deno.test("config: all missing variables are listed at once", () => {
  const message = failure({});
  for (const name of ["SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY", "REDIS_URL", "TELEGRAM_BOT_TOKEN"]) {
    assert.match(message, new RegExp(`^  ${name} is required$`, "m"));
  }
});
