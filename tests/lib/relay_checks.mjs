// What relay tests and the benchmark measure: rows in, deliveries seen by the fake Bot API, and the
// real send rates (from the fake's own call timestamps) against Telegram's limits.

/** Queues outbox rows; each row's text is `m:<key>`, so the fake's calls can be traced back to rows. */
export async function queue(sql, rows) {
  const data = rows.map((r) => ({
    kind: r.kind ?? "breach",
    chat_id: r.chat,
    dedup_key: r.key,
    to_client_group: r.client ?? r.chat < 0,
    payload: { text: r.text ?? `m:${r.key}`, parse_mode: "HTML" },
    about_chat_id: r.about ?? null,
  }));
  for (let i = 0; i < data.length; i += 2000) {
    await sql`insert into public.outbox ${
      sql(data.slice(i, i + 2000), "kind", "chat_id", "dedup_key", "to_client_group", "payload", "about_chat_id")
    }`;
  }
}

/** Successful Bot API calls (the message really went out), per row key. */
export function deliveries(calls, method = "sendMessage") {
  const byKey = new Map();
  for (const c of calls) {
    if (c.method !== method || !c.result) continue;
    const key = /^m:(.+)$/.exec(c.params.text ?? "")?.[1];
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  return byKey;
}

/** The most calls inside any window [t, t + windowMs). */
export function maxInWindow(times, windowMs) {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** The highest real rates seen, per Telegram limit (scale = how much faster than real time the run is). */
export function rates(calls, scale) {
  const sends = calls.filter((c) => c.method !== "getMe");
  const byChat = new Map();
  for (const c of sends) byChat.set(String(c.params.chat_id), [...(byChat.get(String(c.params.chat_id)) ?? []), c]);
  const worst = (keys, windowMs) =>
    Math.max(0, ...keys.map((k) => maxInWindow(byChat.get(k).map((c) => c.at), windowMs)));
  const chats = [...byChat.keys()];
  return {
    botPerSecond: maxInWindow(sends.map((c) => c.at), 1000 / scale),
    groupPerMinute: worst(chats.filter((k) => Number(k) < 0), 60_000 / scale),
    chatPerSecond: worst(chats, 1000 / scale),
  };
}

/** Row statuses by key (test rows only: admin notices and fallbacks are separate rows). */
export async function statuses(sql, keys) {
  const rows = await sql`select dedup_key, status, last_error, attempts, telegram_message_id, to_client_group
                           from public.outbox where dedup_key = any(${keys})`;
  return new Map(rows.map((r) => [r.dedup_key, r]));
}

export const openRows = async (sql) =>
  Number((await sql`select count(*) from public.outbox where status in ('pending', 'sending')`)[0].count);
