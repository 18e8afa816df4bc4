#!/usr/bin/env bash
# npm start: installs what is missing, starts the whole local stack with demo data, prints how to use it,
# and stays in the foreground until Ctrl-C, which stops everything it started.
source "$(dirname "$0")/lib.sh"
if alive nginx; then
  die "BuhBot is already running (gateway http://127.0.0.1:$PORT_GATEWAY). Use it, or stop it with 'npm run stop'."
fi
started=$(date +%s)
bash "$ROOT/scripts/setup.sh"
trap 'echo; bash "$ROOT/scripts/stack.sh" down; exit 0' INT TERM
bash "$ROOT/scripts/stack.sh" up || { bash "$ROOT/scripts/stack.sh" down >/dev/null 2>&1; exit 1; }
load_env
sandbox="off: the bot uses $TELEGRAM_API_ROOT, not the local fake"
if uses_fake_telegram; then
  psql -q -v ON_ERROR_STOP=1 "$DB_URL" -f "$ROOT/supabase/local/sandbox.sql" >/dev/null || die "could not add the sandbox's demo chat"
  sandbox="http://127.0.0.1:$PORT_CONSOLE/#/sandbox   (log in as admin or manager; follow the steps on the page)"
fi
bridge="webhook (Telegram calls POST /functions/v1/telegram-webhook; set it with setWebhook)"
[ "$TELEGRAM_UPDATES" = polling ] && bridge="polling bridge $BRIDGE_URL/health  /metrics  (getUpdates → webhook function)"
cat <<INFO

  BuhBot local stack is up ($(( $(date +%s) - started )) s)

  Gateway (Supabase API)  $SUPABASE_URL   (/rest/v1, /auth/v1, /functions/v1/telegram-webhook)
  Postgres                $DB_URL
  Console                 http://127.0.0.1:$PORT_CONSOLE
  Sandbox                 $sandbox
  Relay                   http://127.0.0.1:$PORT_RELAY/health  /metrics
  Updates                 $bridge
  Telegram Bot API        $TELEGRAM_API_ROOT$( [ "$TELEGRAM_API_ROOT" = "http://127.0.0.1:$PORT_TELEGRAM_FAKE" ] && echo "   (local fake: GET /_calls shows what the bot sent)")

  anon key          $SUPABASE_ANON_KEY
  service_role key  $SUPABASE_SERVICE_ROLE_KEY
  webhook secret    $TELEGRAM_WEBHOOK_SECRET

  Demo logins (console):
    admin@buhbot.local       admin-demo
    manager@buhbot.local     manager-demo
    accountant@buhbot.local  accountant-demo
    observer@buhbot.local    observer-demo

  Logs: ${STATE#$ROOT/}/log/    Stop: Ctrl-C here, or 'npm run stop' from another terminal.
INFO
# Stay in the foreground while the stack runs; leave when it is stopped elsewhere (npm run stop).
while alive nginx; do sleep 1 & wait $!; done
log "the stack was stopped elsewhere"
