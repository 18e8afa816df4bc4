// Findings of the red team that live at the HTTP edges, replayed through the gateway: planner row counts
// (which ignore RLS) are refused to the console's roles; the local auth endpoint throttles repeated wrong
// passwords and revokes a session whose refresh token is replayed, as Supabase Auth does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ANON_KEY, loginAs, sql, SUPABASE_URL } from "../lib/stack.mjs";

const rest = (token, path, prefer) =>
  fetch(`${SUPABASE_URL}/rest/v1/${path}`, {
    headers: { apikey: ANON_KEY, Authorization: `Bearer ${token}`, Prefer: prefer, Range: "0-0" },
  });

test("planned and estimated row counts are refused; exact counts obey RLS", async () => {
  const { session } = await loginAs("accountant");
  for (const prefer of ["count=planned", "count=estimated", "return=representation, count=planned"]) {
    const res = await rest(session.access_token, "messages?select=id", prefer);
    assert.equal(res.status, 400, prefer);
    assert.match((await res.json()).message, /count=exact/);
  }
  const exact = await rest(session.access_token, "messages?select=id", "count=exact");
  assert.ok(exact.ok, `exact count: ${exact.status}`);
  const db = sql();
  try {
    const [{ own }] = await db`select count(*)::int own from public.messages m
      where m.chat_id in (select cs.chat_id from public.chat_staff cs where cs.telegram_user_id = 700003)
        and m.id not in (select authz.survey_comment_message_ids())`;
    assert.equal(exact.headers.get("content-range"), `0-0/${own}`);
  } finally {
    await db.end();
  }
});

const token = (grant, body) =>
  fetch(`${SUPABASE_URL}/auth/v1/token?grant_type=${grant}`, {
    method: "POST",
    headers: { apikey: ANON_KEY, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

test("five wrong passwords lock the email out for a while, even with the right password", async () => {
  const db = sql();
  const email = `throttle-${Date.now()}@buhbot.local`;
  try {
    await db`insert into auth.users (id, email, encrypted_password, email_confirmed_at)
      values (extensions.gen_random_uuid(), ${email}, extensions.crypt('right-pass', extensions.gen_salt('bf', 4)), now())`;
    for (let i = 0; i < 5; i++) assert.equal((await token("password", { email, password: `wrong-${i}` })).status, 400);
    const locked = await token("password", { email, password: "right-pass" });
    assert.equal(locked.status, 429);
    assert.equal((await locked.json()).error_code, "over_request_rate_limit");
    assert.equal(
      (await loginAs("observer")).session.user.email,
      "observer@buhbot.local",
      "other emails are not affected",
    );
  } finally {
    await db`delete from auth.users where email = ${email}`;
    await db.end();
  }
});

test("a refresh token replayed after the reuse interval revokes the whole session", async () => {
  const { session } = await loginAs("observer");
  const first = await token("refresh_token", { refresh_token: session.refresh_token });
  assert.equal(first.status, 200);
  const fresh = await first.json();
  const db = sql(); // past GoTrue's 10-second reuse interval, which only forgives tabs refreshing at once
  await db`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = ${session.refresh_token}`;
  await db.end();
  const replay = await token("refresh_token", { refresh_token: session.refresh_token });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).error_code, "refresh_token_already_used");
  const next = await token("refresh_token", { refresh_token: fresh.refresh_token });
  assert.equal(next.status, 400, "the token issued before the replay no longer works either");
  const user = await fetch(`${SUPABASE_URL}/auth/v1/user`, {
    headers: { apikey: ANON_KEY, Authorization: `Bearer ${fresh.access_token}` },
  });
  assert.equal(user.status, 403, "the session is gone");
});
