// The parts of a Telegram Update this function relies on, validated with zod. Anything else in an update
// is passed through untouched; an update whose used parts do not match is "invalid" (stored as failed,
// answered 200), one without a usable update_id is "malformed" (logged, answered 200, nothing stored).
import { z } from "zod";

const int = z.number().int().safe();
// Unix seconds that still format as an ISO date Postgres accepts (before the year 10000).
const unixTime = int.nonnegative().max(253_402_300_799);
const User = z.object({
  id: int.positive(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const Chat = z.object({
  id: int,
  type: z.enum(["private", "group", "supergroup", "channel"]),
  title: z.string().optional(),
});
const File = z.object({ file_id: z.string(), file_size: int.nonnegative().optional() });
export const Message = z.object({
  message_id: int,
  date: unixTime,
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(z.object({ type: z.string(), offset: int, length: int })).optional(),
  document: File.extend({ file_name: z.string().optional(), mime_type: z.string().optional() }).optional(),
  voice: File.extend({ duration: int }).optional(),
  photo: z.array(File).optional(),
  video: File.optional(),
  audio: File.optional(),
  animation: File.optional(),
  video_note: File.optional(),
  sticker: File.optional(),
  reply_to_message: z.object({ message_id: int }).optional(),
  edit_date: unixTime.optional(),
  migrate_to_chat_id: int.optional(),
  migrate_from_chat_id: int.optional(),
});
const CallbackQuery = z.object({
  id: z.string(),
  from: User,
  data: z.string().optional(),
  message: z.object({ message_id: int, chat: Chat }).optional(),
});
const Member = z.object({ status: z.string(), user: User });
const ChatMemberUpdated = z.object({
  chat: Chat,
  from: User,
  date: int,
  old_chat_member: Member,
  new_chat_member: Member,
});

export type Message = z.infer<typeof Message>;

// Update kinds whose content we use; every other kind is accepted as-is and only counted.
const VALIDATED: Record<string, z.ZodTypeAny> = {
  message: Message,
  edited_message: Message,
  callback_query: CallbackQuery,
  my_chat_member: ChatMemberUpdated,
};

export type Parsed =
  | { kind: "ok"; update_id: number; type: string; chat_id: number | null; update: Record<string, unknown> }
  | { kind: "invalid"; update_id: number; type: string; chat_id: number | null; reason: string }
  | { kind: "malformed"; update_id: null; reason: string };

/** Picks the update's kind: the one key besides update_id ("unknown" if none or not a plausible name). */
export function updateType(update: object): string {
  const key = Object.keys(update).find((k) => k !== "update_id");
  return key && /^[a-z_]{1,40}$/.test(key) ? key : "unknown";
}

export function chatIdOf(payload: unknown): number | null {
  const p = payload as { chat?: { id?: unknown }; message?: { chat?: { id?: unknown } } } | null;
  const id = p?.chat?.id ?? p?.message?.chat?.id;
  return typeof id === "number" && Number.isSafeInteger(id) ? id : null;
}

export function parseUpdate(body: unknown): Parsed {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { kind: "malformed", update_id: null, reason: "the update is not a JSON object" };
  }
  const update = body as Record<string, unknown>;
  const id = update.update_id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    return { kind: "malformed", update_id: null, reason: "update_id is missing or not a non-negative integer" };
  }
  const type = updateType(update);
  const chat_id = chatIdOf(update[type]);
  const schema = VALIDATED[type];
  const result = schema?.safeParse(update[type]);
  if (result && !result.success) {
    const reason = result.error.issues.slice(0, 3).map((i) => `${type}.${i.path.join(".")}: ${i.message}`).join("; ");
    return { kind: "invalid", update_id: id, type, chat_id, reason };
  }
  return { kind: "ok", update_id: id, type, chat_id, update };
}
