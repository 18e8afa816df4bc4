// Who is pressing or typing: the database decides (public.telegram_identity), by Telegram user id only.
import { z } from "zod";
import type { Db } from "../_shared/rpc.ts";

export const Role = z.enum(["admin", "manager", "accountant", "observer", "client"]);
export type Role = z.infer<typeof Role>;
const Identity = z.object({ role: Role, name: z.string().nullable(), timezone: z.string() });
export type Identity = z.infer<typeof Identity>;

export const isStaff = (role: Role) => role === "admin" || role === "manager" || role === "accountant";

/** The user's role in the given group (chat staff count there); in a private chat, their role anywhere. */
export function identify(db: Db, userId: number, chat: { id: number; type: string } | undefined): Promise<Identity> {
  const group = chat && chat.type !== "private" ? chat.id : null;
  return db.rpc("telegram_identity", { p_telegram_user_id: userId, p_chat_id: group }, Identity);
}
