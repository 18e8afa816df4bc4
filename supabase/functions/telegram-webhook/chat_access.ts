// Whether the bot receives every message of a group: with privacy mode off (getMe says
// can_read_all_group_messages) or as an administrator. Without that, client messages go unseen and SLA
// would silently miss requests — so the bot checks on joining, on /connect and in /diagnose.
import { z } from "zod";
import type { BotContext } from "./context.ts";

const Membership = z.object({
  chat_id: z.number(),
  sla_enabled: z.boolean(),
  monitoring_enabled: z.boolean(),
  registered: z.boolean(),
});
export type Membership = z.infer<typeof Membership>;

export async function botCanReadAll(ctx: BotContext, chatId: number): Promise<boolean> {
  if (ctx.me.can_read_all_group_messages) return true;
  const { status } = await ctx.api.getChatMember(chatId, ctx.me.id);
  return status === "administrator" || status === "creator";
}

/** Records that the bot is (or is no longer) in the group, and whether it reads everything there. */
export function saveMembership(
  ctx: BotContext,
  chat: { id: number; title?: string; type: string },
  isMember: boolean,
  canReadAll: boolean | null,
): Promise<Membership> {
  return ctx.deps.db.rpc("set_chat_membership", {
    p_chat_id: chat.id,
    p_title: chat.title ?? "",
    p_chat_type: chat.type,
    p_is_member: isMember,
    p_can_read_all: canReadAll,
  }, Membership);
}
