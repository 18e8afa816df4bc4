// The intake middleware: the first thing every authentic update meets, before any feature or gating.
// A group message is claimed, stored, (for clients) labelled and recorded as done in ONE database round
// trip (public.ingest_message); any other update is just claimed. A redelivered update stops here.
// Then Telegram gets its answer: what is stored is safe, and everything else — the features' replies,
// commands, a late LLM label (up to its 2 s budget) — runs after it (EdgeRuntime.waitUntil), so a slow
// Bot API or LLM never holds the webhook. Their outcome is recorded (done, or failed with the error).
import { z } from "zod";
import type { Middleware, NextFunction } from "grammy/web";
import type { BotContext } from "./context.ts";
import { chatIdOf, Message, updateType } from "./update.ts";
import { classifiableText, toRecord } from "./message.ts";
import type { Plan } from "./classifier.ts";

const SenderKind = z.enum(["client", "accountant", "manager", "bot"]);
const StoredRow = z.object({
  claimed: z.literal(true),
  sender_kind: SenderKind,
  sla_enabled: z.boolean(),
  monitoring_enabled: z.boolean(),
  survey_comment: z.boolean().optional(), // present (true) only when the message became a survey comment
  label_source: z.string().nullable(),
  action: z.string().nullable(),
  request_id: z.number().nullable(),
  breach_at: z.string().nullable(),
  timezone: z.string(),
  working_now: z.boolean(),
});
const IngestResult = z.union([z.object({ claimed: z.literal(false) }), StoredRow]);
export type Stored = z.infer<typeof StoredRow> & { message: Message; plan: Plan };

const isGroup = (m: Message) => m.chat.type === "group" || m.chat.type === "supergroup";

/** Old and new chat id when this service message announces a group → supergroup migration. */
function migrationOf(m: Message): { old: number; new: number } | null {
  if (m.migrate_to_chat_id) return { old: m.chat.id, new: m.migrate_to_chat_id };
  if (m.migrate_from_chat_id) return { old: m.migrate_from_chat_id, new: m.chat.id };
  return null;
}

async function storeGroupMessage(ctx: BotContext, msg: Message, edited: boolean): Promise<boolean> {
  const { deps } = ctx;
  // Edits are stored as new versions but never classified again: an edit opens no second request.
  const text = edited ? null : classifiableText(msg);
  const plan = await deps.classifier.plan(text);
  const migration = migrationOf(msg);
  const result = await deps.db.rpc("ingest_message", {
    p_update_id: ctx.update.update_id,
    p_update_type: edited ? "edited_message" : "message",
    p_message: toRecord(msg),
    p_label: plan.kind === "now" ? plan.label : null,
    p_label_source: plan.kind === "now" ? plan.source : null,
    p_migrate_from: migration?.old ?? null,
    p_migrate_to: migration?.new ?? null,
  }, IngestResult);
  if (result.claimed) ctx.stored = { ...result, message: msg, plan };
  return result.claimed;
}

function claim(ctx: BotContext): Promise<boolean> {
  const type = updateType(ctx.update);
  return ctx.deps.db.rpc("claim_update", {
    p_update_id: ctx.update.update_id,
    p_update_type: type,
    p_chat_id: chatIdOf((ctx.update as unknown as Record<string, unknown>)[type]),
  }, z.boolean());
}

/** The features, then the update's outcome (a stored message's update is already done, unless they fail). */
async function runFeatures(ctx: BotContext, next: NextFunction, alreadyDone: boolean): Promise<void> {
  try {
    await next();
  } finally {
    const failed = ctx.failure !== undefined;
    if (failed || !alreadyDone) {
      await ctx.deps.db.rpc("finish_update", {
        p_update_id: ctx.update.update_id,
        p_status: failed ? "failed" : "done",
        p_error: failed ? String((ctx.failure as Error)?.message ?? ctx.failure) : null,
      }, z.unknown());
    }
  }
}

export const intake: Middleware<BotContext> = async (ctx, next) => {
  const msg = (ctx.update.message ?? ctx.update.edited_message) as Message | undefined;
  const stored = msg !== undefined && isGroup(msg);
  const claimed = stored ? await storeGroupMessage(ctx, msg, !ctx.update.message) : await claim(ctx);
  if (!claimed) return ctx.log.info("redelivered update ignored");
  // Telegram's answer waits only for storage; replies, commands and a late LLM label run after it.
  ctx.deps.background(runFeatures(ctx, next, stored));
};
