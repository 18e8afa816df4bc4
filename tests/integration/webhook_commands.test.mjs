// Commands and buttons through the webhook: the bot joining and leaving groups, /newchat + /connect,
// /diagnose, /start and /help by role, the client /menu (DMs via the outbox), /template, /mystats,
// and the alert buttons with unauthorised and stale presses answered politely.
import assert from "node:assert/strict";
import { after, beforeEach, test } from "node:test";
import {
  BOT_ID,
  callback,
  client,
  command,
  eventually,
  fake,
  group,
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

const ACCOUNTANT = person(700003, "Ольга"), MANAGER = person(700002, "Мария"); // seeded staff
const privateChat = (user) => ({ id: user.id, type: "private", first_name: user.first_name });
const reply = async (chat) => (await fake.nextCall(chat)).text;
const chatRow = async (id) => (await sql`select * from public.chats where id = ${id}`)[0];
const botMember = (chat, status) => ({
  update_id: nextId(),
  my_chat_member: {
    chat,
    from: MANAGER,
    date: Math.floor(Date.now() / 1000),
    old_chat_member: {
      status: status === "left" ? "member" : "left",
      user: { id: BOT_ID, is_bot: true, first_name: "BuhBot" },
    },
    new_chat_member: { status, user: { id: BOT_ID, is_bot: true, first_name: "BuhBot" } },
  },
});

test("the bot added to a group registers it with SLA off, warns it cannot read everything; removed, it stops monitoring", async () => {
  const chat = group(nextChatId(), "Новый клиент");
  await post(botMember(chat, "member"));
  const welcome = await reply(chat.id);
  const registered = await chatRow(chat.id);
  assert.deepEqual([registered.sla_enabled, registered.monitoring_enabled, registered.bot_can_read_all], [
    false,
    true,
    false,
  ]);
  assert.match(welcome, /\/connect КОД/);
  assert.match(welcome, /⚠️ Я не вижу все сообщения группы/);

  await post(botMember(chat, "left"));
  await eventually(async () => (await chatRow(chat.id)).monitoring_enabled === false, "monitoring to stop");
  await post(botMember(chat, "administrator"));
  assert.match(await reply(chat.id), /✅ Я вижу все сообщения группы/);
  const back = await chatRow(chat.id);
  assert.deepEqual(
    [back.monitoring_enabled, back.bot_can_read_all],
    [true, true],
    "re-added as admin: monitoring on, reads all",
  );
});

test("/newchat gives staff a one-time code; /connect links the group, once", async () => {
  const stranger = client();
  await post(command(privateChat(stranger), stranger, "/newchat"));
  assert.match(await reply(stranger.id), /только сотрудникам/);
  await post(command(privateChat(ACCOUNTANT), ACCOUNTANT, "/newchat"));
  const code = /<code>([A-Z2-9]{8})<\/code>/.exec(await reply(ACCOUNTANT.id))[1];

  const chat = group(nextChatId(), "ООО «Клиент»");
  await post(command(chat, client(), "/connect"));
  assert.match(await reply(chat.id), /Укажите код/);
  await post(command(chat, client(), `/connect ${code.toLowerCase()}`));
  assert.match(await reply(chat.id), /✅ Чат подключён[\s\S]*Бухгалтер: Ольга Бухгалтер[\s\S]*✅ Я вижу все сообщения/);
  const [linked] = await sql`select sla_enabled from public.chats where id = ${chat.id}`;
  assert.equal(linked.sla_enabled, true);
  const staff = await sql`select telegram_user_id, role, is_primary from public.chat_staff where chat_id = ${chat.id}`;
  assert.deepEqual(staff.map((s) => [Number(s.telegram_user_id), s.role, s.is_primary]), [[
    700003,
    "accountant",
    true,
  ]]);

  const other = group(nextChatId());
  await post(command(other, client(), `/connect ${code}`));
  assert.match(await reply(other.id), /уже использован/);
  assert.equal((await sql`select sla_enabled from public.chats where id = ${other.id}`)[0].sla_enabled, false);
});

test("/diagnose reports the chat's health to staff only", async () => {
  const { id, chat, accountant } = await newChat();
  await fake.member(id, BOT_ID, "member"); // privacy mode on (fake's getMe) and not an admin
  await post(command(chat, client(), "/diagnose"));
  assert.match(await reply(id), /только сотрудникам/);
  await post(command(chat, accountant, "/diagnose"));
  const report = (await reply(id)).split("\n");
  // The database's checks in its order, marked by the bot; the chat's own manager is the recipient, not the global ones.
  assert.deepEqual(report.slice(0, 6), [
    "🩺 <b>Диагностика чата «ООО Тест»</b>",
    "",
    "✅ Контроль ответов включён (порог 60 мин)",
    "✅ Бот отслеживает чат",
    "✅ Бухгалтер: Бухгалтер Анна",
    "✅ Получатели уведомлений о просрочках: руководители чата (1)",
  ]);
  assert.match(report[6], /^⚠️ Бот видит не все сообщения группы/);
  assert.match(
    report[7],
    /^✅ Последнее сообщение: \d\d\.\d\d\.\d{4} \d\d:\d\d \(МСК\)$/,
    "the client's /diagnose itself",
  );
  assert.equal(
    (await sql`select bot_can_read_all from public.chats where id = ${id}`)[0].bot_can_read_all,
    false,
    "the live check is saved",
  );
});

test("/start and /help answer by role and place", async () => {
  const visitor = client();
  await post(command(privateChat(visitor), visitor, "/start"));
  const privately = await reply(visitor.id);
  assert.match(privately, /^👋 Здравствуйте!\n\n[\s\S]*в группе вашей компании[\s\S]*\/menu/);
  assert.doesNotMatch(privately, /в этот чат/, "private chats are not monitored");
  const { id, chat } = await newChat();
  await post(command(chat, visitor, "/help"));
  assert.match(await reply(id), /напишите вопрос в этот чат/);
  await post(command(privateChat(ACCOUNTANT), ACCOUNTANT, "/help"));
  assert.match(await reply(ACCOUNTANT.id), /\/template[\s\S]*\/mystats/);
  await post(command(privateChat(MANAGER), MANAGER, "/start"));
  const managerHelp = await reply(MANAGER.id);
  assert.match(managerHelp, /^👋 Здравствуйте, Мария Руководитель!/);
  assert.match(managerHelp, /«🔔 Напомнить бухгалтеру» и «✅ Отметить решённым»/, "the buttons the alerts really have");
  assert.doesNotMatch(managerHelp, /\/template/);
});

test("/menu: contacting the accountant queues one DM per accountant, however often it is pressed", async () => {
  const { id, chat, accountant } = await newChat();
  const visitor = client();
  await post(command(chat, visitor, "/menu"));
  const menu = await fake.nextCall(id);
  assert.equal(menu.parse_mode, "HTML", "every text goes out as HTML");
  assert.deepEqual(menu.reply_markup.inline_keyboard.flat().map((b) => b.callback_data), [
    "menu:contact",
    "menu:services",
  ]);

  await post(callback(chat, visitor, "menu:contact", 77));
  await fake.answers(1);
  await post(callback(chat, visitor, "menu:contact", 77));
  await fake.answers(2);
  const dms = await sql`select chat_id, kind, payload from public.outbox where dedup_key like ${`menu:${id}:77:%`}`;
  assert.equal(dms.length, 1);
  assert.equal(Number(dms[0].chat_id), accountant.id);
  assert.match(dms[0].payload.text, /Клиент просит связаться[\s\S]*Иван Петров[\s\S]*«ООО Тест»/);
  assert.equal(dms[0].payload.reply_markup.inline_keyboard[0][0].url, `https://t.me/c/${-id - 1e12}/77`);
  assert.deepEqual((await fake.answers(2)).map((a) => a.text), ["✅ Передано бухгалтеру", "ℹ️ Уже передано"]);

  // A new /menu and another press within 10 minutes: the staff are not messaged again.
  await post(callback(chat, visitor, "menu:svc:reconciliation", 80));
  assert.equal((await fake.answers(3))[2].text, "⏳ Уже передали, ответим в рабочее время");
  assert.equal((await sql`select 1 from public.outbox where dedup_key like ${`menu:${id}:80:%`}`).length, 0);

  const neighbour = client();
  await post(callback(chat, neighbour, "menu:svc:reconciliation", 78));
  await fake.answers(4);
  const [service] = await sql`select kind, payload from public.outbox where dedup_key like ${`menu:${id}:78:%`}`;
  assert.equal(service.kind, "service_request");
  assert.match(service.payload.text, /Заказ услуги: 🧾 Акт сверки/);
});

test("forged menu buttons name no service: Object.prototype members are not services", async () => {
  const { id, chat } = await newChat();
  const visitor = client();
  for (const [i, code] of ["constructor", "toString", "hasOwnProperty"].entries()) {
    await post(callback(chat, visitor, `menu:svc:${code}`, 90 + i));
  }
  assert.deepEqual((await fake.answers(3)).map((a) => a.text), Array(3).fill("⚠️ Эта кнопка устарела."));
  assert.equal((await sql`select 1 from public.outbox where dedup_key like ${`menu:${id}:%`}`).length, 0);
});

test("/menu in a chat without an accountant: the manager gets it, and the client is told so", async () => {
  const { id, chat, accountant, manager } = await newChat();
  await sql`delete from public.chat_staff where chat_id = ${id} and telegram_user_id = ${accountant.id}`;
  const visitor = client();
  await post(callback(chat, visitor, "menu:contact", 79));
  assert.equal((await fake.answers(1))[0].text, "✅ Передано руководителю");
  const edited = await fake.nextCall(id, "editMessageText");
  assert.deepEqual([edited.text, edited.parse_mode], [
    "✅ Иван Петров: руководитель получил просьбу связаться.",
    "HTML",
  ]);
  const dms = await sql`select chat_id from public.outbox where dedup_key like ${`menu:${id}:79:%`}`;
  assert.deepEqual(dms.map((d) => Number(d.chat_id)), [manager.id]);
});

test("/template: categories, then templates, then the rendered reply in the group with the use counted", async () => {
  const { id, chat, accountant } = await newChat({ title: "ООО <Ромашка>" });
  const suffix = nextId();
  const [tpl] = await sql`insert into public.templates (category, title, body)
    values (${
    "Тест " + suffix
  }, 'Готово', 'Здравствуйте, {{client_name}}! {{accountant_name}}, {{chat_title}}, {{date}}') returning id`;
  try {
    const visitor = client();
    const ask = messageUpdate({ chat, from: visitor, text: "Где акт?" });
    await post(ask);
    const pick = command(chat, accountant, "/template");
    pick.message.reply_to_message = ask.message; // sent as a reply to the client: {{client_name}} is theirs
    await post(pick);
    const picker = await fake.nextCall(id);
    const category = picker.reply_markup.inline_keyboard.flat().find((b) =>
      b.text === `📁 Тест ${suffix}`
    ).callback_data;
    assert.equal(category, `tpl:c:${tpl.id}:${visitor.id}`);
    await post(callback(chat, client(), category));
    assert.match((await fake.answers(1)).at(-1).text, /только сотрудникам/, "clients cannot use the picker");
    await post(callback(chat, accountant, category));
    const list = await fake.nextCall(id, "editMessageText");
    assert.deepEqual(list.reply_markup.inline_keyboard.flat().map((b) => b.callback_data), [
      `tpl:t:${tpl.id}:${visitor.id}`,
      `tpl:home:${visitor.id}`,
    ]);
    await post(callback(chat, accountant, `tpl:t:${tpl.id}:${visitor.id}`));
    assert.match(await reply(id), /^Здравствуйте, U! Бухгалтер Анна, ООО &lt;Ромашка&gt;, \d\d\.\d\d\.\d{4}$/);
    await fake.nextCall(id, "deleteMessage"); // the picker goes away
    await eventually(
      async () => (await sql`select usage_count from public.templates where id = ${tpl.id}`)[0].usage_count === 1,
      "the use to count",
    );
  } finally {
    await sql`delete from public.templates where id = ${tpl.id}`;
  }
});

test("/template without a reply: a template that names the client is refused, never sent with a placeholder", async () => {
  const { id, chat, accountant } = await newChat();
  const [tpl] = await sql`insert into public.templates (category, title, body)
    values (${"Тест " + nextId()}, 'Привет', 'Здравствуйте, {{client_name}}!') returning id`;
  try {
    await post(command(chat, accountant, "/template"));
    assert.match((await fake.nextCall(id)).text, /отправьте \/template ответом на его сообщение/);
    await post(callback(chat, accountant, `tpl:t:${tpl.id}:0`));
    const [answer] = await fake.answers(1);
    assert.deepEqual([answer.text, answer.show_alert], [
      "✍️ В этом шаблоне есть имя клиента. Отправьте /template ответом на сообщение клиента.",
      true,
    ]);
    await quiet();
    assert.equal((await fake.to(id, "sendMessage")).length, 1, "only the picker was sent");
  } finally {
    await sql`delete from public.templates where id = ${tpl.id}`;
  }
});

test("/mystats in the accountant's private chat", async () => {
  await post(command(privateChat(ACCOUNTANT), ACCOUNTANT, "/mystats"));
  assert.match(await reply(ACCOUNTANT.id), /📊 <b>Ваша статистика за 30 дней<\/b>[\s\S]*📂 Открыто сейчас: \d+/);
  const { id, chat, accountant } = await newChat();
  await post(command(chat, accountant, "/mystats"));
  assert.match(await reply(id), /в личном чате/, "not in front of the client");
});

test("alert buttons: resolve by the chat's accountant, notify for managers only, stale and forged presses answered", async () => {
  const { id, chat, accountant, manager } = await newChat();
  await post(messageUpdate({ chat, from: client(), text: "Где мой счёт?" }));
  const [request] = await rows.requests(id);
  const [alert] =
    await sql`insert into public.alerts (request_id, chat_id, kind, created_at) values (${request.id}, ${id}, 'breach', now()) returning id`;
  let pressed = 0;
  const press = async (who, data) => (await post(callback(privateChat(who), who, data)), await fake.answers(++pressed));

  await press(client(), `alert:${alert.id}:resolve`);
  await press(accountant, `alert:${alert.id}:notify`);
  await press(manager, `alert:${alert.id}:notify`);
  await press(accountant, `alert:${alert.id}:resolve`);
  await press(manager, `alert:${alert.id}:resolve`);
  await press(manager, "alert:abc:resolve");
  assert.deepEqual((await fake.answers(6)).map((a) => [a.text, a.show_alert ?? false]), [
    ["⚠️ Закрыть запрос могут только бухгалтеры и руководители этого чата", true],
    ["⚠️ Напомнить бухгалтеру может только руководитель", true],
    ["📨 Бухгалтеру отправлено напоминание", false],
    ["✅ Запрос закрыт", false],
    ["⚠️ Уже закрыто: Бухгалтер Анна", true],
    ["⚠️ Эта кнопка устарела.", true],
  ]);
  assert.equal((await rows.requests(id))[0].status, "resolved");
  assert.equal(
    (await sql`select count(*)::int as n from public.outbox where kind = 'notify_accountant' and chat_id = ${accountant.id}`)[
      0
    ].n,
    1,
  );
});
