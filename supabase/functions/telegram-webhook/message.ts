// A Telegram message as the SLA engine stores it (public.record_message's input), and the facts about a
// message the features need: its kind, the text a classifier reads, whether it is a bot command. Whether a
// message counts as a request at all (edits, commands, bare media, voice) is decided by SQL alone.
import { clip } from "../_shared/html.ts";
import type { Message } from "./update.ts";

export type Kind = "text" | "caption" | "document" | "voice" | "photo" | "video" | "sticker" | "service" | "other";

// Keys that make a message a service message (joins, leaves, title changes, pins, migrations…).
const SERVICE_KEYS = [
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "pinned_message",
  "message_auto_delete_timer_changed",
  "video_chat_started",
  "video_chat_ended",
  "forum_topic_created",
  "forum_topic_closed",
  "forum_topic_reopened",
  "chat_shared",
  "users_shared",
];

/** The database keeps at most 10,000 characters of a message (Telegram itself allows 4,096). */
const MAX_STORED_TEXT = 10_000;

export function kindOf(msg: Message): Kind {
  const m = msg as Message & Record<string, unknown>;
  if (SERVICE_KEYS.some((k) => m[k] !== undefined)) return "service";
  if (msg.text !== undefined) return "text";
  if (msg.sticker) return "sticker";
  if (msg.voice) return "voice";
  if (msg.document) return "document";
  if (msg.photo) return "photo";
  if (msg.video) return "video";
  return msg.caption !== undefined ? "caption" : "other";
}

/** Media details worth keeping (ids to fetch the file later, name and size for receipts). */
function mediaOf(msg: Message): Record<string, unknown> | null {
  if (msg.document) return { type: "document", ...msg.document };
  if (msg.voice) return { type: "voice", ...msg.voice };
  if (msg.photo?.length) return { type: "photo", ...msg.photo[msg.photo.length - 1] };
  for (const type of ["video", "audio", "animation", "video_note", "sticker"] as const) {
    if (msg[type]) return { type, ...msg[type] };
  }
  return null;
}

export function isCommand(msg: Message): boolean {
  return msg.entities?.[0]?.type === "bot_command" && msg.entities[0].offset === 0;
}

/** What a classifier reads: the text or caption as stored; null when there is none to read. */
export function classifiableText(msg: Message): string | null {
  const text = msg.text ?? msg.caption;
  return text !== undefined && text.trim() !== "" ? clip(text, MAX_STORED_TEXT) : null;
}

/**
 * public.record_message input. Edits are new versions numbered by edit_date, so a redelivered edit is the same
 * row. onBehalfOf: the accountant the bot posted this message for (a /template reply answers like theirs).
 */
export function toRecord(msg: Message, direction: "in" | "out" = "in", onBehalfOf?: number): Record<string, unknown> {
  const name = [msg.from?.first_name, msg.from?.last_name].filter(Boolean).join(" ");
  const text = msg.text ?? msg.caption;
  return {
    chat_id: msg.chat.id,
    chat_title: clip(msg.chat.title ?? "", 255),
    chat_type: msg.chat.type,
    message_id: msg.message_id,
    version: msg.edit_date ? Math.max(2, msg.edit_date) : 1,
    direction,
    sender_telegram_id: msg.from?.id ?? null,
    sender_is_bot: msg.from?.is_bot ?? false,
    sender_name: name ? clip(name, 300) : null,
    sender_username: msg.from?.username ? clip(msg.from.username, 64) : null,
    kind: kindOf(msg),
    text: text === undefined ? null : clip(text, MAX_STORED_TEXT),
    media: mediaOf(msg),
    reply_to_message_id: msg.reply_to_message?.message_id ?? null,
    is_command: isCommand(msg),
    on_behalf_of: onBehalfOf ?? null,
    sent_at: new Date((msg.edit_date ?? msg.date) * 1000).toISOString(),
  };
}
