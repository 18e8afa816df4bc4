// The life of one Telegram update in public.telegram_updates — owned here and nowhere else:
//   invalid (the parts the bot uses did not validate) → stored as failed, never handled;
//   valid → claimed first: a redelivery, sequential or concurrent, stops at the claim (a group message is
//     claimed, stored and labelled in the same round trip, see ingest.ts);
//   → Telegram gets its answer, then the features run (EdgeRuntime.waitUntil), so a slow Bot API or LLM
//     never holds the webhook → done, or failed with the feature's error;
//   refused by the database before the features ran → failed, so a trace stays visible;
//   the database or the Bot API (getMe) unreachable before anything was stored → "retry": the HTTP edge
//     answers 503 and Telegram's redelivery is exactly what is wanted.
import { type Bot, BotError, type Middleware, type NextFunction } from "grammy/web";
import type { Update } from "grammy/types";
import { z } from "zod";
import { DbError } from "../_shared/rpc.ts";
import type { BotContext, Deps } from "./context.ts";
import { groupMessageOf, ingestGroupMessage } from "./ingest.ts";
import { chatIdOf, type Parsed, updateType } from "./update.ts";

type Key = { update_id: number; type: string; chat_id: number | null };
export type Outcome = "handled" | "retry";

const reason = (error: unknown) => String((error as Error)?.message ?? error);

/** True when this call claimed the update; with `failed`, it is recorded as failed at once. */
function claim(deps: Deps, key: Key, failed?: string): Promise<boolean> {
  return deps.db.rpc("claim_update", {
    p_update_id: key.update_id,
    p_update_type: key.type,
    p_chat_id: key.chat_id,
    ...(failed === undefined ? {} : { p_status: "failed", p_error: failed }),
  }, z.boolean());
}

function finish(deps: Deps, updateId: number, failure: unknown): Promise<unknown> {
  const failed = failure !== undefined;
  return deps.db.rpc("finish_update", {
    p_update_id: updateId,
    p_status: failed ? "failed" : "done",
    p_error: failed ? reason(failure) : null,
  }, z.unknown());
}

/** After a refusal the update may or may not have been claimed: either way it ends up failed. */
async function recordFailure(deps: Deps, key: Key, error: unknown): Promise<void> {
  if (!(await claim(deps, key, reason(error)))) await finish(deps, key.update_id, error);
}

function keyOf(update: Update): Key {
  const type = updateType(update);
  return { update_id: update.update_id, type, chat_id: chatIdOf((update as unknown as Record<string, unknown>)[type]) };
}

/** The features, then the outcome (a stored group message's update is done already, unless a feature failed). */
async function runFeatures(ctx: BotContext, next: NextFunction, alreadyDone: boolean): Promise<void> {
  try {
    await next();
  } finally {
    if (ctx.failure !== undefined || !alreadyDone) await finish(ctx.deps, ctx.update.update_id, ctx.failure);
  }
}

/** The bot's first middleware, before any feature or gating: claim (or store), then the features in the background. */
export const intake: Middleware<BotContext> = async (ctx, next) => {
  const group = groupMessageOf(ctx.update);
  if (group) {
    const stored = await ingestGroupMessage(ctx.deps, ctx.update.update_id, group);
    if (!stored) return ctx.log.info("redelivered update ignored");
    ctx.stored = stored;
  } else if (!(await claim(ctx.deps, keyOf(ctx.update)))) {
    return ctx.log.info("redelivered update ignored");
  }
  ctx.deps.background(runFeatures(ctx, next, group !== null));
};

class BotInitError extends Error {
  override name = "BotInitError";
}

const retryable = (error: unknown) => (error instanceof DbError && error.unavailable) || error instanceof BotInitError;

/** Runs one parsed update through the bot (see the top of this file); never throws. */
export function createUpdateRunner(
  bot: Bot<BotContext>,
  deps: Deps,
): (parsed: Exclude<Parsed, { kind: "malformed" }>) => Promise<Outcome> {
  let ready: Promise<void> | undefined;
  const init = () =>
    ready ??= bot.init().catch((e) => {
      ready = undefined;
      throw new BotInitError(`getMe failed: ${(e as Error).message}`, { cause: e });
    });

  return async (parsed) => {
    const log = deps.log.child({ update_id: parsed.update_id, update_type: parsed.type });
    try {
      if (parsed.kind === "invalid") {
        log.warn("invalid update stored as failed", { reason: parsed.reason });
        await claim(deps, parsed, `invalid update: ${parsed.reason}`);
        return "handled";
      }
      await init();
      await bot.handleUpdate(parsed.update as unknown as Update);
      return "handled";
    } catch (e) {
      const error = e instanceof BotError ? e.error : e;
      log.error("update not processed", { error });
      deps.report(error, { update_id: parsed.update_id });
      if (retryable(error)) return "retry";
      // Refused by the database (its transaction rolled back): keep a visible trace of the failure.
      await recordFailure(deps, parsed, error).catch((err) =>
        log.error("could not record the failure", { error: err })
      );
      return "handled";
    }
  };
}
