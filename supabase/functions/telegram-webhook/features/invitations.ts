// Connecting a client group from Telegram: /newchat (staff, private chat) issues a one-time code;
// `/connect <code>` in the group links it — SLA on, the code's creator on the chat's staff.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { botCanReadAll, saveMembership } from "../chat_access.ts";
import { escapeHtml } from "../../_shared/html.ts";
import { GROUP_ONLY, PARSE, PRIVATE_ONLY, READ_ALL_MISSING, READ_ALL_OK, STAFF_ONLY } from "../texts.ts";

export const invitations = new Composer<BotContext>();

const Created = z.union([
  z.object({ ok: z.literal(true), code: z.string(), expires_at: z.string() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
const Redeemed = z.union([
  z.object({ ok: z.literal(true), staff_role: z.enum(["accountant", "manager"]), staff_name: z.string().nullable() }),
  z.object({ ok: z.literal(false), reason: z.enum(["not_found", "used", "already_connected", "expired"]) }),
]);

const REFUSED: Record<string, string> = {
  not_found: "❌ Код не найден. Проверьте его или получите новый командой /newchat в личном чате со мной.",
  used: "❌ Этот код уже использован. Получите новый командой /newchat.",
  already_connected: "✅ Этот чат уже подключён по этому коду.",
  expired: "⌛ Срок действия кода истёк. Получите новый командой /newchat.",
};

/** Codes are 8 characters; people paste them with spaces, dashes or in lower case. */
export function normaliseCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, "");
  return /^[A-HJ-NP-Z2-9]{8}$/.test(code) ? code : null;
}

invitations.command("newchat", async (ctx) => {
  if (ctx.chat.type !== "private") return void await ctx.reply(PRIVATE_ONLY, PARSE);
  const made = await ctx.deps.db.rpc("create_invitation", { p_telegram_user_id: ctx.from!.id }, Created);
  if (!made.ok) return void await ctx.reply(STAFF_ONLY, PARSE);
  await ctx.reply(
    [
      `🔑 Код подключения: <code>${made.code}</code>`,
      "",
      "1️⃣ Добавьте меня в группу клиента.",
      `2️⃣ Отправьте там: <code>/connect ${made.code}</code>`,
      "",
      "⏳ Код одноразовый и действует 24 часа.",
    ].join("\n"),
    PARSE,
  );
});

invitations.command("connect", async (ctx) => {
  if (ctx.chat.type !== "group" && ctx.chat.type !== "supergroup") return void await ctx.reply(GROUP_ONLY, PARSE);
  const code = normaliseCode(ctx.match);
  if (!code) return void await ctx.reply("✍️ Укажите код: <code>/connect КОД</code> (код выдаёт /newchat).", PARSE);
  const result = await ctx.deps.db.rpc("redeem_invitation", {
    p_code: code,
    p_chat_id: ctx.chat.id,
    p_chat_title: ctx.chat.title,
    p_chat_type: ctx.chat.type,
    p_telegram_user_id: ctx.from!.id,
  }, Redeemed);
  if (!result.ok) return void await ctx.reply(REFUSED[result.reason], PARSE);
  const canReadAll = await botCanReadAll(ctx, ctx.chat.id);
  await saveMembership(ctx, ctx.chat, true, canReadAll);
  const who = result.staff_name ? escapeHtml(result.staff_name) : "сотрудник";
  await ctx.reply(
    [
      "✅ Чат подключён: контроль времени ответа включён.",
      `👤 ${result.staff_role === "accountant" ? "Бухгалтер" : "Руководитель"}: ${who}`,
      canReadAll ? READ_ALL_OK : READ_ALL_MISSING,
    ].join("\n"),
    PARSE,
  );
});
