// /diagnose (staff, in a group): the chat's configuration health — SLA on, accountant linked, alert
// recipients present, the bot reads every message (checked live), last message seen.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { botCanReadAll, saveMembership } from "../chat_access.ts";
import { identify, isStaff } from "../people.ts";
import { clip, escapeHtml } from "../../_shared/html.ts";
import { DEFAULT_TIMEZONE, formatLocal } from "../../_shared/time.ts";
import { GROUP_ONLY, PARSE, READ_ALL_MISSING, READ_ALL_OK, STAFF_ONLY } from "../texts.ts";

export const Health = z.object({
  title: z.string(),
  sla_enabled: z.boolean(),
  monitoring_enabled: z.boolean(),
  threshold_minutes: z.number(),
  last_message_at: z.string().nullable(),
  accountants: z.array(
    z.object({ telegram_user_id: z.number(), name: z.string().nullable(), is_primary: z.boolean() }),
  ),
  managers: z.number(),
  global_managers: z.number(),
});
export type Health = z.infer<typeof Health>;

const line = (ok: boolean, good: string, bad: string) => (ok ? `✅ ${good}` : `⚠️ ${bad}`);

/** The report, one line per check; a ⚠️ line says what to do about it. */
export function diagnoseText(h: Health, canReadAll: boolean, timeZone: string): string {
  const primary = h.accountants.find((a) => a.is_primary) ?? h.accountants[0];
  const recipients = h.managers + h.global_managers;
  return [
    `🩺 <b>Диагностика чата «${escapeHtml(clip(h.title, 100))}»</b>`,
    "",
    line(
      h.sla_enabled,
      `Контроль ответов включён (порог ${h.threshold_minutes} мин)`,
      "Контроль ответов выключен — подключите чат командой <code>/connect КОД</code> или в консоли",
    ),
    line(h.monitoring_enabled, "Бот отслеживает чат", "Мониторинг выключен — бот был удалён из группы"),
    line(
      primary !== undefined,
      `Бухгалтер: ${escapeHtml(primary?.name ?? `id ${primary?.telegram_user_id}`)}` +
        (h.accountants.length > 1 ? ` и ещё ${h.accountants.length - 1}` : ""),
      "Бухгалтер не назначен — предупреждения некому отправлять",
    ),
    line(
      recipients > 0,
      `Получатели уведомлений о просрочках: ${recipients}`,
      "Нет руководителей для уведомлений о просрочках — назначьте их в консоли",
    ),
    canReadAll ? READ_ALL_OK : READ_ALL_MISSING,
    h.last_message_at === null
      ? "ℹ️ Сообщений в чате ещё не было"
      : `🕒 Последнее сообщение: ${formatLocal(new Date(h.last_message_at), timeZone)}`,
  ].join("\n");
}

export const diagnose = new Composer<BotContext>();

diagnose.command("diagnose", async (ctx) => {
  if (ctx.chat.type !== "group" && ctx.chat.type !== "supergroup") return void await ctx.reply(GROUP_ONLY, PARSE);
  const who = await identify(ctx);
  if (!isStaff(who.role)) return void await ctx.reply(STAFF_ONLY, PARSE);
  const canReadAll = await botCanReadAll(ctx, ctx.chat.id);
  await saveMembership(ctx, ctx.chat, true, canReadAll);
  const health = await ctx.deps.db.rpc("chat_health", { p_chat_id: ctx.chat.id }, Health);
  await ctx.reply(diagnoseText(health, canReadAll, ctx.stored?.timezone ?? DEFAULT_TIMEZONE), PARSE);
});
