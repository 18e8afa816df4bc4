// Where and by whom a command or button may be used, checked before its handler runs:
//   bot.command("diagnose", groupOnly, staffOnly, handler)
// A refused message gets a short reply; a refused button press an alert (so no spinner hangs).
import type { NextFunction } from "grammy/web";
import type { BotContext } from "./context.ts";
import { identify, isStaff } from "./people.ts";
import { html } from "../_shared/html.ts";
import { GROUP_ONLY, PRIVATE_ONLY, STAFF_ONLY } from "./texts.ts";

async function refuse(ctx: BotContext, text: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(html`${text}`.markup);
}

const inGroup = (ctx: BotContext): boolean => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/** Only in a group; elsewhere the sender learns that the command works in the client's group. */
export async function groupOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (inGroup(ctx)) await next();
  else await refuse(ctx, GROUP_ONLY);
}

/** Only in the private chat with the bot, so personal things never show up in front of a client. */
export async function privateOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (ctx.chat?.type === "private") await next();
  else await refuse(ctx, PRIVATE_ONLY);
}

/** Only for the firm's staff (admins, managers, accountants); the identity is kept in ctx.staff. */
export async function staffOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  const who = await identify(ctx.deps.db, ctx.from!.id, ctx.chat);
  if (!isStaff(who.role)) return await refuse(ctx, STAFF_ONLY);
  ctx.staff = who;
  await next();
}
