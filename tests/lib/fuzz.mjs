// Generated odd Telegram updates for the webhook fuzz test: a seeded PRNG picks among realistic,
// malformed and hostile shapes, so a failure is reproducible from its seed.
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const ALPHABETS = [
  "абвгдеёжзийклмнопрстуфхцчшщъыьэюя ",
  "abcxyz 0123456789",
  "👍🔥😀🙏💼📎❤️‍🔥🏳️‍🌈",
  "<>&\"'/\\{}[]",
  "\u200b\u200e\u202e\u0000\t\n\r",
  "ﷺ𝕏𝔘𝔫𝔦",
];
const PHRASES = [
  "Где мой счёт?",
  "Спасибо!",
  "Ок",
  "/menu",
  "/connect ABCD2345",
  "/template",
  "/diagnose",
  "/start",
  "/help",
  "/newchat",
  "/mystats",
  "/unknown",
  "Когда будет готова декларация?",
  "Забыл — ИНН 7712345678",
  "<b>жирный</b> & <i>",
  "{{client_name}}",
];

export function oddText(r) {
  const kind = r.int(5);
  if (kind === 0) return r.pick(PHRASES);
  if (kind === 1) return "".padEnd(r.pick([1, 4096, 4097, 10_000]), r.pick(["я", "👍", "a", " "]));
  const alphabet = Array.from(r.pick(ALPHABETS));
  return Array.from({ length: r.int(kind === 4 ? 3000 : 80) }, () => r.pick(alphabet)).join("");
}

/** One odd update (an object, or a raw string body); ids from nextId, chats and people from the pools. */
export function oddUpdate(r, { nextId, chats, people, botId }) {
  const update_id = nextId();
  const chat = r.pick(chats), from = r.pick(people);
  const message = () => ({
    message_id: r.chance(0.9) ? nextId() : r.pick([0, -1, 2 ** 53 + 10, "7"]),
    date: r.chance(0.9) ? Math.floor(Date.now() / 1000) : r.pick([0, -5, 1e12, null]),
    chat: r.chance(0.92) ? chat : r.pick([{ id: "x", type: "group" }, { id: chat.id, type: "galaxy" }, {}, null]),
    ...(r.chance(0.9) ? { from } : r.chance(0.5) ? { from: { id: botId, is_bot: true, first_name: "Bot" } } : {}),
    ...r.pick([
      { text: oddText(r) },
      { text: oddText(r), entities: [{ type: "bot_command", offset: 0, length: r.int(12) }] },
      {
        document: { file_id: "f", file_name: oddText(r).slice(0, 300), file_size: r.pick([0, 1, 1e9, -1, 3.5]) },
        ...(r.chance(0.5) ? { caption: oddText(r) } : {}),
      },
      { voice: { file_id: "v", duration: r.int(100) } },
      { sticker: { file_id: "s" } },
      { photo: r.chance(0.8) ? [{ file_id: "p" }] : [] },
      { new_chat_members: [from] },
      { text: { nested: true } },
      {},
    ]),
  });
  switch (r.int(10)) {
    case 0:
    case 1:
    case 2:
      return { update_id, message: message() };
    case 3:
      return { update_id, edited_message: { ...message(), edit_date: Math.floor(Date.now() / 1000) + r.int(100) } };
    case 4:
      return {
        update_id,
        callback_query: {
          id: String(nextId()),
          from,
          chat_instance: "1",
          data: r.pick([
            "alert:1:resolve",
            "alert:999999999:notify",
            "menu:contact",
            "menu:svc:nope",
            "tpl:t:1:0",
            "tpl:home:0",
            oddText(r).slice(0, 64),
          ]),
          ...(r.chance(0.8)
            ? {
              message: { message_id: nextId(), date: 1, chat: r.chance(0.7) ? chat : { id: from.id, type: "private" } },
            }
            : {}),
        },
      };
    case 5:
      return {
        update_id,
        my_chat_member: {
          chat,
          from,
          date: 1,
          old_chat_member: {
            status: r.pick(["left", "member", "kicked"]),
            user: { id: botId, is_bot: true, first_name: "B" },
          },
          new_chat_member: {
            status: r.pick(["member", "administrator", "left", "kicked", "restricted", "weird"]),
            user: { id: botId, is_bot: true, first_name: "B" },
          },
        },
      };
    case 6:
      return { update_id, message: { ...message(), chat: { id: from.id, type: "private", first_name: "U" } } };
    case 7:
      return {
        update_id,
        [r.pick(["poll", "chat_boost", "message_reaction", "unknown_future", "inline_query"])]: {
          id: oddText(r),
          x: [1, { y: null }],
        },
      };
    case 8:
      return r.pick([{ update_id }, { update_id, message: null }, { update_id, message: [] }, {
        update_id,
        message: "text",
      }]);
    default:
      return r.pick([
        "",
        "null",
        "42",
        '"text"',
        "[]",
        "{",
        '{"update_id":',
        JSON.stringify({ update_id: -1 }),
        JSON.stringify({ update_id: "5" }),
      ]);
  }
}
