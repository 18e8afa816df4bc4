# Shared facts for the lifecycle scripts (sourced, not run).
# The local stack mirrors `supabase start`'s ports; everything runs on loopback and keeps its state under
# $STATE (gitignored). npm test uses its own state dir so it never touches the demo database.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$(realpath -m "${BUHBOT_STATE:-$ROOT/.stack/dev}")"
RUN="$STATE/run"  # <service>.pid for every service of the stack
PGBIN=/usr/lib/postgresql/15/bin
TOOLS="$ROOT/tools/node_modules/.bin"
export PATH="$TOOLS:$ROOT/node_modules/.bin:$PATH"
export SUPABASE_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 DENO_NO_UPDATE_CHECK=1

# BUHBOT_PORT_OFFSET shifts every port (npm test uses +1000, so it runs beside a demo started by npm start).
OFFSET=${BUHBOT_PORT_OFFSET:-0}
PORT_GATEWAY=$((54321 + OFFSET)) PORT_DB=${BUHBOT_DB_PORT:-$((54322 + OFFSET))} PORT_CONSOLE=$((54323 + OFFSET))
PORT_RELAY=$((54324 + OFFSET)) PORT_REST=$((54330 + OFFSET)) PORT_REST_ADMIN=$((54331 + OFFSET))
PORT_AUTH=$((54332 + OFFSET)) PORT_FUNCTIONS=$((54333 + OFFSET)) PORT_REDIS=$((54334 + OFFSET))
PORT_TELEGRAM_FAKE=$((54335 + OFFSET)) PORT_BRIDGE=$((54336 + OFFSET))

DB_URL="postgresql://postgres:postgres@127.0.0.1:$PORT_DB/postgres"

log() { printf '\033[1m[buhbot]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[buhbot] %s\033[0m\n' "$*" >&2; exit 1; }

# Load .env (the user's secrets) and then the generated local keys for whatever .env left unset.
load_env() {
  mkdir -p "$STATE"
  if [ -f "$ROOT/.env" ]; then set -a; . "$ROOT/.env"; set +a; fi
  node "$ROOT/scripts/keys.mjs" "$STATE/keys.env" >/dev/null
  set -a; . "$STATE/keys.env"; set +a
  export SUPABASE_URL="${SUPABASE_URL:-http://127.0.0.1:$PORT_GATEWAY}"
  export SUPABASE_DB_URL="${SUPABASE_DB_URL:-$DB_URL}"
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$PORT_REDIS}"
  # A token of one's own means the real Bot API (unless TELEGRAM_API_ROOT says otherwise); none, the local fake.
  if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then export TELEGRAM_API_ROOT="${TELEGRAM_API_ROOT:-https://api.telegram.org}"; fi
  export TELEGRAM_API_ROOT="${TELEGRAM_API_ROOT:-http://127.0.0.1:$PORT_TELEGRAM_FAKE}"
  export TELEGRAM_BOT_TOKEN="${TELEGRAM_BOT_TOKEN:-123456:LOCAL-demo-token}"
  export TELEGRAM_WEBHOOK_SECRET="${TELEGRAM_WEBHOOK_SECRET:-local-webhook-secret}"
  # Where tests and tools find the local services (never hard-code ports: npm test shifts them).
  export RELAY_URL="http://127.0.0.1:$PORT_RELAY" CONSOLE_URL="http://127.0.0.1:$PORT_CONSOLE"
  export FAKE_TELEGRAM_URL="http://127.0.0.1:$PORT_TELEGRAM_FAKE" REDIS_PORT="$PORT_REDIS"
  export BRIDGE_URL="http://127.0.0.1:$PORT_BRIDGE"
  # How updates reach the webhook: Telegram calls it (webhook, needs a public HTTPS URL) or the polling
  # bridge fetches them (polling). The local fake Bot API is polled: it cannot reach a webhook either.
  if [ -z "${TELEGRAM_UPDATES:-}" ] && uses_fake_telegram; then TELEGRAM_UPDATES=polling; fi
  export TELEGRAM_UPDATES="${TELEGRAM_UPDATES:-webhook}"
  case "$TELEGRAM_UPDATES" in webhook | polling) ;; *) die "TELEGRAM_UPDATES must be webhook or polling, not '$TELEGRAM_UPDATES'" ;; esac
}

# Whether the bot talks to the local fake Bot API (then the console's sandbox is on).
uses_fake_telegram() { [ "$TELEGRAM_API_ROOT" = "http://127.0.0.1:$PORT_TELEGRAM_FAKE" ]; }

# Whether a service of this state dir's stack is running (start.sh and stack.sh ask the same way).
alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# "pid of what listens on a TCP port", empty when free.
port_owner() { ss -Htlnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -1; }
