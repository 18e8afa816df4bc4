// /diagnose (staff, in a group): the chat's configuration checks as the database states them
// (public.chat_health, the same rows the console shows). Whether the bot reads every message is checked
// live first and saved, so that row is current.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { botCanReadAll, saveMembership } from "../chat_access.ts";
import { groupOnly, staffOnly } from "../filters.ts";
import { clip, type Html, html, joinHtml } from "../../_shared/html.ts";

export const HealthRows = z.array(z.object({ key: z.string(), ok: z.boolean().nullable(), detail: z.string() }));
export type HealthRows = z.infer<typeof HealthRows>;

const mark = (ok: boolean | null) => ok === null ? "ℹ️" : ok ? "✅" : "⚠️";

/** The report: a header, then one line per check, ✅ fine, ⚠️ a problem (the detail says what to do), ℹ️ not known. */
export function diagnoseText(title: string, rows: HealthRows): Html {
  return joinHtml([
    html`🩺 <b>Диагностика чата «${clip(title, 100)}»</b>`,
    "",
    ...rows.map((r) => `${mark(r.ok)} ${r.detail}`),
  ]);
}

export const diagnose = new Composer<BotContext>();

diagnose.command("diagnose", groupOnly, staffOnly, async (ctx) => {
  const chat = ctx.chat;
  await saveMembership(ctx, chat, true, await botCanReadAll(ctx, chat.id));
  const rows = await ctx.deps.db.rpc("chat_health", { p_chat_id: chat.id }, HealthRows);
  await ctx.reply(diagnoseText(chat.title ?? "", rows).markup);
});
