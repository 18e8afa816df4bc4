// Surveys through the real webhook: a delivery's buttons vote (change, withdraw, low-rating alert once),
// staff presses and forged or expired buttons are answered politely, and the voter's reply to the survey
// becomes the vote's comment instead of a request, while an ordinary message stays a request.
import assert from "node:assert/strict";
import { after, beforeEach, test } from "node:test";
import { callback, client, fake, messageUpdate, newChat, post, rows, sql } from "../lib/webhook.mjs";

beforeEach(() => fake.reset());
after(() => sql.end());

/** A connected chat where a client wrote, with a manual survey delivered to it (only to it). */
async function surveyedChat() {
  const room = await newChat();
  await post(messageUpdate({ chat: room.chat, from: client(), text: "Добрый день, пришлите счёт" }));
  const [survey] =
    await sql`insert into public.surveys (kind, title, chat_ids, period_from, period_to, quarter, started_at, expires_at, created_by)
    values ('manual', 'интеграционный тест', ${[room.id]}, now() - interval '1 day', now() + interval '1 hour',
            date_trunc('quarter', now())::date, now(), now() + interval '7 days', 'test') returning id`;
  await sql`select feedback.deliver(${survey.id}, now())`;
  const [delivery] = await sql`select * from public.survey_deliveries where survey_id = ${survey.id}`;
  return { ...room, delivery: Number(delivery.id) };
}

/** Presses a button and returns the answer the presser saw. */
async function press(chat, who, data) {
  const before = (await fake.calls()).filter((c) => c.method === "answerCallbackQuery").length;
  assert.equal((await post(callback(chat, who, data))).status, 200);
  return (await fake.answers(before + 1)).at(-1).text;
}

const vote = async (delivery, voter) =>
  (await sql`select * from public.survey_votes where delivery_id = ${delivery} and telegram_user_id = ${voter}`)[0];
const lowRatingAlerts = (chat) =>
  sql`select * from public.outbox where kind = 'low_rating' and about_chat_id = ${chat}`;

test("clients vote with the survey's buttons, change and withdraw; a low rating alerts the manager once", async () => {
  const { id, chat, delivery, manager, accountant } = await surveyedChat();
  const [survey] = await sql`select * from public.outbox where dedup_key = ${"survey:" + delivery}`;
  assert.equal(survey.chat_id, String(id));
  assert.equal(survey.to_client_group, true);
  assert.deepEqual(
    survey.payload.reply_markup.inline_keyboard.flat().map((b) => b.callback_data),
    [1, 2, 3, 4, 5, 0].map((n) => `survey:${delivery}:${n}`),
  );

  const anna = client(), boris = client();
  assert.equal(await press(chat, anna, `survey:${delivery}:2`), "Спасибо! Ваша оценка: 2");
  assert.equal((await vote(delivery, anna.id)).rating, 2);
  assert.equal(await press(chat, anna, `survey:${delivery}:5`), "Спасибо! Ваша оценка: 5");
  assert.equal((await vote(delivery, anna.id)).rating, 5, "a changed vote keeps its latest value");
  assert.equal(await press(chat, anna, `survey:${delivery}:1`), "Спасибо! Ваша оценка: 1");
  const alerts = await lowRatingAlerts(id);
  assert.deepEqual(
    alerts.map((a) => a.chat_id),
    [String(manager.id)],
    "one DM to the chat's manager, however often the vote changes",
  );
  assert.match(alerts[0].payload.text, /Низкая оценка клиента: 2 из 5[\s\S]*Иван Петров/);

  assert.equal(await press(chat, boris, `survey:${delivery}:4`), "Спасибо! Ваша оценка: 4");
  assert.equal(await press(chat, boris, `survey:${delivery}:0`), "Оценка отозвана");
  assert.equal((await vote(delivery, boris.id)).rating, null, "withdrawn");
  assert.equal(await press(chat, boris, `survey:${delivery}:0`), "У вас нет оценки в этом опросе");

  assert.equal(await press(chat, accountant, `survey:${delivery}:5`), "Оценку ставят клиенты — сотрудники не голосуют");
  assert.equal(await vote(delivery, accountant.id), undefined);
  assert.equal(
    await press(chat, anna, `survey:${delivery}:9`),
    "⚠️ Эта кнопка устарела.",
    "forged data never reaches the database",
  );

  await sql`update public.survey_deliveries set expires_at = now() - interval '1 second' where id = ${delivery}`;
  assert.equal(await press(chat, boris, `survey:${delivery}:5`), "Опрос завершён, спасибо!");
  assert.equal((await vote(delivery, boris.id)).rating, null, "an expired survey takes no votes");
});

test("the voter's reply to the survey becomes the comment and opens no request; a plain message is a request", async () => {
  const { id, chat, delivery } = await surveyedChat();
  const voter = client();
  const requestOf = async (update) =>
    (await rows.messages(id)).find((m) => Number(m.message_id) === update.message.message_id).request_id;
  assert.equal(await press(chat, voter, `survey:${delivery}:3`), "Спасибо! Ваша оценка: 3");
  const invite = await sql`select * from public.outbox where kind = 'survey_invite' and chat_id = ${id}`;
  assert.equal(invite.length, 1, "the vote invites a comment in the group");
  // The relay's part: the survey message went out as Telegram message 777.
  await sql`update public.outbox set status = 'sent', telegram_message_id = 777 where dedup_key = ${
    "survey:" + delivery
  }`;

  const question = messageUpdate({ chat, from: voter, text: "Где акт сверки?" });
  await post(question);
  assert.equal((await vote(delivery, voter.id)).comment, null, "a question right after voting is no comment");
  assert.notEqual(await requestOf(question), null, "it is a request");

  const text = "Отвечаете медленно, но по делу.";
  const comment = messageUpdate({ chat, from: voter, text, reply_to_message: { message_id: 777, date: 0, chat } });
  assert.equal((await post(comment)).status, 200);
  const stored = await vote(delivery, voter.id);
  assert.equal(stored.comment, text);
  assert.equal(Number(stored.comment_message_id), comment.message.message_id);
  assert.equal(await requestOf(comment), null, "the comment is stored like every message but joins no request");
});
