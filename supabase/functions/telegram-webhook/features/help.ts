// /start and /help: what the bot does and which commands the sender may use, by role and by place (a
// client writing to the bot privately is sent to their company's group: private chats are not monitored).
import { Composer } from "grammy/web";
import type { BotContext } from "../context.ts";
import { identify } from "../people.ts";
import { helpText, type Place, startText } from "../texts.ts";

export const help = new Composer<BotContext>();

const placeOf = (ctx: BotContext): Place => ctx.chat?.type === "private" ? "private" : "group";
const whoIs = (ctx: BotContext) => identify(ctx.deps.db, ctx.from!.id, ctx.chat);

help.command("start", async (ctx) => {
  const who = await whoIs(ctx);
  await ctx.reply(startText(who.role, who.name, placeOf(ctx)).markup);
});

help.command("help", async (ctx) => {
  const who = await whoIs(ctx);
  await ctx.reply(helpText(who.role, placeOf(ctx)).markup);
});
