# Sourced by test.sh and bench.sh (not run): their own state dir and ports, what is missing installed, and
# fresh_stack, which starts a fresh local stack and stops it when the caller exits. The demo database of
# `npm start` is never touched, and every port is shifted by 1000 so a demo can keep running beside it.
export BUHBOT_STATE="${BUHBOT_STATE:-$(dirname "${BASH_SOURCE[0]}")/../.stack/test}"
export BUHBOT_PORT_OFFSET="${BUHBOT_PORT_OFFSET:-1000}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/scripts/setup.sh"

fresh_stack() {
  local started
  bash "$ROOT/scripts/stack.sh" reset >/dev/null
  trap 'bash "$ROOT/scripts/stack.sh" down >/dev/null 2>&1 || true' EXIT
  started=$(date +%s)
  bash "$ROOT/scripts/stack.sh" up
  log "stack up in $(($(date +%s) - started)) s"
  load_env
}
