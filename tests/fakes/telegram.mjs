// A fake Telegram Bot API server for local runs and tests: the real Bot API cannot be reached here.
// It speaks Telegram's wire protocol (POST /bot<token>/<method>, JSON or form body, answers
// {ok:true,result} or {ok:false,error_code,description[,parameters]}) and records every call.
// Incoming side (tests/fakes/telegram_updates.mjs): getUpdates with Telegram's offset semantics (not
// recorded in /_calls: a polling bridge calls it all the time), setWebhook/deleteWebhook.
// Control endpoints (test-only): GET /_calls, POST /_reset, POST /_faults, POST /_members, POST /_latency,
// POST /_updates (queue raw Updates for getUpdates).
// The console's sandbox (CORS-open; the fake only ever listens on loopback): POST /_sandbox/actions (a person
// types, sends a document or a sticker, presses a button → an Update), GET /_sandbox/events (SSE: every
// chat's messages, the bot's edits applied, and answerCallbackQuery notices).
//   _faults body: [{ method?, chat_id?, status: 429|500|403|400|"timeout", retry_after?, migrate_to_chat_id?,
//                    description?, times? }]
//   _members body: { chat_id, user_id, status } — what getChatMember answers (default: bot is an administrator).
//   _latency body: { ms } — every Bot API call is handled (and so "delivered") only after this delay.
import { createServer } from "node:http";
import { createSandbox } from "./telegram_sandbox.mjs";
import { createChats, createUpdates } from "./telegram_updates.mjs";

export function createFakeTelegram(
  { token = process.env.TELEGRAM_BOT_TOKEN ?? "123456:LOCAL-demo-token", firstUpdateId } = {},
) {
  const botId = Number(token.split(":")[0]);
  let calls = [], faults = [], members = new Map(), nextMessageId = 1000, latencyMs = 0;
  const updates = createUpdates({ firstUpdateId }), chats = createChats();
  const sandbox = createSandbox({ updates, chats, newMessageId: () => nextMessageId++ });

  const me = {
    id: botId,
    is_bot: true,
    first_name: "BuhBot",
    username: "buhbot_local_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  // A group's title is optional in Telegram's Chat object: the fake tells only one an update has shown it,
  // never an invented one (the bot stores what Telegram says a chat is called).
  const chatOf = (id) => ({
    id: Number(id),
    type: Number(id) > 0 ? "private" : "supergroup",
    ...(Number(id) > 0 ? { first_name: "User" } : updates.titleOf(id) ? { title: updates.titleOf(id) } : {}),
  });
  const sent = (p) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: chatOf(p.chat_id),
    from: me,
    text: p.text,
    ...(p.reply_markup ? { reply_markup: parse(p.reply_markup) } : {}),
  });
  // What the bot changed is what a chat shows: the sandbox page renders these (HTML as parse_mode says).
  const shown = (message, p) =>
    chats.show({ ...message, parse_mode: p.parse_mode ?? null, reply_markup: message.reply_markup ?? null });
  const parse = (v) => (typeof v === "string" && /^[{[]/.test(v) ? JSON.parse(v) : v);

  const methods = {
    getMe: () => me,
    sendMessage: (p) => {
      if (!p.text || String(p.text).length > 4096) throw [400, "Bad Request: message text is empty or too long"];
      const message = sent(p);
      shown(message, p);
      return message;
    },
    editMessageText: (p) => {
      const message = { ...sent(p), message_id: Number(p.message_id), edit_date: Math.floor(Date.now() / 1000) };
      shown(message, p);
      return message;
    },
    editMessageReplyMarkup: (p) => {
      const message = { ...sent(p), message_id: Number(p.message_id) };
      const before = chats.find(p.chat_id, p.message_id);
      if (before) chats.show({ ...before, reply_markup: message.reply_markup ?? null });
      return message;
    },
    deleteMessage: (p) => {
      const before = chats.find(p.chat_id, p.message_id);
      if (before) chats.show({ ...before, deleted: true });
      return true;
    },
    answerCallbackQuery: (p) => {
      if (p.text) chats.notice(String(p.text));
      return true;
    },
    setMyCommands: () => true,
    sendChatAction: () => true,
    getUpdates: (p) => updates.getUpdates(p),
    setWebhook: (p) => updates.setWebhook(p),
    deleteWebhook: (p) => updates.deleteWebhook(p),
    getWebhookInfo: () => updates.webhookInfo(),
    getChat: (p) => chatOf(p.chat_id),
    getChatMember: (p) => ({
      user: { id: Number(p.user_id), is_bot: Number(p.user_id) === botId, first_name: "U" },
      status: members.get(`${p.chat_id}:${p.user_id}`) ?? (Number(p.user_id) === botId ? "administrator" : "member"),
    }),
  };

  const takeFault = (method, p) => {
    const i = faults.findIndex((f) =>
      (!f.method || f.method === method) && (f.chat_id == null || String(f.chat_id) === String(p.chat_id))
    );
    if (i < 0) return null;
    const f = faults[i];
    if (f.times == null || --f.times <= 0) faults.splice(i, 1);
    return f;
  };

  const readBody = async (req) => {
    let raw = "";
    for await (const c of req) raw += c;
    if (!raw) return {};
    if ((req.headers["content-type"] ?? "").includes("json")) return JSON.parse(raw);
    return Object.fromEntries(new URLSearchParams(raw));
  };

  const reply = (res, status, body) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

  async function botCall(req, res, tok, method) {
    if (tok !== token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const p = Object.fromEntries(Object.entries(await readBody(req)).map(([k, v]) => [k, parse(v)]));
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs)); // the caller may give up meanwhile
    const call = { method, params: p, at: Date.now() };
    if (method !== "getUpdates") calls.push(call);
    const fault = takeFault(method, p);
    if (fault?.status === "timeout") return; // never answered: the client's timeout fires
    if (fault) {
      call.fault = fault.status;
      return reply(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description: fault.description ?? defaultDescription(fault.status),
        ...(fault.retry_after ? { parameters: { retry_after: fault.retry_after } } : {}),
        ...(fault.migrate_to_chat_id ? { parameters: { migrate_to_chat_id: fault.migrate_to_chat_id } } : {}),
      });
    }
    const fn = methods[method];
    if (!fn) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    try {
      call.result = await fn(p);
      reply(res, 200, { ok: true, result: call.result });
    } catch (thrown) {
      const e = thrown?.status ? [thrown.status, thrown.message] : thrown;
      if (!Array.isArray(e)) throw e;
      call.fault = e[0];
      reply(res, e[0], { ok: false, error_code: e[0], description: e[1] });
    }
  }

  async function sandboxCall(req, res, path) {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type" };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    if (path === "/_sandbox/events") return chats.watch(res);
    if (path !== "/_sandbox/actions") return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    let status = 200, body;
    try {
      body = { ok: true, result: sandbox(await readBody(req)) };
    } catch (e) {
      if (!Array.isArray(e)) throw e;
      [status, body] = [e[0], { ok: false, error_code: e[0], description: e[1] }];
    }
    res.writeHead(status, { ...cors, "content-type": "application/json" }).end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://fake");
      const bot = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
      if (bot) return await botCall(req, res, bot[1], bot[2]);
      if (url.pathname === "/_calls") return reply(res, 200, calls);
      if (url.pathname.startsWith("/_sandbox/")) return await sandboxCall(req, res, url.pathname);
      if (url.pathname === "/_updates") {
        return reply(res, 200, [].concat(await readBody(req)).map((u) => updates.push(u)));
      }
      if (url.pathname === "/_reset") {
        calls = [];
        faults = [];
        members = new Map();
        latencyMs = 0;
        updates.reset();
        chats.reset();
        return reply(res, 200, { ok: true });
      }
      if (url.pathname === "/_faults") {
        faults.push(...[].concat(await readBody(req)));
        return reply(res, 200, { ok: true });
      }
      if (url.pathname === "/_latency") {
        latencyMs = Number((await readBody(req)).ms) || 0;
        return reply(res, 200, { ok: true });
      }
      if (url.pathname === "/_members") {
        const m = await readBody(req);
        members.set(`${m.chat_id}:${m.user_id}`, m.status);
        return reply(res, 200, { ok: true });
      }
      reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    } catch (e) {
      reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${e.message}` });
    }
  });
  return { server, calls: () => calls, botId, updates };
}

const defaultDescription = (status) => ({
  429: "Too Many Requests: retry after 1",
  403: "Forbidden: bot was blocked by the user",
  400: "Bad Request: chat not found",
  500: "Internal Server Error",
}[status] ?? "Error");

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.FAKE_TELEGRAM_PORT ?? 54335);
  createFakeTelegram().server.listen(port, "127.0.0.1", () => console.log(`fake Telegram Bot API on :${port}`));
}
