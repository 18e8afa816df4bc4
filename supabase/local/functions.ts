// LOCAL ONLY: serves every supabase/functions/<name>/index.ts at /<name> (the gateway adds /functions/v1),
// like Supabase's edge-runtime. Each function runs in its own Deno process with only its own deno.json
// and lockfile (--frozen), as Supabase deploys it, so an import missing from that file fails here first.
// This process routes by the first path segment and honours verify_jwt from config.toml.
import { parse } from "smol-toml";
import { jwtVerify } from "jose";

const root = new URL("../", import.meta.url);
const secret = new TextEncoder().encode(Deno.env.get("JWT_SECRET") ?? "");
const config = parse(await Deno.readTextFile(new URL("config.toml", root))) as {
  functions?: Record<string, { verify_jwt?: boolean }>;
};

// Starts one function and resolves with the port it listens on (Deno.serve's default address is moved to
// an ephemeral loopback port by DENO_SERVE_ADDRESS; the port is read from its "Listening on" line).
async function start(name: string): Promise<number> {
  const dir = new URL(`functions/${name}/`, root);
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run", // not --quiet: that would silence the "Listening on" line
      "--frozen",
      "--config",
      new URL("deno.json", dir).pathname,
      "--preload",
      new URL("local/edge_runtime.ts", root).pathname,
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-sys",
      new URL("index.ts", dir).pathname,
    ],
    env: { DENO_SERVE_ADDRESS: "tcp:127.0.0.1:0" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let found: (port: number) => void;
  const port = new Promise<number>((resolve) => found = resolve);
  const relay = async (stream: ReadableStream<Uint8Array>, out: typeof Deno.stdout) => {
    for await (const line of stream.pipeThrough(new TextDecoderStream()).pipeThrough(lines())) {
      const listening = /Listening on https?:\/\/[^:]+:(\d+)/.exec(line);
      if (listening) found(Number(listening[1]));
      else await out.write(new TextEncoder().encode(`${line}\n`));
    }
  };
  relay(child.stdout, Deno.stdout);
  relay(child.stderr, Deno.stderr);
  const exited = child.status.then((s) => {
    throw new Error(`function ${name} exited with code ${s.code}`);
  });
  return await Promise.race([port, exited]);
}

function lines(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, out) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      parts.forEach((p) => out.enqueue(p));
    },
    flush(out) {
      if (rest) out.enqueue(rest);
    },
  });
}

const ports = new Map<string, number>();
const names: string[] = [];
for await (const entry of Deno.readDir(new URL("functions/", root))) {
  if (entry.isDirectory && !entry.name.startsWith("_")) names.push(entry.name);
}
await Promise.all(names.map(async (name) => ports.set(name, await start(name))));

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

Deno.serve(
  { hostname: "127.0.0.1", port: Number(Deno.env.get("FUNCTIONS_PORT") ?? 54333), onListen: () => {} },
  async (req) => {
    const url = new URL(req.url);
    const name = url.pathname.split("/")[1];
    if (name === "_health") return new Response("ok");
    const port = ports.get(name);
    if (!port) return error(404, `Function not found: ${name}`);
    if (!(await authorised(name, req))) return error(401, "Invalid JWT");
    try {
      return await fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        redirect: "manual",
      });
    } catch (e) {
      return error(503, `function ${name} is not answering: ${(e as Error).message}`);
    }
  },
);
