// LOCAL ONLY: serves every supabase/functions/<name>/index.ts at /<name> (the gateway adds /functions/v1),
// like Supabase's edge-runtime. Importing a function captures the handler it passes to Deno.serve instead
// of listening; requests are routed by the first path segment. verify_jwt is honoured from config.toml.
import { parse } from "smol-toml";
import { jwtVerify } from "jose";

type Handler = (req: Request, info?: unknown) => Response | Promise<Response>;
const root = new URL("../", import.meta.url);
const secret = new TextEncoder().encode(Deno.env.get("JWT_SECRET") ?? "");
const config = parse(await Deno.readTextFile(new URL("config.toml", root))) as {
  functions?: Record<string, { verify_jwt?: boolean }>;
};

// edge-runtime provides EdgeRuntime.waitUntil; here background work simply runs to completion.
(globalThis as Record<string, unknown>).EdgeRuntime ??= { waitUntil: (p: Promise<unknown>) => p.catch(console.error) };

const handlers = new Map<string, Handler>();
let captured: Handler | undefined;
const realServe = Deno.serve;
// deno-lint-ignore no-explicit-any
(Deno as any).serve = (a: unknown, b?: unknown) => {
  captured = (typeof a === "function" ? a : (b ?? (a as { handler: Handler }).handler)) as Handler;
  return { finished: Promise.resolve(), shutdown: () => Promise.resolve(), ref() {}, unref() {}, addr: {} };
};
for await (const entry of Deno.readDir(new URL("functions/", root))) {
  if (!entry.isDirectory || entry.name.startsWith("_")) continue;
  captured = undefined;
  await import(new URL(`functions/${entry.name}/index.ts`, root).href);
  if (!captured) throw new Error(`function ${entry.name} did not call Deno.serve`);
  handlers.set(entry.name, captured);
}
(Deno as unknown as { serve: typeof realServe }).serve = realServe;

const error = (status: number, msg: string) =>
  Response.json({ code: status, message: msg }, { status, headers: { "Access-Control-Allow-Origin": "*" } });

async function authorised(name: string, req: Request): Promise<boolean> {
  if (config.functions?.[name]?.verify_jwt === false) return true;
  const token = (req.headers.get("authorization") ?? "").replace(/^Bearer /i, "");
  try {
    await jwtVerify(token, secret);
    return true;
  } catch {
    return false;
  }
}

realServe(
  { hostname: "127.0.0.1", port: Number(Deno.env.get("FUNCTIONS_PORT") ?? 54333), onListen: () => {} },
  async (req) => {
    const url = new URL(req.url);
    const name = url.pathname.split("/")[1];
    if (name === "_health") return new Response("ok");
    const handler = handlers.get(name);
    if (!handler) return error(404, `Function not found: ${name}`);
    if (!(await authorised(name, req))) return error(401, "Invalid JWT");
    return handler(req);
  },
);
