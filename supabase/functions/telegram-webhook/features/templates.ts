// /template for accountants in a client group: categories → templates (inline keyboard) → the rendered
// reply is posted in the group, variables filled in the chat's timezone, the use counted. Sent as a reply
// to a client's message, the command fills {{client_name}} with that client's name.
// Callback data (≤ 64 bytes): 'tpl:c:<id of a template in the category>:<client id>', 'tpl:t:<template id>:<client id>',
// 'tpl:home:<client id>' (client id 0 = none).
import { Composer, InlineKeyboard } from "grammy/web";
import type { BotContext } from "../context.ts";
import { identify, isStaff } from "../people.ts";
import { loadTemplates, recordTemplateUse, render, type Template } from "../../_shared/templates.ts";
import { escapeHtml } from "../../_shared/html.ts";
import { BUTTON_STALE, PARSE, STAFF_ONLY } from "../texts.ts";

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

const PICK = "📝 <b>Шаблоны ответов</b>\nВыберите категорию:";
const HINT = "\n💡 Чтобы подставить имя клиента, отправьте /template ответом на его сообщение.";

export const templates = new Composer<BotContext>();
const groups = templates.chatType(["group", "supergroup"]);

groups.command("template", async (ctx) => {
  const who = await identify(ctx);
  if (!isStaff(who.role)) return void await ctx.reply(STAFF_ONLY, PARSE);
  const list = await loadTemplates(ctx.deps.db);
  if (list.length === 0) return void await ctx.reply("ℹ️ Шаблонов пока нет — их добавляют в консоли.", PARSE);
  const replied = ctx.msg.reply_to_message;
  const client = replied?.from && !replied.from.is_bot && replied.from.id !== ctx.from!.id ? replied.from.id : 0;
  await ctx.reply(PICK + (client ? "" : HINT), { ...PARSE, reply_markup: categoriesKeyboard(list, client) });
});

async function clientName(ctx: BotContext, client: number): Promise<string> {
  if (!client) return "клиент";
  const member = await ctx.api.getChatMember(ctx.chat!.id, client);
  return [member.user.first_name, member.user.last_name].filter(Boolean).join(" ");
}

groups.callbackQuery(/^tpl:/, async (ctx) => {
  const press = parseTemplateData(ctx.callbackQuery.data);
  const who = await identify(ctx);
  if (!isStaff(who.role)) return void await ctx.answerCallbackQuery({ text: STAFF_ONLY, show_alert: true });
  const list = await loadTemplates(ctx.deps.db);
  const chosen = press && press.step !== "home" ? list.find((t) => t.id === press.id) : undefined;
  if (!press || (press.step !== "home" && !chosen)) {
    return void await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
  }
  if (press.step === "home") {
    await ctx.answerCallbackQuery();
    return void await ctx.editMessageText(PICK, { ...PARSE, reply_markup: categoriesKeyboard(list, press.client) });
  }
  if (press.step === "category") {
    await ctx.answerCallbackQuery();
    return void await ctx.editMessageText(`📁 <b>${escapeHtml(chosen!.category)}</b>\nВыберите шаблон:`, {
      ...PARSE,
      reply_markup: templatesKeyboard(list, chosen!.category, press.client),
    });
  }
  const now = ctx.deps.now();
  const html = render(
    chosen!.body,
    {
      client_name: await clientName(ctx, press.client),
      accountant_name: who.name ?? ctx.from.first_name,
      chat_title: ctx.chat.title ?? "",
    },
    who.timezone,
    now,
  );
  await ctx.reply(html, PARSE);
  await ctx.answerCallbackQuery({ text: "✅ Отправлено" });
  await ctx.deleteMessage();
  ctx.deps.background(recordTemplateUse(ctx.deps.db, chosen!.id, now));
});
