// The VDS nginx config, run for real: Debian's nginx loads vds/nginx/nginx.conf and the rendered site
// template with a self-signed certificate. Only what cannot exist here is rewritten: absolute paths go
// to a temp dir, ports 80/443 to free loopback ports, and the upstream names (Docker's DNS) to the local
// relay and to a port where nothing listens in place of Grafana.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, RELAY_URL, run, start, VDS, waitFor } from "../lib/vds.mjs";

const DOMAIN = "bot.example.test";
const SUPABASE = "https://abcdefgh.supabase.co";
let dir, nginx, http, https, cert;

function renderConfig(tmp, { httpPort, httpsPort, relay, grafana }) {
  const paths = (text) =>
    text
      .replaceAll("/etc/letsencrypt/", `${tmp}/letsencrypt/`)
      .replaceAll("/var/www/certbot", `${tmp}/www`)
      .replaceAll("/var/cache/nginx/", `${tmp}/cache/`)
      .replaceAll("/var/log/nginx/", `${tmp}/`)
      .replaceAll("/usr/share/nginx/console/", `${tmp}/console/`);
  let site = readFileSync(join(VDS, "nginx/templates/buhbot.conf.template"), "utf8");
  // `http2 on;` is nginx 1.25.1+ (the image); Debian's older nginx takes the same as a listen flag.
  if (!nginxHasHttp2Directive()) {
    site = site.replace(/\n\s*http2 on;/g, "").replace(/listen 443 ssl/g, "listen 443 ssl http2");
  }
  site = site
    .replaceAll("${DOMAIN}", DOMAIN)
    .replaceAll("${SUPABASE_URL}", SUPABASE)
    .replace(/listen 80 /g, `listen 127.0.0.1:${httpPort} `)
    .replace(/listen 443 /g, `listen 127.0.0.1:${httpsPort} `)
    .replace("set $relay relay:54324;", `set $relay ${relay};`)
    .replace("set $grafana grafana:3000;", `set $grafana ${grafana};`);
  mkdirSync(join(tmp, "conf.d"));
  writeFileSync(join(tmp, "conf.d/buhbot.conf"), paths(site));
  writeFileSync(join(tmp, "nginx.conf"), paths(readFileSync(join(VDS, "nginx/nginx.conf"), "utf8")));
  copyFileSync(join(VDS, "nginx/proxy_grafana.conf"), join(tmp, "proxy_grafana.conf"));
  copyFileSync(join(VDS, "nginx/security_headers.conf"), join(tmp, "security_headers.conf"));
  copyFileSync("/etc/nginx/mime.types", join(tmp, "mime.types"));
}

function nginxHasHttp2Directive() {
  const [major, minor, patch] = run("nginx", ["-v"]).out.match(/nginx\/(\d+)\.(\d+)\.(\d+)/).slice(1).map(Number);
  return major > 1 || minor > 25 || (minor === 25 && patch >= 1);
}

function selfSignedCert(tmp) {
  const live = join(tmp, `letsencrypt/live/${DOMAIN}`);
  mkdirSync(live, { recursive: true });
  const r = run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    `/CN=${DOMAIN}`,
    "-addext",
    `subjectAltName=DNS:${DOMAIN}`,
    "-keyout",
    join(live, "privkey.pem"),
    "-out",
    join(live, "fullchain.pem"),
  ]);
  assert.equal(r.status, 0, r.out);
  return readFileSync(join(live, "fullchain.pem"));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "buhbot-nginx-"));
  chmodSync(dir, 0o755); // nginx's workers (nobody) serve the challenge file from here
  [http, https] = [await freePort(), await freePort()];
  cert = selfSignedCert(dir);
  mkdirSync(join(dir, "cache"));
  mkdirSync(join(dir, "www/.well-known/acme-challenge"), { recursive: true });
  writeFileSync(join(dir, "www/.well-known/acme-challenge/token-123"), "token-123.key");
  // A console build as deploy.yml leaves it (vite build --base /console/).
  mkdirSync(join(dir, "console/assets"), { recursive: true });
  writeFileSync(
    join(dir, "console/index.html"),
    '<script type="module" src="/console/assets/index-Ab12Cd34.js"></script>',
  );
  writeFileSync(join(dir, "console/assets/index-Ab12Cd34.js"), "console.log('buhbot')");
  renderConfig(dir, {
    httpPort: http,
    httpsPort: https,
    relay: new URL(RELAY_URL).host,
    grafana: `127.0.0.1:${await freePort()}`,
  });
});

after(async () => {
  await nginx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const nginxArgs = () => ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", "stderr"];

function get(path, { tls = true, method = "GET", host = DOMAIN } = {}) {
  return new Promise((resolve, reject) => {
    const opts = { host: "127.0.0.1", port: tls ? https : http, path, method, headers: { host }, agent: false };
    const req = (tls ? httpsRequest : httpRequest)(tls ? { ...opts, servername: DOMAIN, ca: cert } : opts, (res) => {
      let body = "";
      res.on("data", (d) => (body += d)).on(
        "end",
        () => resolve({ status: res.statusCode, headers: res.headers, body }),
      );
    });
    req.on("error", reject).end();
  });
}

test("nginx -t accepts the config", () => {
  const r = run("nginx", ["-t", ...nginxArgs()]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /test is successful/);
});

test("nginx starts with the config and answers on both ports", async () => {
  nginx = start("nginx", [...nginxArgs(), "-g", "daemon off;"]);
  await waitFor(() => get("/nginx-health", { tls: false }).then((r) => r.status === 200), {
    what: `nginx\n${nginx.output()}`,
  });
});

test("plain HTTP redirects to HTTPS, except Let's Encrypt's challenge", async () => {
  const redirect = await get("/grafana/d/x?from=now-1h", { tls: false });
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, `https://${DOMAIN}/grafana/d/x?from=now-1h`);
  const challenge = await get("/.well-known/acme-challenge/token-123", { tls: false });
  assert.equal(challenge.status, 200);
  assert.equal(challenge.body, "token-123.key");
});

test("HTTPS answers carry HSTS and the security headers, and hide nginx's version", async () => {
  for (const path of ["/health", "/nowhere", "/grafana/"]) {
    const { headers } = await get(path);
    assert.match(headers["strict-transport-security"], /max-age=31536000; includeSubDomains/, path);
    assert.equal(headers["x-content-type-options"], "nosniff", path);
    assert.equal(headers["x-frame-options"], "SAMEORIGIN", path);
    assert.equal(headers["referrer-policy"], "strict-origin-when-cross-origin", path);
    assert.equal(headers.server, "nginx", path);
  }
});

test("the relay's /health is public with its status alone; its /metrics is not public", async () => {
  const health = await get("/health");
  assert.equal(health.status, 200, health.body);
  const body = JSON.parse(health.body);
  assert.deepEqual(Object.keys(body), ["status"]);
  assert.match(body.status, /^(ok|degraded)$/);
  const metrics = await get("/metrics");
  assert.equal(metrics.status, 404);
  assert.doesNotMatch(metrics.body, /buhbot_/);
  assert.equal((await get("/health", { method: "POST" })).status, 403);
});

test("Grafana lives under /grafana/ (here unreachable, so 502)", async () => {
  const bare = await get("/grafana");
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, "/grafana/");
  assert.equal((await get("/grafana/api/health")).status, 502);
});

test("a TLS handshake for another name is refused", async () => {
  const outcome = await new Promise((resolve) => {
    const socket = connect({
      host: "127.0.0.1",
      port: https,
      servername: "other.example.test",
      rejectUnauthorized: false,
    });
    socket.once("secureConnect", () => (socket.destroy(), resolve("connected")));
    socket.once("error", (e) => resolve(e.message));
  });
  assert.match(outcome, /unrecognized name/i);
});

test("a burst on /health is rate limited with 429", async () => {
  const statuses = await Promise.all(Array.from({ length: 40 }, () => get("/health").then((r) => r.status)));
  assert.ok(statuses.includes(200), `no request passed: ${statuses}`);
  assert.ok(statuses.includes(429), `no request was limited: ${statuses}`);
  assert.deepEqual([...new Set(statuses)].filter((s) => s !== 200 && s !== 429), []);
});

test("the console: the page is revalidated, hashed assets cached for a year, both under the CSP", async () => {
  const bare = await get("/console");
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, "/console/");
  const page = await get("/console/");
  assert.equal(page.status, 200);
  assert.match(page.body, /index-Ab12Cd34\.js/);
  assert.equal(page.headers["cache-control"], "no-cache");
  const asset = await get("/console/assets/index-Ab12Cd34.js");
  assert.equal(asset.status, 200);
  assert.match(asset.headers["content-type"], /javascript/);
  assert.equal(asset.headers["cache-control"], "public, max-age=31536000, immutable");
  for (const { headers } of [page, asset]) {
    const csp = headers["content-security-policy"];
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, new RegExp(`connect-src 'self' ${SUPABASE};`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(headers["strict-transport-security"], /max-age=31536000/, "the site's headers stay on");
    assert.equal(headers["x-content-type-options"], "nosniff");
  }
  assert.equal((await get("/console/assets/missing-123.js")).status, 404);
});

// What a client agrees with nginx: the TLS version (the default server decides it) and the HTTP version.
const handshake = (opts) =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: https, servername: DOMAIN, ca: cert, ...opts });
    socket.once("secureConnect", () => {
      resolve({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol });
      socket.destroy();
    });
    socket.once("error", (e) => resolve({ error: e.message }));
  });

test("TLS 1.3 and 1.2 are accepted, older versions refused, and HTTP/2 is offered", async () => {
  assert.deepEqual(await handshake({ minVersion: "TLSv1.3", ALPNProtocols: ["h2", "http/1.1"] }), {
    protocol: "TLSv1.3",
    alpn: "h2",
  });
  assert.equal((await handshake({ minVersion: "TLSv1.2", maxVersion: "TLSv1.2" })).protocol, "TLSv1.2");
  const old = await handshake({ minVersion: "TLSv1", maxVersion: "TLSv1.1" });
  assert.ok(old.error, `TLS 1.1 was accepted: ${JSON.stringify(old)}`);
});
