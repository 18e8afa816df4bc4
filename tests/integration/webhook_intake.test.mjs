// Intake discipline of the Telegram webhook, through the gateway: the secret before the body, odd but
// authentic updates answered 200 and logged (never a 5xx), and redeliveries — one after another or all
// at once — having exactly one effect.
import assert from "node:assert/strict";
import { after, beforeEach, test } from "node:test";
import { client, eventually, fake, messageUpdate, newChat, nextId, post, quiet, rows, sql } from "../lib/webhook.mjs";

beforeEach(() => fake.reset());
after(() => sql.end());

test("a wrong or missing secret gets 401 and nothing is stored", async () => {
  const { id } = await newChat();
  for (const secret of [null, "wrong-secret", "local-webhook-secret-but-longer"]) {
    const update = messageUpdate({ chat: id, from: client(), text: "Где мой счёт?" });
    const res = await post(update, { secret });
    assert.equal(res.status, 401, `secret ${secret}`);
    assert.equal(await rows.update(update.update_id), undefined);
  }
  assert.equal((await rows.messages(id)).length, 0);
  assert.equal((await fake.to(id)).length, 0);
});

test("odd but authentic updates are answered 200, never 5xx", async () => {
  const { id } = await newChat();
  const odd = {
    "invalid JSON": "{not json",
    "an array": "[1,2,3]",
    "no update_id": { message: { text: "hi" } },
    "a negative update_id": { update_id: -5 },
  };
  for (const [what, body] of Object.entries(odd)) assert.equal((await post(body)).status, 200, what);

  const unknown = { update_id: nextId(), some_future_update: { id: 1 } };
  assert.equal((await post(unknown)).status, 200);
  await eventually(
    async () => (await rows.update(unknown.update_id))?.status === "done",
    "the unknown update to be done",
  );
  assert.equal((await rows.update(unknown.update_id)).update_type, "some_future_update");

  const chatless = { update_id: nextId(), message: { message_id: 1, date: 1, text: "без чата" } };
  assert.equal((await post(chatless)).status, 200);
  const failed = await rows.update(chatless.update_id);
  assert.equal(failed.status, "failed");
  assert.match(failed.error, /invalid update: message\.chat/);

  const long = messageUpdate({ chat: id, from: client(), text: "Вопрос ".repeat(1_500).slice(0, 10_000) });
  const emoji = messageUpdate({ chat: id, from: client(), text: "👍👍🔥" });
  for (const u of [long, emoji]) assert.equal((await post(u)).status, 200);
  const stored = (await rows.messages(id)).filter((m) => m.direction === "in");
  assert.equal(stored.length, 2);
  assert.equal(stored[0].text.length, 10_000, "a 10,000-character text is stored whole");
  assert.deepEqual([stored[1].text, stored[1].label], ["👍👍🔥", "SPAM"], "emoji only: stored, not a request");
});

test("the same update delivered 5× in a row and 5× at once has exactly one effect", async () => {
  const { id, chat } = await newChat();
  const sequential = messageUpdate({ chat, from: client(), text: "Когда будет готова декларация?" });
  for (let i = 0; i < 5; i++) assert.equal((await post(sequential)).status, 200);
  const concurrent = messageUpdate({
    chat,
    from: client(),
    text: "Нужна справка 2-НДФЛ",
    document: { file_id: "f", file_name: "скан.pdf", file_size: 2048 },
  });
  const answers = await Promise.all(Array.from({ length: 5 }, () => post(concurrent)));
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);

  for (const u of [sequential, concurrent]) {
    const [{ n }] = await sql`select count(*)::int as n from public.telegram_updates where update_id = ${u.update_id}`;
    assert.equal(n, 1);
  }
  const stored = await rows.messages(id);
  assert.equal(stored.filter((m) => m.direction === "in").length, 2, "each message stored once");
  await eventually(
    async () => (await rows.messages(id)).some((m) => m.direction === "out"),
    "the receipt to be logged",
  );
  assert.equal(
    (await rows.messages(id)).filter((m) => m.direction === "out").length,
    1,
    "the bot's receipt joins the log once",
  );
  const requests = await rows.requests(id);
  assert.equal(requests.length, 1, "one request; the second message joined it");
  assert.equal(requests[0].message_count, 2);
  assert.match((await fake.nextCall(id)).text, /^📎 Файл получен/);
  await quiet();
  assert.equal((await fake.to(id, "sendMessage")).length, 1, "one file receipt, not five");
  await eventually(async () => (await rows.update(concurrent.update_id)).status === "done", "the update to be done");
});
