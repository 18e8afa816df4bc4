// /menu for clients: "contact the accountant" and "request a service". Both become private messages to
// the chat's accountants (else its managers, else the global managers): the database picks the
// recipients, renders the message and queues it in the outbox (public.contact_staff); the relay sends it.
// The client is told who really got it.
import { Composer, InlineKeyboard } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { type Html, html, joinHtml, userName } from "../../_shared/html.ts";
import { BUTTON_STALE, NOT_CONNECTED } from "../texts.ts";

// A Map, not an object: a forged `menu:svc:constructor` must find nothing, not Object.prototype's members.
export const SERVICES: ReadonlyMap<string, string> = new Map([
  ["statement", "📄 Справка или выписка"],
  ["reconciliation", "🧾 Акт сверки"],
  ["payroll", "💼 Зарплата и кадры"],
  ["taxes", "🏛 Налоги и отчётность"],
  ["consult", "💬 Консультация"],
  ["other", "✍️ Другое"],
]);
const Audience = z.enum(["accountants", "managers", "global_managers", "none"]);
export type Audience = z.infer<typeof Audience>;
const Queued = z.object({ recipients: z.number(), queued: z.number(), limited: z.boolean(), audience: Audience });

export const MENU = joinHtml([html`📋 <b>Меню</b>`, "Чем помочь?"]);
export const PICK_SERVICE = html`📝 <b>Какая услуга нужна?</b>`;

export const mainMenu = () =>
  new InlineKeyboard().text("✉️ Связаться с бухгалтером", "menu:contact").row().text(
    "📝 Заказать услугу",
    "menu:services",
  );
export const servicesMenu = () =>
  [...SERVICES].reduce(
    (kb, [code, label]) => kb.text(label, `menu:svc:${code}`).row(),
    new InlineKeyboard(),
  );

/** Whom the client's message reached, as the client reads it. */
const RECEIVER: Record<Exclude<Audience, "none">, { dative: string; nominative: string }> = {
  accountants: { dative: "бухгалтеру", nominative: "бухгалтер" },
  managers: { dative: "руководителю", nominative: "руководитель" },
  global_managers: { dative: "руководителю", nominative: "руководитель" },
};

export const NOBODY = "⚠️ Не нашёл, кому передать. Напишите вопрос в чат.";
export const ALREADY = "ℹ️ Уже передано";
/** The client asked less than 10 minutes ago (public.contact_staff limits it): nothing new is sent. */
export const LIMITED = "⏳ Уже передали, ответим в рабочее время";
export const passedTo = (audience: Exclude<Audience, "none">) => `✅ Передано ${RECEIVER[audience].dative}`;

/** The menu message, edited once the request is queued, so the whole group sees it was passed on. */
export function passedText(client: string, service: string | undefined, audience: Exclude<Audience, "none">): Html {
  const to = RECEIVER[audience];
  return service
    ? html`✅ ${client}: заявка «${service}» передана ${to.dative}.`
    : html`✅ ${client}: ${to.nominative} получил просьбу связаться.`;
}

export const menu = new Composer<BotContext>();
const groups = menu.chatType(["group", "supergroup"]);

groups.command("menu", async (ctx) => {
  if (!ctx.stored?.sla_enabled) return void await ctx.reply(NOT_CONNECTED.markup);
  await ctx.reply(MENU.markup, { reply_markup: mainMenu() });
});

groups.callbackQuery("menu:services", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(PICK_SERVICE.markup, { reply_markup: servicesMenu() });
});

groups.callbackQuery(/^menu:(contact|svc:[a-z]+)$/, async (ctx) => {
  const choice = ctx.match[1];
  const service = choice.startsWith("svc:") ? SERVICES.get(choice.slice(4)) : undefined;
  if (choice !== "contact" && !service) {
    return void await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
  }
  const result = await ctx.deps.db.rpc("contact_staff", {
    p_chat_id: ctx.chat.id,
    p_menu_message_id: ctx.callbackQuery.message!.message_id,
    p_client_telegram_id: ctx.from.id,
    p_client_name: userName(ctx.from),
    p_client_username: ctx.from.username ?? null,
    p_service: service ?? null,
    p_now: ctx.deps.now().toISOString(),
  }, Queued);
  if (result.audience === "none") return void await ctx.answerCallbackQuery({ text: NOBODY, show_alert: true });
  if (result.limited) return void await ctx.answerCallbackQuery({ text: LIMITED, show_alert: true });
  await ctx.answerCallbackQuery({ text: result.queued ? passedTo(result.audience) : ALREADY });
  if (result.queued) await ctx.editMessageText(passedText(userName(ctx.from), service, result.audience).markup);
});
