// The fake Bot API's incoming side: updates waiting for getUpdates, with Telegram's offset semantics, and
// the sandbox's view of every chat (what people typed and what the bot sent, edits applied), pushed to
// the console's sandbox page as server-sent events.
//
// getUpdates as Telegram documents it: an update is kept until a later call's `offset` exceeds its id
// (a negative offset keeps only the last -offset updates); `limit` 1–100; `timeout` long-polls; a newer
// call ends a waiting one with 409; 409 too while a webhook is set. `allowed_updates`, once given, stays
// in force and drops updates of other kinds as they arrive. Update ids grow across restarts of the fake
// (they start from the clock), so an offset a bridge stored earlier never hides new updates.

const conflict = (description) => Object.assign(new Error(description), { status: 409 });

export function createUpdates({ firstUpdateId = Math.floor(Date.now() / 1000) } = {}) {
  let nextUpdateId = firstUpdateId, queue = [], allowed = null, waiter = null;
  let webhook = null; // { url, secret_token } after setWebhook
  // Group titles as the updates told them, so that what the bot sends echoes the chat's real title.
  const titles = new Map();

  function push(update) {
    const kind = Object.keys(update)[0];
    const chat = update[kind]?.chat ?? update[kind]?.message?.chat;
    if (chat?.title) titles.set(Number(chat.id), chat.title);
    if (allowed && !allowed.includes(kind)) return null;
    const stored = { update_id: nextUpdateId++, ...update };
    queue.push(stored);
    waiter?.wake();
    return stored;
  }

  function confirm(offset) {
    if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) queue = queue.slice(offset);
  }

  async function getUpdates(p) {
    if (webhook) {
      throw conflict(
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    if (p.allowed_updates) allowed = [].concat(p.allowed_updates).length ? [].concat(p.allowed_updates) : null;
    confirm(Number(p.offset ?? 0));
    const limit = Math.min(Math.max(Number(p.limit ?? 100), 1), 100), timeoutS = Number(p.timeout ?? 0);
    if (queue.length === 0 && timeoutS > 0) {
      waiter?.cancel(
        conflict("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
      );
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(resolve), timeoutS * 1000);
        const done = (settle, value) => (clearTimeout(timer), waiter === me && (waiter = null), settle(value));
        const me = { wake: () => done(resolve), cancel: (e) => done(reject, e) };
        waiter = me;
      });
    }
    return queue.slice(0, limit);
  }

  return {
    push,
    getUpdates,
    titleOf: (chatId) => titles.get(Number(chatId)),
    setWebhook: (p) => ((webhook = p.url ? { url: p.url, secret_token: p.secret_token } : null), true),
    deleteWebhook: (p) => {
      webhook = null;
      if (String(p.drop_pending_updates) === "true") queue = [];
      return true;
    },
    webhookInfo: () => ({ url: webhook?.url ?? "", has_custom_certificate: false, pending_update_count: queue.length }),
    pending: () => queue.length,
    reset: () => {
      queue = [];
      allowed = null;
      webhook = null;
    },
  };
}

/** Every chat's messages as Telegram clients would show them, and the pages watching them (SSE). */
export function createChats() {
  const messages = new Map(), watchers = new Set();
  const key = (m) => `${m.chat.id}:${m.message_id}`;
  const emit = (event) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of watchers) res.write(line);
  };
  return {
    /** A new message, or a changed one (edits merge into what was shown). */
    show(message) {
      const merged = { ...messages.get(key(message)), ...message };
      messages.set(key(message), merged);
      emit({ type: "message", message: merged });
      return merged;
    },
    find: (chatId, messageId) => messages.get(`${chatId}:${messageId}`),
    /** A toast under the pressed button (answerCallbackQuery's text). */
    notice: (text) => emit({ type: "notice", text }),
    watch(res) {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "access-control-allow-origin": "*",
      });
      res.write(`data: ${JSON.stringify({ type: "snapshot", messages: [...messages.values()] })}\n\n`);
      watchers.add(res);
      res.on("close", () => watchers.delete(res));
    },
    reset() {
      messages.clear();
      emit({ type: "snapshot", messages: [] });
    },
  };
}
