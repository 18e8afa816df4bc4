// /mystats for staff, in the private chat (personal figures are not for the client group): the last 30
// days in working minutes, with the console's definitions (public.accountant_stats).
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { privateOnly, staffOnly } from "../filters.ts";
import { type Html, html, joinHtml } from "../../_shared/html.ts";

export const Stats = z.object({
  days: z.number(),
  chats: z.number(),
  requests: z.number(),
  answered: z.number(),
  breached: z.number(),
  compliance_pct: z.number().nullable(),
  avg_response_minutes: z.number().nullable(),
  open_now: z.number(),
});
export type Stats = z.infer<typeof Stats>;

export function statsText(s: Stats): Html {
  return joinHtml([
    html`📊 <b>Ваша статистика за ${s.days} дней</b>`,
    "",
    `💬 Чатов: ${s.chats}`,
    `📥 Запросов: ${s.requests}, отвечено: ${s.answered}`,
    `⏱ Среднее время ответа: ${s.avg_response_minutes === null ? "—" : `${s.avg_response_minutes} мин (рабочих)`}`,
    `✅ Вовремя: ${s.compliance_pct === null ? "—" : `${s.compliance_pct}%`}`,
    `🚨 Просрочено: ${s.breached}`,
    `📂 Открыто сейчас: ${s.open_now}`,
  ]);
}

export const stats = new Composer<BotContext>();

stats.command("mystats", privateOnly, staffOnly, async (ctx) => {
  const figures = await ctx.deps.db.rpc("accountant_stats", {
    p_telegram_user_id: ctx.from!.id,
    p_now: ctx.deps.now().toISOString(),
  }, Stats);
  await ctx.reply(statsText(figures).markup);
});
