// Who is pressing or typing: the database decides (public.telegram_identity), by Telegram user id only.
import { z } from "zod";
import type { BotContext } from "./context.ts";

export const Role = z.enum(["admin", "manager", "accountant", "observer", "client"]);
export type Role = z.infer<typeof Role>;
const Identity = z.object({ role: Role, name: z.string().nullable(), timezone: z.string() });
export type Identity = z.infer<typeof Identity>;

export const isStaff = (role: Role) => role === "admin" || role === "manager" || role === "accountant";

/** The sender's role, in the current group when there is one (chat staff count there), else globally. */
export function identify(ctx: BotContext): Promise<Identity> {
  const chat = ctx.chat && ctx.chat.type !== "private" ? ctx.chat.id : null;
  return ctx.deps.db.rpc("telegram_identity", { p_telegram_user_id: ctx.from!.id, p_chat_id: chat }, Identity);
}
