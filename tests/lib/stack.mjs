// Shared helpers for Node integration tests: the running local stack's URLs and keys, and clients.
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import postgres from "postgres";

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
