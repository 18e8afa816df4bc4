// Webhook load shared by the benchmarks (tests/bench/webhook.mjs, tests/bench/scale.mjs): Telegram updates
// POSTed through the gateway at a sustained, open-loop rate with a realistic mix of client questions and
// thanks, accountants' answers, edits, documents, button presses and 2 % redeliveries.
const WEBHOOK = `${process.env.SUPABASE_URL}/functions/v1/telegram-webhook`;
const SECRET = process.env.TELEGRAM_WEBHOOK_SECRET ?? "local-webhook-secret";

let seq = Date.now() * 1000;
const nextId = () => ++seq;
const now = () => Math.floor(Date.now() / 1000);

const QUESTIONS = [
  "Когда будет готова декларация?",
  "Где мой счёт?",
  "Нужна справка 2-НДФЛ",
  "Не могу оплатить",
  "Подскажите, пожалуйста, по НДС за квартал",
  "Здравствуйте, нужен акт сверки",
  "Забыл — ИНН 7712345678",
];
const SOCIAL = ["Спасибо!", "Ок", "Понял, жду", "👍", "Благодарю вас"];

/** chatCount connected supergroups, each with a primary accountant and two clients, for traffic(). */
export async function benchChats(sql, chatCount = 50) {
  const chats = Array.from({ length: chatCount }, (_, i) => ({
    id: -(1_008_000_000_000 + (nextId() % 999_999_999)),
    accountant: 3e9 + i * 10 + (nextId() % 7),
    clients: [4e9 + nextId() % 1e8, 4.2e9 + nextId() % 1e8],
  }));
  await sql`insert into public.chats ${
    sql(
      chats.map((c) => ({
        id: c.id,
        title: "bench",
        chat_type: "supergroup",
        sla_enabled: true,
        threshold_minutes: 60,
        bot_can_read_all: true,
      })),
    )
  }`;
  await sql`insert into public.chat_staff ${
    sql(chats.map((c) => ({ chat_id: c.id, telegram_user_id: c.accountant, role: "accountant", is_primary: true })))
  }`;
  return chats;
}

/** The next update of the mix; remembers sent messages (for edits) and bodies (for redeliveries). */
export function traffic(chats) {
  const sent = [], bodies = [];
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const message = (chat, from, extra) => ({
    message_id: nextId(),
    date: now(),
    chat: { id: chat.id, type: "supergroup", title: "bench" },
    from,
    ...extra,
  });
  return () => {
    const chat = pick(chats), roll = Math.random();
    const client = { id: pick(chat.clients), is_bot: false, first_name: "Клиент" };
    let update;
    if (roll < 0.02 && bodies.length) return { body: pick(bodies), redelivery: true };
    if (roll < 0.55) update = { update_id: nextId(), message: message(chat, client, { text: pick(QUESTIONS) }) };
    else if (roll < 0.72) update = { update_id: nextId(), message: message(chat, client, { text: pick(SOCIAL) }) };
    else if (roll < 0.87) {
      update = {
        update_id: nextId(),
        message: message(chat, { id: chat.accountant, is_bot: false, first_name: "Бухгалтер" }, {
          text: "Готово, отправила",
        }),
      };
    } else if (roll < 0.92 && sent.length) {
      update = { update_id: nextId(), edited_message: { ...pick(sent), text: "Уточнение", edit_date: now() + 1 } };
    } else if (roll < 0.96) {
      update = {
        update_id: nextId(),
        message: message(chat, client, { document: { file_id: "f", file_name: "акт.pdf", file_size: 40_960 } }),
      };
    } else {update = {
        update_id: nextId(),
        callback_query: {
          id: String(nextId()),
          from: client,
          chat_instance: "1",
          data: "bench:noop",
          message: { message_id: 1, date: now(), chat: { id: chat.id, type: "supergroup" } },
        },
      };}
    if (update.message) sent.push(update.message);
    const body = JSON.stringify(update);
    if (bodies.length < 5_000) bodies.push(body);
    return { body, update };
  };
}

/** p95 per window of the run, to tell a steady state from periodic stalls (e.g. the minutely sla.tick). */
function windows(timeline, ms) {
  const byWindow = new Map();
  for (const [at, latency] of timeline) {
    byWindow.set(Math.floor(at / ms), [...(byWindow.get(Math.floor(at / ms)) ?? []), latency]);
  }
  return [...byWindow.keys()].sort((a, b) => a - b).map((w) =>
    round(quantile(byWindow.get(w).sort((a, b) => a - b), 0.95))
  );
}

export const quantile = (sorted, q) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
export const round = (x) => x === null ? null : Math.round(x * 10) / 10;

/** Open loop: update i is sent at start + i/rate whatever the earlier ones are doing. */
export async function runLoad(rate, seconds, next) {
  const total = Math.round(rate * seconds), latencies = [], inflight = new Set(), sentUpdates = [], timeline = [];
  let errors = 0, maxLag = 0, i = 0;
  const errorSamples = [];
  const start = performance.now();
  const fire = async ({ body, update }) => {
    const t0 = performance.now();
    try {
      const res = await fetch(WEBHOOK, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      latencies.push(performance.now() - t0);
      timeline.push([t0 - start, performance.now() - t0]);
    } catch (e) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(String(e.message ?? e));
    }
    if (update) sentUpdates.push(update);
  };
  await new Promise((resolve) => {
    const tick = () => {
      const t = performance.now();
      while (i < total && start + (i * 1000) / rate <= t) {
        maxLag = Math.max(maxLag, t - (start + (i * 1000) / rate));
        const p = fire(next());
        inflight.add(p);
        p.finally(() => inflight.delete(p));
        i++;
      }
      if (i < total) setTimeout(tick, Math.max(0, start + (i * 1000) / rate - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000, sorted = latencies.sort((a, b) => a - b);
  return {
    rate,
    seconds,
    sent: total,
    ok: latencies.length,
    errors,
    error_samples: errorSamples,
    achieved_per_second: round(latencies.length / elapsed),
    scheduler_max_lag_ms: round(maxLag),
    p50_ms: round(quantile(sorted, 0.5)),
    p95_ms: round(quantile(sorted, 0.95)),
    p99_ms: round(quantile(sorted, 0.99)),
    max_ms: round(sorted.at(-1) ?? null),
    p95_by_5s: windows(timeline, 5000),
    sentUpdates,
  };
}
