// /start and /help: what the bot does and which commands the sender may use, by role.
import { Composer } from "grammy/web";
import type { BotContext } from "../context.ts";
import { identify } from "../people.ts";
import { escapeHtml } from "../../_shared/html.ts";
import { helpText, PARSE, startText } from "../texts.ts";

export const help = new Composer<BotContext>();

help.command("start", async (ctx) => {
  const who = await identify(ctx);
  await ctx.reply(startText(who.role, who.name ? escapeHtml(who.name) : null), PARSE);
});

help.command("help", async (ctx) => {
  const who = await identify(ctx);
  await ctx.reply(helpText(who.role), PARSE);
});
