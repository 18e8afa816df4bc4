// The webhook's intake schema and the mapping of a Telegram message to the SLA engine's input, table-driven.
import assert from "node:assert/strict";
import { parseUpdate } from "../telegram-webhook/update.ts";
import { classifiableText, isCommand, kindOf, toRecord } from "../telegram-webhook/message.ts";
import type { Message } from "../telegram-webhook/update.ts";

const chat = { id: -1001234567890, type: "supergroup", title: "ООО Тест" };
const from = { id: 555, is_bot: false, first_name: "Иван", last_name: "Петров", username: "ivan" };
const msg = (extra: Record<string, unknown> = {}) => ({ message_id: 7, date: 1736146800, chat, from, ...extra });

const PARSE: [string, unknown, string, string?][] = [
  ["not an object", "text", "malformed"],
  ["an array", [1], "malformed"],
  ["null", null, "malformed"],
  ["no update_id", { message: msg({ text: "hi" }) }, "malformed"],
  ["a fractional update_id", { update_id: 1.5 }, "malformed"],
  ["a negative update_id", { update_id: -1 }, "malformed"],
  ["an unsafe update_id", { update_id: 2 ** 60 }, "malformed"],
  ["a text message", { update_id: 1, message: msg({ text: "Где счёт?" }) }, "ok", "message"],
  ["an emoji-only message", { update_id: 1, message: msg({ text: "👍🔥" }) }, "ok", "message"],
  ["a 10,000-character message", { update_id: 1, message: msg({ text: "я".repeat(10_000) }) }, "ok", "message"],
  ["an unknown update type", { update_id: 1, future_thing: { x: 1 } }, "ok", "future_thing"],
  ["only an update_id", { update_id: 1 }, "ok", "unknown"],
  ["a weird key", { update_id: 1, "Bad-Key": {} }, "ok", "unknown"],
  ["a message without a chat", { update_id: 1, message: { message_id: 1, date: 1 } }, "invalid", "message"],
  ["a date past the year 9999", { update_id: 1, message: msg({ text: "x", date: 1e12 }) }, "invalid", "message"],
  ["a message with a text number", { update_id: 1, message: msg({ text: 42 }) }, "invalid", "message"],
  ["an unknown chat type", { update_id: 1, message: msg({ chat: { id: 1, type: "galaxy" } }) }, "invalid", "message"],
  ["a callback without from", { update_id: 1, callback_query: { id: "1", data: "x" } }, "invalid", "callback_query"],
  [
    "a valid callback",
    { update_id: 1, callback_query: { id: "1", from, data: "alert:1:resolve" } },
    "ok",
    "callback_query",
  ],
  [
    "a bot membership change",
    {
      update_id: 1,
      my_chat_member: {
        chat,
        from,
        date: 1,
        old_chat_member: { status: "left", user: from },
        new_chat_member: { status: "member", user: from },
      },
    },
    "ok",
    "my_chat_member",
  ],
];
for (const [name, body, kind, type] of PARSE) {
  Deno.test(`parseUpdate: ${name} → ${kind}`, () => {
    const parsed = parseUpdate(body);
    assert.equal(parsed.kind, kind);
    if (type) assert.equal((parsed as { type: string }).type, type);
  });
}

Deno.test("parseUpdate: the chat id is known even when the rest is invalid", () => {
  const parsed = parseUpdate({ update_id: 9, message: { chat: { id: -5 }, text: 1 } });
  assert.equal(parsed.kind, "invalid");
  assert.equal((parsed as { chat_id: number }).chat_id, -5);
  assert.match((parsed as { reason: string }).reason, /^message\./);
});

const KINDS: [string, Record<string, unknown>, string, string | null][] = [
  ["text", { text: "Где счёт?" }, "text", "Где счёт?"],
  [
    "a command (SQL decides it never counts)",
    {
      text: "/menu",
      entities: [{ type: "bot_command", offset: 0, length: 5 }],
    },
    "text",
    "/menu",
  ],
  ["a voice message (SQL decides it counts)", { voice: { file_id: "v", duration: 3 } }, "voice", null],
  [
    "a document with a caption",
    { document: { file_id: "d", file_name: "a.pdf" }, caption: "Вот акт" },
    "document",
    "Вот акт",
  ],
  ["a document without a caption", { document: { file_id: "d" } }, "document", null],
  ["a photo with a caption", { photo: [{ file_id: "p1" }, { file_id: "p2" }], caption: "Чек" }, "photo", "Чек"],
  ["a photo without a caption", { photo: [{ file_id: "p" }] }, "photo", null],
  ["a sticker", { sticker: { file_id: "s" } }, "sticker", null],
  ["an animation with a caption", { animation: { file_id: "g" }, caption: "смотри" }, "caption", "смотри"],
  ["a new member", { new_chat_members: [from] }, "service", null],
  ["a migration", { migrate_to_chat_id: -100999 }, "service", null],
  ["whitespace", { text: "   " }, "text", null],
  ["a contact card", { contact: { phone_number: "1" } }, "other", null],
];
for (const [name, extra, kind, text] of KINDS) {
  Deno.test(`message: ${name} is stored as ${kind}, classified as ${JSON.stringify(text)}`, () => {
    const m = msg(extra) as unknown as Message;
    assert.equal(kindOf(m), kind);
    assert.equal(classifiableText(m), text);
  });
}

Deno.test("isCommand only for a bot_command at the very start", () => {
  assert.equal(
    isCommand(msg({ text: "hi /menu", entities: [{ type: "bot_command", offset: 3, length: 5 }] }) as Message),
    false,
  );
  assert.equal(
    isCommand(msg({ text: "/menu@buhbot_bot", entities: [{ type: "bot_command", offset: 0, length: 16 }] }) as Message),
    true,
  );
});

Deno.test("toRecord: record_message's input", () => {
  const record = toRecord(msg({ text: "Вопрос", reply_to_message: { message_id: 3 } }) as unknown as Message);
  assert.deepEqual(record, {
    chat_id: -1001234567890,
    chat_title: "ООО Тест",
    chat_type: "supergroup",
    message_id: 7,
    version: 1,
    direction: "in",
    sender_telegram_id: 555,
    sender_is_bot: false,
    sender_name: "Иван Петров",
    sender_username: "ivan",
    kind: "text",
    text: "Вопрос",
    media: null,
    reply_to_message_id: 3,
    is_command: false,
    on_behalf_of: null,
    sent_at: "2025-01-06T07:00:00.000Z",
  });
});

Deno.test("toRecord: an edit is a version numbered by its edit date, sent at the edit", () => {
  const record = toRecord(msg({ text: "Вопрос!", edit_date: 1736146900 }) as unknown as Message);
  assert.equal(record.version, 1736146900);
  assert.equal(record.sent_at, "2025-01-06T07:01:40.000Z");
});

Deno.test("toRecord: media details are kept, text longer than 10,000 characters is cut", () => {
  const doc = toRecord(msg({ document: { file_id: "d", file_name: "a.pdf", file_size: 10 } }) as unknown as Message);
  assert.deepEqual(doc.media, { type: "document", file_id: "d", file_name: "a.pdf", file_size: 10 });
  const long = toRecord(msg({ text: "я".repeat(12_000) }) as unknown as Message);
  assert.equal(Array.from(long.text as string).length, 10_000);
});
