#!/usr/bin/env bash
# npm test: installs what is missing, starts a fresh local stack in its own state dir (the demo database
# of `npm start` is never touched), runs every suite, stops what it started, and prints one summary line.
source "$(dirname "$0")/lib.sh"
export BUHBOT_STATE="$ROOT/.stack/test"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/stack.sh" reset >/dev/null
trap 'bash "$ROOT/scripts/stack.sh" down >/dev/null 2>&1 || true' EXIT
started=$(date +%s)
bash "$ROOT/scripts/stack.sh" up
log "stack up in $(( $(date +%s) - started )) s; running the suites"
STATE="$BUHBOT_STATE"; load_env
node "$ROOT/scripts/run-suites.mjs" "$@"
