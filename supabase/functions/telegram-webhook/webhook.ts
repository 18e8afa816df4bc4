// The HTTP edge of the bot. Order matters: the secret header is checked before the body is read (a
// stranger gets 401 and nothing is stored); then the body is parsed and validated; an authentic but odd
// update is logged with its update_id and answered 200, because any 5xx makes Telegram redeliver it
// again and again. The one deliberate 503: the database could not be reached before anything was
// stored — then a redelivery is exactly what we want, and it cannot loop on the update's content.
import type { Bot } from "grammy/web";
import type { Update } from "grammy/types";
import { BotError } from "grammy/web";
import { z } from "zod";
import type { BotContext, Deps } from "./context.ts";
import { DbError } from "../_shared/rpc.ts";
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

function retryable(error: unknown): boolean {
  return (error instanceof DbError && error.unavailable) || error instanceof BotInitError;
}

class BotInitError extends Error {
  override name = "BotInitError";
}

export function createWebhookHandler(bot: Bot<BotContext>, deps: Deps): (req: Request) => Promise<Response> {
  let ready: Promise<void> | undefined;
  const init = () =>
    ready ??= bot.init().catch((e) => {
      ready = undefined;
      throw new BotInitError(`getMe failed: ${(e as Error).message}`, { cause: e });
    });

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
    const log = deps.log.child({ update_id: parsed.update_id, update_type: parsed.type });
    const claimFailed = (reason: string) =>
      deps.db.rpc("claim_update", {
        p_update_id: parsed.update_id,
        p_update_type: parsed.type,
        p_chat_id: parsed.chat_id,
        p_status: "failed",
        p_error: reason,
      }, z.boolean());
    // After a refusal the update may or may not have been claimed: either way it ends up failed.
    const markFailed = async (reason: string) => {
      if (await claimFailed(reason)) return;
      await deps.db.rpc(
        "finish_update",
        { p_update_id: parsed.update_id, p_status: "failed", p_error: reason },
        z.unknown(),
      );
    };
    try {
      if (parsed.kind === "invalid") {
        log.warn("invalid update stored as failed", { reason: parsed.reason });
        await claimFailed(`invalid update: ${parsed.reason}`);
        return answer(200);
      }
      await init();
      await bot.handleUpdate(parsed.update as unknown as Update);
      return answer(200);
    } catch (e) {
      const error = e instanceof BotError ? e.error : e;
      log.error("update not processed", { error });
      deps.report(error, { update_id: parsed.update_id });
      // Nothing was stored: the database or the Bot API (getMe) could not be reached. Ask for a redelivery.
      if (retryable(error)) return answer(503, "temporarily unavailable");
      // Refused by the database (the transaction rolled back): keep a visible trace of the failure.
      await markFailed(String((error as Error)?.message ?? error)).catch((err) =>
        log.error("could not record the failure", { error: err })
      );
      return answer(200);
    }
  };
}
