// /template for accountants in a client group: categories → templates (inline keyboard) → the rendered
// reply is posted in the group, variables filled in the chat's timezone, the use counted. Sent as a reply
// to a client's message, the command fills {{client_name}} with that client's name; without one, a template
// that names the client is refused (a client must never be greeted with a placeholder word).
// Callback data (≤ 64 bytes): 'tpl:c:<id of a template in the category>:<client id>', 'tpl:t:<template id>:<client id>',
// 'tpl:home:<client id>' (client id 0 = none).
import { Composer, InlineKeyboard } from "grammy/web";
import type { BotContext } from "../context.ts";
import { staffOnly } from "../filters.ts";
import { loadTemplates, namesClient, recordTemplateUse, render, type Template } from "../../_shared/templates.ts";
import { type Html, html, joinHtml } from "../../_shared/html.ts";
import { BUTTON_STALE } from "../texts.ts";
import { onBehalfOf } from "../outgoing.ts";

type TemplatePress =
  | { step: "home"; client: number }
  | { step: "category" | "template"; id: number; client: number };

export function parseTemplateData(data: string): TemplatePress | null {
  const m = /^tpl:(?:(home)|(c|t):([1-9]\d{0,17})):(\d{1,15})$/.exec(data);
  if (!m) return null;
  if (m[1]) return { step: "home", client: Number(m[4]) };
  return { step: m[2] === "c" ? "category" : "template", id: Number(m[3]), client: Number(m[4]) };
}

/** One button per category, each pointing at the category's first template (ids survive renames). */
export function categoriesKeyboard(templates: Template[], client: number): InlineKeyboard {
  const firsts = new Map<string, number>();
  for (const t of templates) if (!firsts.has(t.category)) firsts.set(t.category, t.id);
  return [...firsts].reduce(
    (kb, [category, id]) => kb.text(`📁 ${category}`, `tpl:c:${id}:${client}`).row(),
    new InlineKeyboard(),
  );
}

export function templatesKeyboard(templates: Template[], category: string, client: number): InlineKeyboard {
  return templates.filter((t) => t.category === category)
    .reduce((kb, t) => kb.text(t.title, `tpl:t:${t.id}:${client}`).row(), new InlineKeyboard())
    .text("⬅️ Назад", `tpl:home:${client}`);
}

export const NO_TEMPLATES = html`ℹ️ Шаблонов пока нет — их добавляют в консоли.`;
export const SENT = "✅ Отправлено";
export const NEEDS_CLIENT = "✍️ В этом шаблоне есть имя клиента. Отправьте /template ответом на сообщение клиента.";

/** The picker's first screen; without a client, a hint how to get templates that name one. */
export function pickText(hint: boolean): Html {
  return joinHtml([
    html`📝 <b>Шаблоны ответов</b>`,
    "Выберите категорию:",
    ...(hint ? ["", "💡 Чтобы подставить имя клиента, отправьте /template ответом на его сообщение."] : []),
  ]);
}

export const categoryText = (category: string): Html => html`📁 <b>${category}</b>\nВыберите шаблон:`;

export const templates = new Composer<BotContext>();
const groups = templates.chatType(["group", "supergroup"]);

groups.command("template", staffOnly, async (ctx) => {
  const list = await loadTemplates(ctx.deps.db);
  if (list.length === 0) return void await ctx.reply(NO_TEMPLATES.markup);
  const replied = ctx.msg.reply_to_message;
  const client = replied?.from && !replied.from.is_bot && replied.from.id !== ctx.from!.id ? replied.from.id : 0;
  await ctx.reply(pickText(client === 0).markup, { reply_markup: categoriesKeyboard(list, client) });
});

async function clientName(ctx: BotContext, client: number): Promise<string> {
  const member = await ctx.api.getChatMember(ctx.chat!.id, client);
  return [member.user.first_name, member.user.last_name].filter(Boolean).join(" ");
}

async function send(ctx: BotContext, chosen: Template, client: number): Promise<void> {
  if (client === 0 && namesClient(chosen.body)) {
    return void await ctx.answerCallbackQuery({ text: NEEDS_CLIENT, show_alert: true });
  }
  const now = ctx.deps.now();
  const values = {
    client_name: client === 0 ? "" : await clientName(ctx, client),
    accountant_name: ctx.staff!.name ?? ctx.from!.first_name,
    chat_title: ctx.chat?.title ?? "",
  };
  // Posted for the accountant, so it answers the chat's open requests like their own message would.
  await ctx.reply(render(chosen.body, values, ctx.staff!.timezone, now).markup, onBehalfOf(ctx.from!.id));
  await ctx.answerCallbackQuery({ text: SENT });
  await ctx.deleteMessage();
  ctx.deps.background(recordTemplateUse(ctx.deps.db, chosen.id, now));
}

groups.callbackQuery(/^tpl:/, staffOnly, async (ctx) => {
  const press = parseTemplateData(ctx.callbackQuery.data);
  const list = await loadTemplates(ctx.deps.db);
  const chosen = press && press.step !== "home" ? list.find((t) => t.id === press.id) : undefined;
  if (!press || (press.step !== "home" && !chosen)) {
    return void await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
  }
  if (press.step === "template") return await send(ctx, chosen!, press.client);
  await ctx.answerCallbackQuery();
  if (press.step === "home") {
    await ctx.editMessageText(pickText(false).markup, { reply_markup: categoriesKeyboard(list, press.client) });
  } else {
    const category = chosen!.category;
    await ctx.editMessageText(categoryText(category).markup, {
      reply_markup: templatesKeyboard(list, category, press.client),
    });
  }
});
