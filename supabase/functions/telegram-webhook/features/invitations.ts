// Connecting a client group from Telegram: /newchat (staff, private chat) issues a one-time code;
// `/connect <code>` in the group links it — SLA on, the code's creator on the chat's staff.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { botCanReadAll, saveMembership } from "../chat_access.ts";
import { groupOnly, privateOnly } from "../filters.ts";
import { type Html, html, joinHtml } from "../../_shared/html.ts";
import { READ_ALL_MISSING, READ_ALL_OK, STAFF_ONLY } from "../texts.ts";

export const invitations = new Composer<BotContext>();

const Created = z.union([
  z.object({ ok: z.literal(true), code: z.string(), expires_at: z.string() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
const Redeemed = z.union([
  z.object({ ok: z.literal(true), staff_role: z.enum(["accountant", "manager"]), staff_name: z.string().nullable() }),
  z.object({ ok: z.literal(false), reason: z.enum(["not_found", "used", "already_connected", "expired"]) }),
]);
type Refusal = Extract<z.infer<typeof Redeemed>, { ok: false }>["reason"];

export const REFUSED: Record<Refusal, Html> = {
  not_found: html`❌ Код не найден. Проверьте его или получите новый командой /newchat в личном чате со мной.`,
  used: html`❌ Этот код уже использован. Получите новый командой /newchat.`,
  already_connected: html`✅ Этот чат уже подключён по этому коду.`,
  expired: html`⌛ Срок действия кода истёк. Получите новый командой /newchat.`,
};
export const CODE_MISSING = html`✍️ Укажите код: <code>/connect КОД</code> (код выдаёт /newchat).`;

/** Codes are 8 characters; people paste them with spaces, dashes or in lower case. */
export function normaliseCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, "");
  return /^[A-HJ-NP-Z2-9]{8}$/.test(code) ? code : null;
}

/** Sent in the private chat; the code itself is then sent in the client's group. */
export function invitationText(code: string): Html {
  return joinHtml([
    html`🔑 Код подключения: <code>${code}</code>`,
    "",
    "1️⃣ Добавьте меня в группу клиента.",
    html`2️⃣ Отправьте в этой группе: <code>/connect ${code}</code>`,
    "",
    "⏳ Код одноразовый и действует 24 часа.",
  ]);
}

export function connectedText(role: "accountant" | "manager", name: string | null, canReadAll: boolean): Html {
  return joinHtml([
    "✅ Чат подключён: контроль времени ответа включён.",
    `👤 ${role === "accountant" ? "Бухгалтер" : "Руководитель"}: ${name ?? "сотрудник"}`,
    canReadAll ? READ_ALL_OK : READ_ALL_MISSING,
  ]);
}

invitations.command("newchat", privateOnly, async (ctx) => {
  const made = await ctx.deps.db.rpc("create_invitation", { p_telegram_user_id: ctx.from!.id }, Created);
  await ctx.reply(made.ok ? invitationText(made.code).markup : html`${STAFF_ONLY}`.markup);
});

invitations.command("connect", groupOnly, async (ctx) => {
  const code = normaliseCode(ctx.match);
  if (!code) return void await ctx.reply(CODE_MISSING.markup);
  const chat = ctx.chat;
  const result = await ctx.deps.db.rpc("redeem_invitation", {
    p_code: code,
    p_chat_id: chat.id,
    p_chat_title: chat.title,
    p_chat_type: chat.type,
    p_telegram_user_id: ctx.from!.id,
  }, Redeemed);
  if (!result.ok) return void await ctx.reply(REFUSED[result.reason].markup);
  const canReadAll = await botCanReadAll(ctx, chat.id);
  await saveMembership(ctx, chat, true, canReadAll);
  await ctx.reply(connectedText(result.staff_role, result.staff_name, canReadAll).markup);
});
