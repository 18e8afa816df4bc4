// The sandbox's "Telegram client": the console's sandbox page says who did what (typed, sent a document
// or a sticker, pressed a button) and this turns it into the Update Telegram would produce, queued for
// getUpdates, and into the message the chat shows.
import { z } from "zod";

const Person = z.object({
  id: z.number().int().positive(),
  first_name: z.string().min(1).max(64),
  last_name: z.string().max(64).optional(),
  username: z.string().regex(/^\w{1,32}$/).optional(),
});
const Chat = z.object({ id: z.number().int().negative(), title: z.string().min(1).max(255) });
const Action = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), chat: Chat, from: Person, text: z.string().min(1).max(4096) }),
  z.object({
    kind: z.literal("document"),
    chat: Chat,
    from: Person,
    file_name: z.string().min(1).max(255),
    caption: z.string().max(1024).optional(),
  }),
  z.object({ kind: z.literal("sticker"), chat: Chat, from: Person, emoji: z.string().min(1).max(16) }),
  z.object({
    kind: z.literal("callback"),
    from: Person,
    chat_id: z.number().int(),
    message_id: z.number().int().positive(),
    data: z.string().min(1).max(64),
  }),
]);

const commandEntities = (text) => {
  const command = text.match(/^\/\w+(@\w+)?/);
  return command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {};
};

const content = (a) => {
  const fileId = () => `sandbox-${crypto.randomUUID()}`;
  if (a.kind === "text") return { text: a.text, ...commandEntities(a.text) };
  if (a.kind === "document") {
    return {
      document: { file_id: fileId(), file_unique_id: fileId(), file_name: a.file_name, file_size: 48_213 },
      ...(a.caption ? { caption: a.caption } : {}),
    };
  }
  return {
    sticker: {
      file_id: fileId(),
      file_unique_id: fileId(),
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: a.emoji,
    },
  };
};

/** Handles one sandbox action; answers what was queued, or throws [status, description]. */
export function createSandbox({ updates, chats, newMessageId }) {
  return (body) => {
    const parsed = Action.safeParse(body);
    if (!parsed.success) {
      throw [400, `Bad Request: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`];
    }
    const a = parsed.data, from = { ...a.from, is_bot: false, language_code: "ru" };
    if (a.kind === "callback") {
      const message = chats.find(a.chat_id, a.message_id);
      if (!message) throw [400, "Bad Request: message to press a button on not found"];
      return updates.push({
        callback_query: { id: crypto.randomUUID(), from, message, chat_instance: String(a.chat_id), data: a.data },
      });
    }
    const chat = { id: a.chat.id, type: "supergroup", title: a.chat.title };
    const message = {
      message_id: newMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      ...content(a),
    };
    chats.show(message);
    return updates.push({ message });
  };
}
