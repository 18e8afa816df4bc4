// Buttons under breach alerts in managers' and accountants' private chats: 'alert:<id>:resolve' and
// 'alert:<id>:notify'. The database decides who may press what (public.alert_action) and writes every
// resulting message to the outbox; here the presser only gets a short answer — also when the alert is
// already closed or the press is not theirs to make. A callback is always answered, so no spinner hangs.
import { Composer } from "grammy/web";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { BUTTON_STALE, TRY_LATER } from "../texts.ts";

const ActionResult = z.object({ ok: z.boolean(), reason: z.string().nullish() });
export type AlertPress = { alertId: number; action: "resolve" | "notify" };

/** 'alert:42:resolve' → { alertId: 42, action: "resolve" }; anything else (forged, truncated) → null. */
export function parseAlertData(data: string): AlertPress | null {
  const m = /^alert:([1-9]\d{0,17}):(resolve|notify)$/.exec(data);
  return m ? { alertId: Number(m[1]), action: m[2] as AlertPress["action"] } : null;
}

export const ALERT_DONE: Record<AlertPress["action"], string> = {
  resolve: "✅ Запрос закрыт",
  notify: "📨 Бухгалтеру отправлено напоминание",
};
/** The database's reason is shown as it is (a plain-text button answer); this only when it gives none. */
export const ALERT_UNAVAILABLE = "⚠️ Действие недоступно";

export const alerts = new Composer<BotContext>();

alerts.callbackQuery(/^alert:/, async (ctx) => {
  const press = parseAlertData(ctx.callbackQuery.data);
  if (!press) return void await ctx.answerCallbackQuery({ text: BUTTON_STALE, show_alert: true });
  let result: z.infer<typeof ActionResult>;
  try {
    result = await ctx.deps.db.rpc("alert_action", {
      p_alert_id: press.alertId,
      p_action: press.action,
      p_actor_telegram_id: ctx.from.id,
    }, ActionResult);
  } catch (error) {
    await ctx.answerCallbackQuery({ text: TRY_LATER, show_alert: true });
    throw error; // the error boundary logs it and records the update as failed
  }
  ctx.log.info("alert button", { ...press, ok: result.ok, reason: result.reason });
  await ctx.answerCallbackQuery(
    result.ok
      ? { text: ALERT_DONE[press.action] }
      : { text: result.reason ? `⚠️ ${result.reason}` : ALERT_UNAVAILABLE, show_alert: true },
  );
});
