// Shared helpers for Node integration tests: the running local stack's URLs and keys, and clients.
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import postgres from "postgres";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const need = (name) =>
  process.env[name] ?? (() => {
    throw new Error(`${name} is not set: run the tests with npm test`);
  })();

export const SUPABASE_URL = need("SUPABASE_URL");
export const ANON_KEY = need("SUPABASE_ANON_KEY");
export const SERVICE_KEY = need("SUPABASE_SERVICE_ROLE_KEY");
export const DB_URL = need("SUPABASE_DB_URL");

// Node 20 has no native WebSocket; supabase-js needs one for its realtime client even when unused.
export const client = (key = ANON_KEY) =>
  createClient(SUPABASE_URL, key, {
    realtime: { transport: ws },
    auth: { persistSession: false, autoRefreshToken: false },
  });

export async function loginAs(role, password = `${role}-demo`) {
  const supabase = client();
  const { data, error } = await supabase.auth.signInWithPassword({ email: `${role}@buhbot.local`, password });
  if (error) throw error;
  return { supabase, session: data.session };
}

export const sql = () => postgres(DB_URL, { max: 2, onnotice: () => {} });

// The running stack's services by name (scripts/stack.sh): stop one to see how the rest copes, then bring
// it back with `stack.sh up`, which starts only what is not running.
const STACK_SH = new URL("../../scripts/stack.sh", import.meta.url).pathname;
export function stopService(name) {
  const state = process.env.BUHBOT_STATE ?? new URL("../../.stack/dev", import.meta.url).pathname;
  const pid = Number(readFileSync(`${state}/run/${name}.pid`, "utf8"));
  process.kill(-pid, "SIGTERM"); // its process group, as stack.sh down does
}
export const startServices = () => (execFileSync("bash", [STACK_SH, "up"], { stdio: "ignore" }), true);
