// /menu for clients: "contact the accountant" and "request a service". Both become private messages to
// the chat's accountants (else its managers, else the global managers) — the database picks the
// recipients and queues them in the outbox (public.notify_chat_staff); the relay sends them.
import { Composer, InlineKeyboard } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { escapeHtml, userName } from "../../_shared/html.ts";
import { BUTTON_STALE, NOT_CONNECTED, PARSE } from "../texts.ts";

export const SERVICES: Record<string, string> = {
  statement: "📄 Справка или выписка",
  reconciliation: "🧾 Акт сверки",
  payroll: "💼 Зарплата и кадры",
  taxes: "🏛 Налоги и отчётность",
  consult: "💬 Консультация",
  other: "✍️ Другое",
};
const Queued = z.object({ recipients: z.number(), queued: z.number() });

const mainMenu = () =>
  new InlineKeyboard().text("✉️ Связаться с бухгалтером", "menu:contact").row().text(
    "📝 Заказать услугу",
    "menu:services",
  );
const servicesMenu = () =>
  Object.entries(SERVICES).reduce(
    (kb, [code, label]) => kb.text(label, `menu:svc:${code}`).row(),
    new InlineKeyboard(),
  );

/** https://t.me/c/<internal id>/<message id> for supergroups; ordinary groups have no message links. */
export function messageLink(chatId: number, messageId: number): string | null {
  const internal = -chatId - 1_000_000_000_000;
  return internal > 0 ? `https://t.me/c/${internal}/${messageId}` : null;
}

export const menu = new Composer<BotContext>();
const groups = menu.chatType(["group", "supergroup"]);

groups.command("menu", async (ctx) => {
  if (!ctx.stored?.sla_enabled) return void await ctx.reply(NOT_CONNECTED, PARSE);
  await ctx.reply("📋 <b>Меню</b>\nЧем помочь?", { ...PARSE, reply_markup: mainMenu() });
});

groups.callbackQuery("menu:services", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText("📝 <b>Какая услуга нужна?</b>", { ...PARSE, reply_markup: servicesMenu() });
});

groups.callbackQuery(/^menu:(contact|svc:[a-z]+)$/, async (ctx) => {
  const choice = ctx.match[1];
  const service = choice.startsWith("svc:") ? SERVICES[choice.slice(4)] : undefined;
  if (choice !== "contact" && !service) {
    return void await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
  }
  const chat = ctx.chat, menuMessage = ctx.callbackQuery.message!.message_id;
  const client = `${userName(ctx.from)}${ctx.from.username ? ` (@${escapeHtml(ctx.from.username)})` : ""}`;
  const link = messageLink(chat.id, menuMessage);
  const result = await ctx.deps.db.rpc("notify_chat_staff", {
    p_chat_id: chat.id,
    p_kind: service ? "service_request" : "client_contact",
    p_payload: {
      ...PARSE,
      text: [
        service ? `📝 <b>Заказ услуги: ${service}</b>` : "✉️ <b>Клиент просит связаться</b>",
        `👤 ${client}`,
        `💬 Чат: «${escapeHtml(chat.title ?? "")}»`,
      ].join("\n"),
      ...(link ? { reply_markup: { inline_keyboard: [[{ text: "💬 Открыть чат", url: link }]] } } : {}),
    },
    p_dedup_key: `menu:${chat.id}:${menuMessage}:${ctx.from.id}:${choice}`,
  }, Queued);
  if (result.recipients === 0) {
    return void await ctx.answerCallbackQuery({
      text: "⚠️ Не нашёл, кому передать. Напишите вопрос в чат.",
      show_alert: true,
    });
  }
  await ctx.answerCallbackQuery({ text: result.queued ? "✅ Передано бухгалтеру" : "ℹ️ Уже передано" });
  if (result.queued) {
    const what = service ? `заявка «${service}» передана бухгалтеру` : "бухгалтер получил просьбу связаться";
    await ctx.editMessageText(`✅ ${userName(ctx.from)}: ${what}.`, PARSE);
  }
});
