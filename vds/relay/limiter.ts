// The one rate limiter every relay instance shares: Telegram's limits (≤ 30 msg/s per bot, ≤ 20/min per
// group, ≤ 1/s per chat) and 429 pauses live in Redis and are checked and taken in one Lua script.
// Two steps per message: reserve() a slot before the row is fenced in the database (so no row waits in
// 'sending' for a chat or group slot), then confirm() right before the Bot API call, which moves the slot
// to that instant: the database call in between takes a variable time, and the limits must hold for
// the instants Telegram sees, not for when the slot was first granted.
import { Redis } from "ioredis";
import type { Config } from "./config.ts";

export type Grant =
  | { ok: true; slot: string; atMs: number } // atMs: the slot on Redis's clock, the one every instance shares
  | { ok: false; scope: "bot" | "bot_pause" | "chat" | "chat_pause" | "group"; waitMs: number };

type Scripts = {
  acquire(...args: (string | number)[]): Promise<[string, number]>;
  penalize(...args: (string | number)[]): Promise<number>;
  lease(...args: (string | number)[]): Promise<number>;
};

// Take the key if free, or extend it if this worker already holds it.
const LEASE = `if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
return 0`;

const script = (name: string) => Deno.readTextFileSync(new URL(`./${name}.lua`, import.meta.url));

// A group is any chat with a negative id; users (DMs) have positive ids.
const isGroup = (chatId: number) => chatId < 0;

export type Limiter = ReturnType<typeof createLimiter>;

export function createLimiter(cfg: Config) {
  // No offline queue and one try per command: while Redis is away the relay must notice at once and hold
  // its sends, not pile them up; ioredis keeps reconnecting in the background.
  const redis = new Redis(cfg.REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(100 * times, 1_000),
  });
  redis.on("error", () => {}); // reported by /health and by the failing calls, not once per reconnect
  redis.defineCommand("acquire", { numberOfKeys: 6, lua: script("acquire") });
  redis.defineCommand("penalize", { numberOfKeys: 3, lua: script("penalize") });
  redis.defineCommand("lease", { numberOfKeys: 1, lua: LEASE });
  const scripts = redis as unknown as Scripts;
  const p = cfg.RELAY_REDIS_PREFIX, w = cfg.windows;
  const us = (ms: number) => Math.round(ms * 1000);
  let counter = 0;

  async function take(chatId: number, slot: string, move: boolean): Promise<Grant> {
    const [scope, answer] = await scripts.acquire(
      `${p}bot`,
      `${p}group:${chatId}`,
      `${p}chat:${chatId}`,
      `${p}pause:bot`,
      `${p}pause:chat:${chatId}`,
      `${p}bot:last:${move ? "sent" : "reserved"}`,
      slot,
      isGroup(chatId) ? "1" : "0",
      cfg.RELAY_BOT_PER_SECOND,
      us(w.botMs),
      cfg.RELAY_GROUP_PER_MINUTE,
      us(w.groupMs),
      cfg.RELAY_CHAT_PER_SECOND,
      us(w.chatMs),
      move ? "1" : "0",
    );
    if (scope === "ok") return { ok: true, slot, atMs: Number(answer) / 1000 };
    return { ok: false, scope: scope as Exclude<Grant, { ok: true }>["scope"], waitMs: Number(answer) / 1000 };
  }

  return {
    /** A new slot for the chat, or which limit holds it back and for how long. */
    reserve: (chatId: number) => take(chatId, `${cfg.workerId}:${++counter}`, false),
    /** Moves a reserved slot to now (it may have to wait again: then the slot is given up). */
    confirm: (chatId: number, slot: string) => take(chatId, slot, true),
    /** Honour a 429 everywhere; true when it paused the whole bot. */
    async penalize(chatId: number, retryAfterMs: number): Promise<boolean> {
      const botWide = await scripts.penalize(
        `${p}pause:chat:${chatId}`,
        `${p}pause:bot`,
        `${p}recent429`,
        Math.ceil(retryAfterMs),
        chatId,
        3,
        1_000,
      );
      return botWide === 1;
    },
    /** Whether this worker holds (now or from now on) the named lease shared by every instance. */
    lease: async (name: string, ttlMs: number) => (await scripts.lease(`${p}lease:${name}`, cfg.workerId, ttlMs)) === 1,
    ping: () => redis.ping(),
    /** Resolves once connected (start-up and tests; the relay itself just retries). */
    ready: () =>
      new Promise<void>((resolve) => redis.status === "ready" ? resolve() : redis.once("ready", () => resolve())),
    close: () => redis.quit().catch(() => redis.disconnect()),
  };
}
