// The bot's own membership in groups (my_chat_member): added → the group is registered (SLA off until
// /connect) or monitoring is restored, and the bot says whether it can read every message; removed →
// monitoring off (the SLA engine stops timing a chat it cannot see).
import { Composer } from "grammy/web";
import type { ChatMemberUpdated } from "grammy/types";
import type { BotContext } from "../context.ts";
import { saveMembership } from "../chat_access.ts";
import { welcomeText } from "../texts.ts";

export const chats = new Composer<BotContext>();

const PRESENT = new Set(["creator", "administrator", "member"]);
const ADMIN = new Set(["creator", "administrator"]);

/** Whether a chat member record means "in the group" (restricted members may still be in it). */
function inChat(member: ChatMemberUpdated["new_chat_member"]): boolean {
  return PRESENT.has(member.status) || (member.status === "restricted" && member.is_member === true);
}

chats.chatType(["group", "supergroup"]).on("my_chat_member", async (ctx) => {
  const update = ctx.myChatMember;
  const now = inChat(update.new_chat_member);
  const before = inChat(update.old_chat_member);
  // The update carries the bot's new status, so no getChatMember call is needed here.
  const canReadAll = now ? ctx.me.can_read_all_group_messages || ADMIN.has(update.new_chat_member.status) : null;
  const membership = await saveMembership(ctx, update.chat, now, canReadAll);
  ctx.log.info(now ? "bot is in the group" : "bot left the group", { chat_id: update.chat.id, membership, canReadAll });
  if (now && !before) await ctx.reply(welcomeText(membership.sla_enabled, canReadAll === true).markup);
});
