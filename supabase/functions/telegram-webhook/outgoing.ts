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

export function recordOutgoing(deps: Pick<Deps, "db" | "log" | "background">): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (!result.ok || method !== "sendMessage") return result;
    const sent = Message.safeParse(result.result);
    if (!sent.success || sent.data.chat.type === "private" || sent.data.chat.type === "channel") return result;
    // The answer's chat title may be stale or absent; the stored title is kept (record_message skips null).
    const record = { ...toRecord(sent.data, "out"), chat_title: null };
    deps.background(deps.db.rpc("record_message", { p_message: record }, z.unknown()));
    return result;
  };
}
