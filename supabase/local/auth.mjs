// LOCAL ONLY: a small stand-in for Supabase Auth (GoTrue) so supabase-js and the console can log in on a
// machine without Docker. Production uses the real Supabase Auth; nothing here is deployed.
// It speaks the subset of GoTrue's wire format supabase-js needs: password and refresh-token grants,
// GET /user, POST /logout, /health, /settings. Passwords are checked by Postgres (pgcrypto's bcrypt crypt()).
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { jwtVerify, SignJWT } from "jose";

const env = (name) =>
  process.env[name] ?? (() => {
    throw new Error(`auth: ${name} is not set`);
  })();
const sql = postgres(env("AUTH_DB_URL"), { max: 4, onnotice: () => {} });
const key = new TextEncoder().encode(env("JWT_SECRET"));
const TTL = 3600;
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "authorization, apikey, content-type, x-client-info, x-supabase-api-version",
  "Access-Control-Allow-Methods": "GET, POST, PUT, OPTIONS",
};

class AuthError extends Error {
  constructor(status, code, msg) {
    super(msg);
    this.status = status;
    this.code = code;
  }
}

const userJson = (u) => ({
  id: u.id,
  aud: u.aud,
  role: u.role,
  email: u.email,
  phone: u.phone ?? "",
  email_confirmed_at: u.email_confirmed_at,
  confirmed_at: u.email_confirmed_at,
  last_sign_in_at: u.last_sign_in_at,
  app_metadata: u.raw_app_meta_data ?? {},
  user_metadata: u.raw_user_meta_data ?? {},
  identities: [],
  created_at: u.created_at,
  updated_at: u.updated_at,
  is_anonymous: u.is_anonymous,
});

async function session(user, sessionId) {
  const now = Math.floor(Date.now() / 1000);
  const access_token = await new SignJWT({
    email: user.email,
    phone: user.phone ?? "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
  }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setIssuer("http://127.0.0.1:54321/auth/v1")
    .setSubject(user.id).setAudience("authenticated").setIssuedAt(now).setExpirationTime(now + TTL).sign(key);
  const refresh_token = randomBytes(24).toString("base64url");
  await sql`insert into auth.refresh_tokens (token, user_id, session_id) values (${refresh_token}, ${user.id}, ${sessionId})`;
  return {
    access_token,
    token_type: "bearer",
    expires_in: TTL,
    expires_at: now + TTL,
    refresh_token,
    user: userJson(user),
  };
}

// Abuse guards, as Supabase Auth behaves: repeated wrong passwords for one email are throttled (429
// until the window passes, even with the right password), and a refresh token presented a second time
// means it was stolen or replayed, so the whole session is revoked.
const FAILED_LOGIN_LIMIT = 5;
const FAILED_LOGIN_WINDOW_MS = 5 * 60 * 1000;
const REFRESH_REUSE_INTERVAL_S = 10;
const failedLogins = new Map();

function recentFailures(email, now = Date.now()) {
  const kept = (failedLogins.get(email) ?? []).filter((t) => now - t < FAILED_LOGIN_WINDOW_MS);
  if (kept.length) failedLogins.set(email, kept);
  else failedLogins.delete(email);
  return kept;
}

function assertNotThrottled(email) {
  if (recentFailures(email).length >= FAILED_LOGIN_LIMIT) {
    throw new AuthError(429, "over_request_rate_limit", "Request rate limit reached");
  }
}

function recordFailedLogin(email) {
  failedLogins.set(email, [...recentFailures(email), Date.now()]);
}

async function revokeReplayedSession(refreshToken) {
  const [used] = await sql`select session_id from auth.refresh_tokens where token = ${refreshToken} and revoked
    and updated_at < now() - make_interval(secs => ${REFRESH_REUSE_INTERVAL_S})`;
  if (!used) return;
  await sql`delete from auth.sessions where id = ${used.session_id}`;
  throw new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
}

const usable = (u) =>
  u && u.email_confirmed_at && !u.deleted_at && !(u.banned_until && new Date(u.banned_until) > new Date());

async function passwordGrant({ email, password }) {
  if (!email || !password) throw new AuthError(400, "validation_failed", "missing email or password");
  const login = String(email).toLowerCase();
  assertNotThrottled(login);
  const [user] = await sql`select * from auth.users where email = ${login}
    and encrypted_password = extensions.crypt(${password}, encrypted_password)`;
  if (!usable(user)) {
    recordFailedLogin(login);
    throw new AuthError(400, "invalid_credentials", "Invalid login credentials");
  }
  const [s] = await sql`insert into auth.sessions (user_id) values (${user.id}) returning id`;
  await sql`update auth.users set last_sign_in_at = now() where id = ${user.id}`;
  return session(user, s.id);
}

async function refreshGrant({ refresh_token }) {
  const [row] = await sql`update auth.refresh_tokens set revoked = true, updated_at = now()
    where token = ${refresh_token ?? ""} and not revoked returning user_id, session_id`;
  if (!row) await revokeReplayedSession(refresh_token ?? "");
  if (!row) throw new AuthError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
  const [user] = await sql`select * from auth.users where id = ${row.user_id}::uuid`;
  if (!usable(user)) throw new AuthError(400, "user_banned", "User is banned");
  return session(user, row.session_id);
}

async function claimsOf(req) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /i, "");
  try {
    const { payload } = await jwtVerify(token, key);
    if (!payload.session_id) throw new Error("not a user token");
    const [s] = await sql`select 1 from auth.sessions where id = ${payload.session_id}`;
    if (!s) throw new AuthError(403, "session_not_found", "Session from session_id claim in JWT does not exist");
    return payload;
  } catch (e) {
    throw e instanceof AuthError
      ? e
      : new AuthError(401, "bad_jwt", "invalid JWT: unable to parse or verify signature");
  }
}

async function logout(req, scope) {
  const claims = await claimsOf(req);
  if (scope === "global") await sql`delete from auth.sessions where user_id = ${claims.sub}`;
  else if (scope === "others") {
    await sql`delete from auth.sessions where user_id = ${claims.sub} and id <> ${claims.session_id}`;
  } else await sql`delete from auth.sessions where id = ${claims.session_id}`;
  return null;
}

async function route(req, url, body) {
  const path = url.pathname.replace(/\/+$/, "");
  if (req.method === "GET" && path === "/health") return { name: "GoTrue (BuhBot local stand-in)", version: "local" };
  if (req.method === "GET" && path === "/settings") {
    return { external: { email: true }, disable_signup: true, mailer_autoconfirm: false };
  }
  if (req.method === "POST" && path === "/token") {
    const grant = url.searchParams.get("grant_type");
    if (grant === "password") return passwordGrant(body);
    if (grant === "refresh_token") return refreshGrant(body);
    throw new AuthError(400, "unsupported_grant_type", `grant_type ${grant} is not supported locally`);
  }
  if (req.method === "GET" && path === "/user") {
    const claims = await claimsOf(req);
    const [user] = await sql`select * from auth.users where id = ${claims.sub}::uuid`;
    if (!user) throw new AuthError(404, "user_not_found", "User from sub claim in JWT does not exist");
    return userJson(user);
  }
  if (req.method === "POST" && path === "/logout") return logout(req, url.searchParams.get("scope") ?? "global");
  throw new AuthError(404, "not_found", `${req.method} ${path} is not available in the local auth stand-in`);
}

const readBody = async (req) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    throw new AuthError(400, "bad_json", "request body is not valid JSON");
  }
};

createServer(async (req, res) => {
  const headers = { ...CORS, "Content-Type": "application/json", "X-Supabase-Api-Version": "2024-01-01" };
  if (req.method === "OPTIONS") return res.writeHead(204, CORS).end();
  try {
    const result = await route(req, new URL(req.url, "http://local"), await readBody(req));
    if (result === null) return res.writeHead(204, headers).end();
    res.writeHead(200, headers).end(JSON.stringify(result));
  } catch (e) {
    if (!(e instanceof AuthError)) console.error(e);
    const status = e.status ?? 500, code = e.code ?? "unexpected_failure";
    res.writeHead(status, headers).end(JSON.stringify({ code: status, error_code: code, msg: e.message }));
  }
}).listen(Number(env("AUTH_PORT")), "127.0.0.1");
