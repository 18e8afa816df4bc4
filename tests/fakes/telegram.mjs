// A fake Telegram Bot API server for local runs and tests: the real Bot API cannot be reached here.
// It speaks Telegram's wire protocol (POST /bot<token>/<method>, JSON or form body, answers
// {ok:true,result} or {ok:false,error_code,description[,parameters]}) and records every call.
// Control endpoints (test-only): GET /_calls, POST /_reset, POST /_faults, POST /_members, POST /_latency.
//   _faults body: [{ method?, chat_id?, status: 429|500|403|400|"timeout", retry_after?, migrate_to_chat_id?,
//                    description?, times? }]
//   _members body: { chat_id, user_id, status } — what getChatMember answers (default: bot is an administrator).
//   _latency body: { ms } — every Bot API call is handled (and so "delivered") only after this delay.
import { createServer } from "node:http";

export function createFakeTelegram({ token = process.env.TELEGRAM_BOT_TOKEN ?? "123456:LOCAL-demo-token" } = {}) {
  const botId = Number(token.split(":")[0]);
  let calls = [], faults = [], members = new Map(), nextMessageId = 1000, latencyMs = 0;

  const me = {
    id: botId,
    is_bot: true,
    first_name: "BuhBot",
    username: "buhbot_local_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  const chatOf = (id) => ({
    id: Number(id),
    type: Number(id) > 0 ? "private" : "supergroup",
    ...(Number(id) > 0 ? { first_name: "User" } : { title: `Chat ${id}` }),
  });
  const sent = (p) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: chatOf(p.chat_id),
    from: me,
    text: p.text,
    ...(p.reply_markup ? { reply_markup: parse(p.reply_markup) } : {}),
  });
  const parse = (v) => (typeof v === "string" && /^[{[]/.test(v) ? JSON.parse(v) : v);

  const methods = {
    getMe: () => me,
    sendMessage: (p) => {
      if (!p.text || String(p.text).length > 4096) throw [400, "Bad Request: message text is empty or too long"];
      return sent(p);
    },
    editMessageText: (p) => ({
      ...sent(p),
      message_id: Number(p.message_id),
      edit_date: Math.floor(Date.now() / 1000),
    }),
    editMessageReplyMarkup: (p) => ({ ...sent(p), message_id: Number(p.message_id) }),
    deleteMessage: () => true,
    answerCallbackQuery: () => true,
    setMyCommands: () => true,
    sendChatAction: () => true,
    setWebhook: () => true,
    deleteWebhook: () => true,
    getWebhookInfo: () => ({ url: "", has_custom_certificate: false, pending_update_count: 0 }),
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
    calls.push(call);
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
      call.result = fn(p);
      reply(res, 200, { ok: true, result: call.result });
    } catch (e) {
      if (!Array.isArray(e)) throw e;
      call.fault = e[0];
      reply(res, e[0], { ok: false, error_code: e[0], description: e[1] });
    }
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://fake");
      const bot = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
      if (bot) return await botCall(req, res, bot[1], bot[2]);
      if (url.pathname === "/_calls") return reply(res, 200, calls);
      if (url.pathname === "/_reset") {
        calls = [];
        faults = [];
        members = new Map();
        latencyMs = 0;
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
  return { server, calls: () => calls, botId };
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
