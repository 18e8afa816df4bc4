#!/usr/bin/env bash
# npm test: installs what is missing, starts a fresh local stack in its own state dir (the demo database
# of `npm start` is never touched), runs every suite, stops what it started, and prints one summary line.
# Ports are shifted by 1000 so a demo started by `npm start` can keep running.
export BUHBOT_STATE="${BUHBOT_STATE:-$(dirname "$0")/../.stack/test}" BUHBOT_PORT_OFFSET="${BUHBOT_PORT_OFFSET:-1000}"
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/stack.sh" reset >/dev/null
trap 'bash "$ROOT/scripts/stack.sh" down >/dev/null 2>&1 || true' EXIT
started=$(date +%s)
bash "$ROOT/scripts/stack.sh" up
log "stack up in $(( $(date +%s) - started )) s; running the suites"
load_env
node "$ROOT/scripts/run-suites.mjs" "$@"
