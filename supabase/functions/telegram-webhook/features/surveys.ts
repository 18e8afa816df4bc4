// Buttons under the quarterly survey in a client group: 'survey:<delivery>:<1..5>' votes, 'survey:<delivery>:0'
// withdraws. Every group member votes for themselves; the database (public.survey_vote) decides everything
// — a press outside the delivery's own chat, expired survey, staff pressing, change, withdraw, the
// low-rating alert to managers, the invitation to comment — and returns the
// Russian answer shown to the presser only. A callback is always answered, so no spinner hangs.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { clip } from "../../_shared/html.ts";
import { BUTTON_STALE, TRY_LATER } from "../texts.ts";

export type SurveyPress = { deliveryId: number; rating: number };

/** 'survey:42:5' → { deliveryId: 42, rating: 5 } (0 = withdraw); anything else (forged, truncated) → null. */
export function parseSurveyData(data: string): SurveyPress | null {
  const m = /^survey:([1-9]\d{0,17}):([0-5])$/.exec(data);
  return m ? { deliveryId: Number(m[1]), rating: Number(m[2]) } : null;
}

export const surveys = new Composer<BotContext>();

surveys.callbackQuery(/^survey:/, async (ctx) => {
  const press = parseSurveyData(ctx.callbackQuery.data);
  if (!press) return void await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
  // Raw (unescaped) name: the database escapes it where it renders HTML (the managers' low-rating alert).
  const name = [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(" ").trim() ||
    (ctx.from.username ? `@${ctx.from.username}` : null);
  let answer: string;
  try {
    answer = await ctx.deps.db.rpc("survey_vote", {
      p_delivery_id: press.deliveryId,
      p_chat_id: ctx.callbackQuery.message?.chat.id ?? null, // null (inline message): no chat, no vote
      p_telegram_user_id: ctx.from.id,
      p_rating: press.rating,
      p_voter_name: name ? clip(name, 300) : null,
    }, z.string());
  } catch (error) {
    await ctx.answerCallbackQuery({ text: TRY_LATER, show_alert: true });
    throw error; // the error boundary logs it and records the update as failed
  }
  ctx.log.info("survey button", { ...press, answer });
  await ctx.answerCallbackQuery({ text: answer });
});
