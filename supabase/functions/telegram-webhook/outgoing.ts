// The bot's own messages in groups belong to the chat's history too: every successful sendMessage to a
// group is recorded (direction 'out', sender kind 'bot' — never an answer to a client) off the hot path.
import type { Transformer } from "grammy/web";
import { z } from "zod";
import type { Deps } from "./context.ts";
import { Message } from "./update.ts";
import { toRecord } from "./message.ts";

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
