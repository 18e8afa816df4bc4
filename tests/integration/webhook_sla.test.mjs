// Client messages through the webhook: requests open and close, the FAQ answers instead of opening a
// request, out-of-hours acknowledgements, file receipts, edits and group → supergroup migration.
import assert from "node:assert/strict";
import { after, beforeEach, test } from "node:test";
import {
  client,
  eventually,
  fake,
  messageUpdate,
  newChat,
  nextChatId,
  nextId,
  person,
  post,
  quiet,
  rows,
  sql,
} from "../lib/webhook.mjs";

beforeEach(() => fake.reset());
after(() => sql.end());

const SETTINGS_TTL_MS = 5_000; // telegram-webhook/settings.ts: how long the function keeps settings and FAQ

const settle = () => new Promise((r) => setTimeout(r, SETTINGS_TTL_MS + 200));
const incoming = async (chat) => (await rows.messages(chat)).filter((m) => m.direction === "in");

/** Runs body with changed global settings, once the function has seen them; restores them (and waits) after. */
async function withSettings(changes, body) {
  const [before] = await sql`select * from public.settings`;
  await sql`update public.settings set ${sql(changes)}`;
  try {
    await settle();
    await body();
  } finally {
    await sql`update public.settings set ${sql(Object.fromEntries(Object.keys(changes).map((k) => [k, before[k]])))}`;
    await settle();
  }
}

test("a client's request opens a request; the accountant's answer closes it", async () => {
  const { id, chat, accountant } = await newChat();
  const ask = messageUpdate({ chat, from: client(), text: "Когда будет готова декларация?" });
  assert.equal((await post(ask)).status, 200);
  const [opened] = await rows.requests(id);
  assert.equal(opened.status, "open");
  assert.equal(Number(opened.first_message_id), ask.message.message_id);
  assert.deepEqual((await incoming(id)).map((m) => [m.sender_kind, m.label, m.label_source]), [[
    "client",
    "REQUEST",
    "rules",
  ]]);

  for (const text of ["Спасибо!", "Ок"]) await post(messageUpdate({ chat, from: client(), text }));
  assert.equal((await rows.requests(id)).length, 1, "thanks and acknowledgements open nothing");

  await post(messageUpdate({ chat, from: accountant, text: "Декларация будет готова завтра" }));
  const [answered] = await rows.requests(id);
  assert.equal(answered.status, "answered");
  assert.equal(Number(answered.answered_by_telegram_id), accountant.id);
  const staffMessage = (await incoming(id)).at(-1);
  assert.deepEqual(
    [staffMessage.sender_kind, staffMessage.label],
    ["accountant", null],
    "staff messages are never classified",
  );
  await quiet();
  assert.equal((await fake.to(id, "sendMessage")).length, 0, "the bot stayed quiet");
});

test("the FAQ answers a client's question as a reply, and that message opens no request", async () => {
  const { id, chat } = await newChat();
  const [item] = await sql`insert into public.faq (question, answer, keywords)
    values (${"Тест H3 " + nextId()}, 'Ответ <из> FAQ & всё', '{"квазитермин", "проверочный вопрос"}') returning id`;
  try {
    await settle();
    const ask = messageUpdate({ chat, from: client(), text: "Проверочный вопрос про квазитермин?" });
    await post(ask);
    const reply = await fake.nextCall(id);
    assert.equal(reply.reply_parameters.message_id, ask.message.message_id, "answered as a reply");
    assert.match(reply.text, /^💡 <b>Тест H3 \d+<\/b>\n\nОтвет &lt;из&gt; FAQ &amp; всё$/);
    assert.equal((await rows.requests(id)).length, 0);
    assert.deepEqual((await incoming(id)).map((m) => m.label_source), ["faq"]);
    await eventually(
      async () => (await sql`select usage_count from public.faq where id = ${item.id}`)[0].usage_count === 1,
      "the use to count",
    );
  } finally {
    await sql`delete from public.faq where id = ${item.id}`;
  }
});

test("out of working hours the bot acknowledges with the computed answer time", async () => {
  // Working hours: one hour a day, starting two hours from now (UTC), so "now" is always outside them.
  const start = (new Date().getUTCHours() + 2) % 24, hh = (h) => `${String(h).padStart(2, "0")}:00`;
  const day = [[hh(start), start === 23 ? "24:00" : hh(start + 1)]];
  const schedule = {
    timezone: "UTC",
    is_24x7: false,
    holidays: [],
    workdays: {},
    week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, day])),
  };
  const { id, chat } = await newChat({ schedule });
  await withSettings({ out_of_hours_ack: true }, async () => {
    await post(messageUpdate({ chat, from: client(), text: "Где мой счёт?" }));
    const [request] = await rows.requests(id);
    const ack = await fake.nextCall(id);
    const eta = new Date(request.breach_at);
    const local = `${String(eta.getUTCDate()).padStart(2, "0")}.${
      String(eta.getUTCMonth() + 1).padStart(2, "0")
    }.${eta.getUTCFullYear()} ${hh(eta.getUTCHours())}`;
    assert.equal(eta.getUTCHours(), (start + 1) % 24, "the ETA is the end of the next working hour");
    assert.equal(ack.text, `🕘 Сейчас нерабочее время. Мы получили ваше сообщение и ответим до ${local}.`);
  });
});

test("a client's document gets a receipt with name, size and time in the chat's timezone", async () => {
  const schedule = { timezone: "Asia/Vladivostok", is_24x7: true, holidays: [], workdays: {}, week: {} };
  const { id, chat } = await newChat({ schedule });
  const date = Math.floor(Date.UTC(2026, 0, 15, 6, 30) / 1000); // 16:30 in Vladivostok
  await post(
    messageUpdate({
      chat,
      from: client(),
      date,
      document: { file_id: "x", file_name: "Акт <сверки>.pdf", file_size: 1_572_864 },
    }),
  );
  const receipt = await fake.nextCall(id);
  assert.equal(receipt.text, "📎 Файл получен: <b>Акт &lt;сверки&gt;.pdf</b> (1,5 МБ), 15.01.2026 16:30");
  assert.equal((await rows.requests(id)).length, 0, "a document without a caption is not a request");
});

test("an edit is stored as a new version and opens no second request", async () => {
  const { id, chat } = await newChat();
  const ask = messageUpdate({ chat, from: client(), text: "Нужна справка" });
  await post(ask);
  const edited = {
    update_id: nextId(),
    edited_message: { ...ask.message, text: "Нужна справка 2-НДФЛ", edit_date: ask.message.date + 60 },
  };
  await post(edited);
  await post(edited);
  const versions = (await incoming(id)).map((m) => [m.version, m.text]);
  assert.deepEqual(versions, [[1, "Нужна справка"], [ask.message.date + 60, "Нужна справка 2-НДФЛ"]]);
  assert.equal((await rows.requests(id)).length, 1);
});

test("group → supergroup migration moves the chat, its history and its open request", async () => {
  const oldId = -(nextId() % 1e9 + 1e9), newId = nextChatId(), from = client();
  const oldGroup = { id: oldId, type: "group", title: "Старая группа" };
  await sql`insert into public.chats ${
    sql({ id: oldId, title: "Старая группа", chat_type: "group", sla_enabled: true, threshold_minutes: 60 })
  }`;
  await post(messageUpdate({ chat: oldGroup, from, text: "Где мой счёт?" }));
  await post(messageUpdate({ chat: oldGroup, from: person(from.id), migrate_to_chat_id: newId }));
  await post(
    messageUpdate({ chat: { id: newId, type: "supergroup", title: "Новая" }, from, migrate_from_chat_id: oldId }),
  );
  assert.equal((await sql`select count(*)::int as n from public.chats where id = ${oldId}`)[0].n, 0);
  const [moved] = await sql`select * from public.chats where id = ${newId}`;
  assert.deepEqual([moved.chat_type, moved.sla_enabled], ["supergroup", true]);
  assert.equal((await rows.requests(newId))[0].status, "open", "the open request moved along");
  assert.equal((await incoming(newId)).length, 3);
});
