// Driving the Telegram webhook like Telegram does: updates POSTed through the gateway with the secret
// header, the fake Bot API's call log for what the bot said, and Postgres for what it stored.
// Ids come from the clock, so runs against a long-lived demo database never collide with earlier ones.
import { DB_URL, SUPABASE_URL } from "./stack.mjs";
import postgres from "postgres";

export const WEBHOOK_URL = `${SUPABASE_URL}/functions/v1/telegram-webhook`;
export const SECRET = process.env.TELEGRAM_WEBHOOK_SECRET ?? "local-webhook-secret";
export const FAKE_URL = process.env.FAKE_TELEGRAM_URL ?? process.env.TELEGRAM_API_ROOT;
export const BOT_ID = Number((process.env.TELEGRAM_BOT_TOKEN ?? "123456:x").split(":")[0]);

let seq = Date.now() * 1000;
/** A fresh positive id (update ids, message ids, user ids of test clients). */
export const nextId = () => ++seq;
/** A fresh supergroup id: -100 followed by 10 digits. */
export const nextChatId = () => -(1_009_000_000_000 + (nextId() % 999_999_999));

export const sql = postgres(DB_URL, { max: 4, onnotice: () => {} });

export async function post(update, { secret = SECRET, method = "POST" } = {}) {
  const res = await fetch(WEBHOOK_URL, {
    method,
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: method === "GET" ? undefined : typeof update === "string" ? update : JSON.stringify(update),
  });
  return { status: res.status, body: await res.text() };
}

export const person = (id, first_name = "Иван", extra = {}) => ({ id, is_bot: false, first_name, ...extra });
export const group = (id, title = "ООО Тест") => ({ id, type: "supergroup", title });
const now = () => Math.floor(Date.now() / 1000);

/** A message update; `message` fields override the defaults (a text message in `chat` from `from`). */
export function messageUpdate({ chat, from, text, ...message }) {
  return {
    update_id: nextId(),
    message: {
      message_id: nextId(),
      date: now(),
      chat: typeof chat === "object" ? chat : group(chat),
      from,
      ...(text === undefined ? {} : { text }),
      ...message,
    },
  };
}

export function command(chat, from, text) {
  const name = text.split(" ")[0];
  return messageUpdate({ chat, from, text, entities: [{ type: "bot_command", offset: 0, length: name.length }] });
}

export function callback(chat, from, data, messageId = nextId()) {
  const c = typeof chat === "object" ? chat : chat > 0 ? { id: chat, type: "private", first_name: "U" } : group(chat);
  return {
    update_id: nextId(),
    callback_query: {
      id: String(nextId()),
      from,
      chat_instance: "1",
      data,
      message: { message_id: messageId, date: now(), chat: c },
    },
  };
}

// How many calls of each kind a test has already looked at (nextCall), per chat and method.
const consumed = new Map();

export const fake = {
  reset: () => (consumed.clear(), fetch(`${FAKE_URL}/_reset`, { method: "POST" })),
  calls: async () => (await fetch(`${FAKE_URL}/_calls`)).json(),
  /** Calls to one chat (the shared fake also serves other senders, e.g. the relay). */
  to: async (chatId, method) =>
    (await fake.calls()).filter((c) => String(c.params.chat_id) === String(chatId) && (!method || c.method === method)),
  /** The next call to a chat not looked at yet (the bot replies after answering the webhook). */
  async nextCall(chatId, method = "sendMessage") {
    const key = `${chatId}:${method}`, seen = consumed.get(key) ?? 0;
    const calls = await eventually(async () => {
      const c = await fake.to(chatId, method);
      return c.length > seen && c;
    }, `a ${method} to ${chatId}`);
    consumed.set(key, seen + 1);
    return calls[seen].params;
  },
  /** Every answerCallbackQuery so far, once there are at least n. */
  answers: (n) =>
    eventually(async () => {
      const a = (await fake.calls()).filter((c) => c.method === "answerCallbackQuery").map((c) => c.params);
      return a.length >= n && a;
    }, `${n} callback answers`),
  member: (chat_id, user_id, status) =>
    fetch(`${FAKE_URL}/_members`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id, user_id, status }),
    }),
};

/** A connected client chat (SLA on) with an accountant and a manager, who are fresh Telegram users. */
export async function newChat({ sla = true, title = "ООО Тест", schedule } = {}) {
  const id = nextChatId(), accountant = nextId() % 1e9 + 1e9, manager = accountant + 1;
  await sql`insert into public.chats ${
    sql({ id, title, chat_type: "supergroup", sla_enabled: sla, threshold_minutes: 60, bot_can_read_all: true })
  }`;
  await sql`insert into public.chat_staff ${
    sql([
      {
        chat_id: id,
        telegram_user_id: accountant,
        role: "accountant",
        is_primary: true,
        display_name: "Бухгалтер Анна",
      },
      {
        chat_id: id,
        telegram_user_id: manager,
        role: "manager",
        is_primary: false,
        display_name: "Руководитель Борис",
      },
    ])
  }`;
  if (schedule) await sql`select sla.set_schedule(${id}, ${sql.json(schedule)})`;
  return { id, chat: group(id, title), accountant: person(accountant, "Анна"), manager: person(manager, "Борис") };
}

export const client = () => person(nextId() % 1e9 + 2e9, "Иван", { last_name: "Петров" });

/** For "nothing happened" checks: time for the work that follows an answer to have happened, had it. */
export const quiet = (ms = 400) => new Promise((r) => setTimeout(r, ms));

export const rows = {
  update: async (id) => (await sql`select * from public.telegram_updates where update_id = ${id}`)[0],
  messages: (chat) => sql`select * from public.messages where chat_id = ${chat} order by id`,
  requests: (chat) => sql`select * from public.requests where chat_id = ${chat} order by id`,
};

/** The bot acts after answering the webhook (replies, commands, outcomes): wait for the effect. */
export async function eventually(check, what, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
