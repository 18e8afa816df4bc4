// Staff onboarding through the Edge Function `staff` and Supabase Auth's own round trip, against the running
// stack: who may invite, what a refusal leaves behind (nothing), the invitation link → set a password → log
// in, deactivation and password links, and the first admin from `npm run admin:create`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { client, loginAs, sql as connect, SUPABASE_URL } from "../lib/stack.mjs";

const run = promisify(execFile);
const RUN = Date.now().toString(36);
const TELEGRAM_ID = 710_000 + (Date.now() % 90_000); // unique per run: the stack may be reused
const ROMASHKA = -1001000000001;
let sql, admin;
before(async () => {
  sql = connect();
  admin = await loginAs("admin");
});
after(() => sql?.end());

/** POST to the function as `who` (a demo role, or null for no login); → { status, body }. */
async function staff(who, path, body = {}) {
  const token = who ? (await loginAs(who)).session.access_token : undefined;
  const res = await fetch(`${SUPABASE_URL}/functions/v1/staff${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Opens an emailed link like a browser and returns the fragment the console receives. */
async function follow(link) {
  const res = await fetch(link, { redirect: "manual" });
  assert.equal(res.status, 303);
  return Object.fromEntries(new URLSearchParams(new URL(res.headers.get("location")).hash.slice(1)));
}

/** What the console's set-password page does with the fragment: adopt the session, set the password. */
async function setPassword(fragment, password) {
  const supabase = client();
  const { error } = await supabase.auth.setSession(fragment);
  assert.ifError(error);
  const { error: updateError } = await supabase.auth.updateUser({ password });
  assert.ifError(updateError);
}

const passwordLogin = (email, password) => client().auth.signInWithPassword({ email, password });
const counts = async () =>
  (await sql`select (select count(*) from auth.users) as users,
  (select count(*) from public.staff) as staff`)[0];

const person = (name) => ({ email: `${name}-${RUN}@firm.ru`, full_name: "Ирина Новикова", role: "accountant" });
const REFUSED = [
  // who,          body,                                                        status, message
  ["manager", person("m"), 403, /только администратор/],
  ["accountant", person("a"), 403, /только администратор/],
  [null, person("n"), 401, /Войдите/],
  ["admin", { ...person("r"), role: "boss" }, 400, /Роль должна быть/],
  ["admin", { ...person("e"), email: "not-an-email" }, 400, /Email указан с ошибкой/],
  ["admin", { ...person("f"), full_name: " " }, 400, /Укажите имя/],
  ["admin", { ...person("t"), telegram_user_id: "700099" }, 400, /Telegram ID — это число/],
  ["admin", { ...person("x"), email: "admin@buhbot.local" }, 409, /уже зарегистрирован/],
  ["admin", { ...person("d"), telegram_user_id: 700003 }, 409, /уже указан у сотрудника «Ольга Бухгалтер»/],
];
for (const [who, body, status, message] of REFUSED) {
  test(`invite refused: ${who ?? "nobody logged in"} ${JSON.stringify(body)} → ${status}, nothing created`, async () => {
    const before = await counts();
    const res = await staff(who, "", body);
    assert.equal(res.status, status);
    assert.match(res.body.error, message);
    assert.deepEqual(await counts(), before);
  });
}

test("an invited accountant opens the link, sets a password, logs in and sees only their chats", async () => {
  const invite = { ...person("olga"), telegram_user_id: TELEGRAM_ID };
  const res = await staff("admin", "", invite);
  assert.equal(res.status, 201);
  assert.equal(res.body.staff.role, "accountant");
  const accepted = async () =>
    (await admin.supabase.rpc("staff_accounts")).data.find((a) => a.id === res.body.id).accepted;
  assert.equal(await accepted(), false, "listed as not accepted until the password is set");
  assert.equal((await passwordLogin(invite.email, "anything-at-all")).error?.code, "invalid_credentials");

  const fragment = await follow(res.body.action_link);
  assert.equal(fragment.type, "invite");
  await setPassword(fragment, "Пароль-Ирины-1");
  assert.equal(await accepted(), true);
  assert.deepEqual((await follow(res.body.action_link)).error_code, "otp_expired", "a link works once");

  await sql`insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name)
    values (${ROMASHKA}, ${TELEGRAM_ID}, 'accountant', false, 'Ирина')`;
  const { data: login } = await passwordLogin(invite.email, "Пароль-Ирины-1");
  const mine = client();
  await mine.auth.setSession(login.session);
  const { data: chats } = await mine.from("chats").select("id");
  assert.deepEqual(chats.map((c) => Number(c.id)), [ROMASHKA]);
});

test("deactivation blocks the login at once; reactivation and a reset link restore it", async () => {
  const invite = person("deact");
  const { body } = await staff("admin", "", invite);
  await setPassword(await follow(body.action_link), "first-password");
  const { data: login } = await passwordLogin(invite.email, "first-password");

  const off = await staff("admin", `/${body.id}/deactivate`);
  assert.equal(off.status, 200);
  assert.equal(off.body.staff.is_active, false);
  assert.equal((await passwordLogin(invite.email, "first-password")).error?.code, "invalid_credentials");
  const stale = client();
  assert.ok((await stale.auth.setSession(login.session)).error, "the open session ended");

  assert.equal((await staff("admin", `/${body.id}/reactivate`)).body.staff.is_active, true);
  assert.ifError((await passwordLogin(invite.email, "first-password")).error);

  const reset = await staff("admin", `/${body.id}/reset-password`);
  assert.equal(reset.status, 200);
  const fragment = await follow(reset.body.action_link);
  assert.equal(fragment.type, "recovery");
  await setPassword(fragment, "second-password");
  assert.ifError((await passwordLogin(invite.email, "second-password")).error);
});

test("access actions: admins only, never on oneself, 404 for someone unknown", async () => {
  const self = "00000000-0000-4000-a000-000000000001", olga = "00000000-0000-4000-a000-000000000003";
  assert.deepEqual(await staff("manager", `/${olga}/deactivate`).then((r) => r.status), 403);
  const me = await staff("admin", `/${self}/deactivate`);
  assert.equal(me.status, 409);
  assert.match(me.body.error, /самого себя/);
  assert.equal((await staff("admin", "/00000000-0000-4000-a000-00000000ffff/reactivate")).status, 404);
  assert.equal((await sql`select is_active from public.staff where id = ${olga}`)[0].is_active, true);
});

test("npm run admin:create: the first admin, with a set-password link; again → a fresh link", async () => {
  const email = `boss-${RUN}@firm.ru`;
  const create = () => run("bash", ["scripts/admin-create.sh", email, "--name", "Анна Иванова"], { env: process.env });
  const first = await create();
  const link = first.stdout.match(/https?:\/\/\S+\/verify\?\S+/)?.[0];
  assert.ok(link, first.stdout);
  const [row] = await sql`select s.role, s.full_name from public.staff s join auth.users u using (id)
    where u.email = ${email}`;
  assert.deepEqual({ ...row }, { role: "admin", full_name: "Анна Иванова" });
  const again = (await create()).stdout.match(/https?:\/\/\S+\/verify\?\S+/)?.[0];
  assert.notEqual(again, link);
  await setPassword(await follow(again), "boss-password");
  assert.ifError((await passwordLogin(email, "boss-password")).error);
  await assert.rejects(create(), /already has a login/);
  await assert.rejects(
    run("bash", ["scripts/admin-create.sh", "not-an-email"], { env: process.env }),
    /give the admin/,
  );
});
