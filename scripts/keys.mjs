// Writes the local JWT secret and the anon / service_role API keys (HS256 JWTs, as Supabase mints them)
// to the given env file, once. Values already present in the environment (from .env) win, so a real
// project's keys are never overwritten.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";

const file = process.argv[2];
if (!file) throw new Error("usage: node scripts/keys.mjs <env-file>");

const stored = existsSync(file)
  ? Object.fromEntries(readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)))
  : {};
const secret = process.env.JWT_SECRET ?? stored.JWT_SECRET ?? randomBytes(32).toString("hex");
if (secret.length < 32) throw new Error("JWT_SECRET must be at least 32 characters");

const key = new TextEncoder().encode(secret);
const mint = (role) =>
  new SignJWT({ role, iss: "supabase-local" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("10y")
    .sign(key);

const fresh = stored.JWT_SECRET !== secret;
const values = {
  JWT_SECRET: secret,
  SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY ?? (fresh ? await mint("anon") : stored.SUPABASE_ANON_KEY),
  SUPABASE_SERVICE_ROLE_KEY: process.env.SUPABASE_SERVICE_ROLE_KEY ??
    (fresh ? await mint("service_role") : stored.SUPABASE_SERVICE_ROLE_KEY),
};
writeFileSync(file, Object.entries(values).map(([k, v]) => `${k}=${v}`).join("\n") + "\n", { mode: 0o600 });
