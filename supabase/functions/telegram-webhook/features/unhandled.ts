// Last in the chain: an update no feature acted on. Perfectly normal for most group messages (they were
// stored and labelled by the intake already), so it is only a debug line — but never silent.
import { Composer } from "grammy/web";
import type { BotContext } from "../context.ts";
import { BUTTON_STALE } from "../texts.ts";

export const unhandled = new Composer<BotContext>();

unhandled.on("callback_query", async (ctx) => {
  ctx.log.warn("unknown button pressed", { data: ctx.callbackQuery.data });
  await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
});

unhandled.use((ctx) => {
  ctx.log.debug("no feature handled the update", { sender_kind: ctx.stored?.sender_kind });
});
