// What happens to every Bot API call the bot makes, in one place:
// - texts are Telegram HTML (built with `html`, see _shared/html.ts), so the parse mode is set here once;
// - the bot's own messages in groups belong to the chat's history too: every successful sendMessage to a
//   group is recorded (direction 'out', sender kind 'bot' — never an answer to a client) off the hot path.
import type { Transformer } from "grammy/web";
import { z } from "zod";
import type { Deps } from "./context.ts";
import { Message } from "./update.ts";
import { toRecord } from "./message.ts";

// The methods this bot calls that format a text or caption.
const FORMATTED = new Set(["sendMessage", "editMessageText", "editMessageCaption", "sendDocument", "sendPhoto"]);

export const htmlParseMode: Transformer = (prev, method, payload, signal) =>
  prev(method, FORMATTED.has(method) ? { parse_mode: "HTML", ...payload } : payload, signal);

const ON_BEHALF_OF = "buhbot_on_behalf_of";

/**
 * sendMessage options marking the bot's message as posted for this accountant (it answers like theirs).
 * disable_notification (Telegram's default) makes the options a Bot API shape for the type checker.
 */
export function onBehalfOf(accountant: number): { disable_notification: boolean; [ON_BEHALF_OF]: number } {
  return { disable_notification: false, [ON_BEHALF_OF]: accountant };
}

export function recordOutgoing(deps: Pick<Deps, "db" | "log" | "background">): Transformer {
  return async (prev, method, payload, signal) => {
    const { [ON_BEHALF_OF]: accountant, ...rest } = payload as typeof payload & { [ON_BEHALF_OF]?: number };
    const result = await prev(method, rest as typeof payload, signal);
    if (!result.ok || method !== "sendMessage") return result;
    const sent = Message.safeParse(result.result);
    if (!sent.success || sent.data.chat.type === "private" || sent.data.chat.type === "channel") return result;
    // The answer's chat title may be stale or absent; the stored title is kept (record_message skips null).
    const record = { ...toRecord(sent.data, "out", accountant), chat_title: null };
    deps.background(deps.db.rpc("record_message", { p_message: record }, z.unknown()));
    return result;
  };
}
