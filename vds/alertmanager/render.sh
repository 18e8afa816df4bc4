#!/bin/sh
# Renders alertmanager.yml with the values from the environment (Alertmanager reads none itself) and
# refuses to start with a placeholder left empty or malformed, naming the variable.
#   render.sh <template> <output>   (telegram.tmpl is copied beside the output, where the config names it)
set -eu
fail() { echo "alertmanager: $1" >&2; exit 2; }
TELEGRAM_API_ROOT=${TELEGRAM_API_ROOT:-https://api.telegram.org}
echo "${ALERT_TELEGRAM_BOT_TOKEN:-}" | grep -Eq '^[0-9]+:[A-Za-z0-9_-]+$' \
  || fail "set ALERT_TELEGRAM_BOT_TOKEN in vds/.env (a bot token from @BotFather)"
echo "${ALERT_TELEGRAM_CHAT_ID:-}" | grep -Eq '^-?[0-9]+$' \
  || fail "set ALERT_TELEGRAM_CHAT_ID in vds/.env (the ops chat's numeric id)"
echo "${WATCHDOG_URL:-}" | grep -Eq '^https?://[^"|[:space:]]+$' \
  || fail "set WATCHDOG_URL in vds/.env (the dead-man's switch ping URL)"
echo "$TELEGRAM_API_ROOT" | grep -Eq '^https?://[^"|[:space:]]+$' || fail "TELEGRAM_API_ROOT must be a URL"
# A URL may hold & (special in a sed replacement): escape it, and the delimiter and backslash with it.
esc() { printf '%s' "$1" | sed 's/[&|\\]/\\&/g'; }
sed -e "s|\${TELEGRAM_API_ROOT}|$(esc "$TELEGRAM_API_ROOT")|" \
  -e "s|\${ALERT_TELEGRAM_BOT_TOKEN}|$ALERT_TELEGRAM_BOT_TOKEN|" \
  -e "s|\${ALERT_TELEGRAM_CHAT_ID}|$ALERT_TELEGRAM_CHAT_ID|" \
  -e "s|\${WATCHDOG_URL}|$(esc "$WATCHDOG_URL")|" "$1" > "$2"
cp "$(dirname "$1")/telegram.tmpl" "$(dirname "$2")/telegram.tmpl"
