// Client messages in connected groups, after the intake stored and labelled them: the label decided late
// (LLM) is applied; then the bot may reply directly to that message — the FAQ answer (such a message opens
// no request), the out-of-hours acknowledgement with the computed answer time, a file receipt.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import type { Later } from "../classifier.ts";
import type { Stored } from "../stored.ts";
import { clip, type Html, html } from "../../_shared/html.ts";
import { formatLocal } from "../../_shared/time.ts";
import { recordFaqUse } from "../../_shared/faq.ts";
import { fileSize } from "../texts.ts";

const Labelled = z.object({
  action: z.string(),
  request_id: z.number().nullable(),
  breach_at: z.string().nullable(),
  label_source: z.string().nullable(),
});
type Outcome = Pick<Stored, "action" | "breach_at" | "label_source">;

async function labelLater(ctx: BotContext, stored: Stored, later: Later): Promise<Outcome> {
  const { label, source } = await ctx.deps.classifier.decide(later);
  const result = await ctx.deps.db.rpc("classify_message", {
    p_chat_id: stored.message.chat.id,
    p_message_id: stored.message.message_id,
    p_label: label,
    p_source: source,
  }, Labelled);
  ctx.log.info("message labelled after storing", { label, source, action: result.action });
  return result;
}

export function faqText(question: string, answer: string): Html {
  return html`💡 <b>${clip(question, 200)}</b>\n\n${clip(answer, 3500)}`;
}

export function ackText(breachAt: Date, timeZone: string): Html {
  return html`🕘 Сейчас нерабочее время. Мы получили ваше сообщение и ответим до ${formatLocal(breachAt, timeZone)}.`;
}

export function receiptText(doc: { file_name?: string; file_size?: number }, at: Date, timeZone: string): Html {
  const name = clip(doc.file_name ?? "без имени", 200);
  return html`📎 Файл получен: <b>${name}</b> (${fileSize(doc.file_size)}), ${formatLocal(at, timeZone)}`;
}

export const messages = new Composer<BotContext>();

messages.on("message", async (ctx, next) => {
  const stored = ctx.stored;
  if (!stored || stored.sender_kind !== "client") return next();
  // Only a message the database left awaiting a label is worth an LLM call (not an edit, a command, a survey comment).
  const outcome = stored.plan.kind === "later" && stored.action === "awaiting"
    ? await labelLater(ctx, stored, stored.plan)
    : stored;
  if (!stored.sla_enabled) return next();
  const { message: msg, timezone } = stored;
  const reply = (text: Html) =>
    ctx.reply(text.markup, { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } });

  if (outcome.label_source === "faq" && stored.plan.kind === "now" && stored.plan.faq) {
    const faq = stored.plan.faq;
    await reply(faqText(faq.question, faq.answer));
    ctx.deps.background(recordFaqUse(ctx.deps.db, faq.id, ctx.deps.now()));
  } else if (
    outcome.action === "opened" && outcome.breach_at && !stored.working_now &&
    (await ctx.deps.settings.get()).out_of_hours_ack
  ) {
    await reply(ackText(new Date(outcome.breach_at), timezone));
  }
  if (msg.document) await reply(receiptText(msg.document, new Date(msg.date * 1000), timezone));
});
