// The HTTP edge of the bot. Order matters: the secret header is checked before the body is read (a
// stranger gets 401 and nothing is stored); then the body is parsed and validated; an authentic but odd
// update is logged and answered 200, because any 5xx makes Telegram redeliver it again and again. What
// happens to a usable update is lifecycle.ts's business; the one deliberate 503 is its "retry".
import type { Bot } from "grammy/web";
import type { BotContext, Deps } from "./context.ts";
import { createUpdateRunner } from "./lifecycle.ts";
import { parseUpdate } from "./update.ts";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const MAX_BODY_BYTES = 1 << 20; // Telegram's updates are a few KB; anything near this is not Telegram.

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
export function secretMatches(given: string | null, secret: string): boolean {
  if (given === null) return false;
  const a = new TextEncoder().encode(given), b = new TextEncoder().encode(secret);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % (a.length || 1)] ?? 0) ^ b[i];
  return diff === 0;
}

const answer = (status: number, body = "ok") =>
  new Response(body, { status, headers: { "content-type": "text/plain" } });

// Strings the database could not store: U+0000 (Postgres text/jsonb refuse it) and lone surrogates (JSON
// may escape them, UTF-8 cannot carry them; PostgREST refuses the request). Telegram never sends either;
// a forged or corrupted update may, and must still be stored.
const storable = (_key: string, value: unknown) =>
  typeof value === "string" ? value.replaceAll("\0", "").toWellFormed() : value;

async function readJson(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length > MAX_BODY_BYTES) return { ok: false, reason: `body of ${bytes.length} bytes is too large` };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes), storable) };
  } catch (e) {
    return { ok: false, reason: `body is not JSON: ${(e as Error).message}` };
  }
}

export function createWebhookHandler(bot: Bot<BotContext>, deps: Deps): (req: Request) => Promise<Response> {
  const run = createUpdateRunner(bot, deps);
  return async (req) => {
    if (!secretMatches(req.headers.get(SECRET_HEADER), deps.config.TELEGRAM_WEBHOOK_SECRET)) {
      return answer(401, "unauthorized");
    }
    if (req.method !== "POST") return answer(405, "method not allowed");
    const body = await readJson(req);
    if (!body.ok) {
      deps.log.warn("unreadable update ignored", { reason: body.reason });
      return answer(200);
    }
    const parsed = parseUpdate(body.value);
    if (parsed.kind === "malformed") {
      deps.log.warn("malformed update ignored", { reason: parsed.reason });
      return answer(200);
    }
    return (await run(parsed)) === "retry" ? answer(503, "temporarily unavailable") : answer(200);
  };
}
