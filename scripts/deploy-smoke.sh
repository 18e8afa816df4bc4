#!/usr/bin/env bash
# After a deploy (both workflows): the webhook answers 405 to a GET that carries the right secret (so the
# function runs and has its secret), the relay's /health is ok through nginx, the console is served.
# Usage: WEBHOOK_URL=… TELEGRAM_WEBHOOK_SECRET=… DOMAIN=… bash scripts/deploy-smoke.sh
set -uo pipefail
: "${WEBHOOK_URL:?}" "${TELEGRAM_WEBHOOK_SECRET:?}" "${DOMAIN:?}"
failed=0
status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Telegram-Bot-Api-Secret-Token: $TELEGRAM_WEBHOOK_SECRET" "$WEBHOOK_URL")
[ "$status" = 405 ] || { echo "::error::GET $WEBHOOK_URL with the secret answered $status, not 405"; failed=1; }
for _ in $(seq 30); do
  health=$(curl -fsS "https://$DOMAIN/health" | jq -r '.status' 2>/dev/null)
  [ "$health" = ok ] && break
  sleep 2
done
[ "$health" = ok ] || { echo "::error::https://$DOMAIN/health is ${health:-unreachable}, not ok"; failed=1; }
curl -fsS -o /dev/null "https://$DOMAIN/console/" || { echo "::error::https://$DOMAIN/console/ is not served"; failed=1; }
[ $failed = 0 ] && echo "smoke test: webhook 405, relay ok, console served"
exit $failed
