// Through the gateway with supabase-js: every demo user logs in with the local auth endpoint and sees
// exactly what the role matrix allows; the anon key reads nothing; sessions refresh and end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { client, loginAs, SERVICE_KEY } from "../lib/stack.mjs";

const ROMASHKA = -1001000000001;

const visible = async (supabase, table, column = "*") => {
  const { data, error } = await supabase.from(table).select(column);
  if (error) return { error: error.code };
  return { count: data.length, rows: data };
};

test("anon key reads nothing", async () => {
  for (const table of ["chats", "chat_staff", "staff", "settings", "audit_log", "outbox"]) {
    const r = await visible(client(), table);
    assert.equal(r.count ?? 0, 0, `${table}: ${JSON.stringify(r)}`);
  }
});

const expected = {
  admin: { chats: "all", staff: 4, audit_log: "some", settings: 1 },
  manager: { chats: "all", staff: 4, audit_log: "some", settings: 1 },
  accountant: { chats: [ROMASHKA], staff: 1, audit_log: 0, settings: 1 },
  observer: { chats: "all", staff: 4, audit_log: "some", settings: 1 },
};

for (const [role, want] of Object.entries(expected)) {
  test(`${role} logs in and sees what the matrix allows`, async () => {
    const { supabase, session } = await loginAs(role);
    assert.ok(session.access_token && session.refresh_token);
    const all = await visible(client(SERVICE_KEY), "chats", "id");
    const chats = await visible(supabase, "chats", "id");
    if (want.chats === "all") assert.equal(chats.count, all.count);
    else assert.deepEqual(chats.rows.map((r) => r.id), want.chats);
    assert.equal((await visible(supabase, "staff")).count, want.staff);
    assert.equal((await visible(supabase, "settings")).count, want.settings);
    const audit = await visible(supabase, "audit_log", "id");
    if (want.audit_log === "some") assert.ok(audit.count > 0);
    else assert.equal(audit.count, want.audit_log);
  });
}

test("an accountant cannot change a chat's SLA settings; a manager can", async () => {
  const acc = (await loginAs("accountant")).supabase;
  const upd = await acc.from("chats").update({ threshold_minutes: 5 }).eq("id", ROMASHKA).select();
  assert.equal(upd.data?.length ?? 0, 0);
  const mgr = (await loginAs("manager")).supabase;
  const ok = await mgr.from("chats").update({ threshold_minutes: 45 }).eq("id", ROMASHKA).select("threshold_minutes");
  assert.equal(ok.error, null);
  assert.equal(ok.data[0].threshold_minutes, 45);
  await mgr.from("chats").update({ threshold_minutes: 60 }).eq("id", ROMASHKA);
  const { data } = await mgr.from("audit_log").select("actor_role, table_name, action").eq("table_name", "chats").eq(
    "action",
    "UPDATE",
  );
  assert.ok(data.some((r) => r.actor_role === "authenticated"), "the change is audited with the acting role");
});

test("wrong password is refused with GoTrue's error", async () => {
  const { error } = await client().auth.signInWithPassword({ email: "admin@buhbot.local", password: "nope" });
  assert.equal(error?.message, "Invalid login credentials");
});

test("refresh rotates the token; sign-out ends the session", async () => {
  const { supabase, session } = await loginAs("manager");
  const { data: refreshed, error } = await supabase.auth.refreshSession();
  assert.equal(error, null);
  assert.notEqual(refreshed.session.refresh_token, session.refresh_token);
  const reuse = await client().auth.refreshSession({ refresh_token: session.refresh_token });
  assert.ok(reuse.error, "the old refresh token is revoked");
  assert.equal((await supabase.auth.getUser()).error, null);
  await supabase.auth.signOut();
  const after = await client().auth.getUser(refreshed.session.access_token);
  assert.ok(after.error, "the access token's session is gone after sign-out");
});
