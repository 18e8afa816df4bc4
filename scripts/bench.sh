#!/usr/bin/env bash
# npm run bench: starts a fresh local stack (see test-stack.sh) and runs every benchmark in tests/bench/
# (*.mjs with node, *.ts with deno). Each writes tests/results/bench-<name>.json and prints a readable
# table; speed and memory targets live here, never in tests.
# Usage: npm run bench [-- name ...]   e.g. npm run bench -- working_time tick
source "$(dirname "$0")/test-stack.sh"
fresh_stack
mkdir -p "$ROOT/tests/results"
status=0
for file in "$ROOT"/tests/bench/*.mjs "$ROOT"/tests/bench/*.ts; do
  [ -e "$file" ] || continue
  name=$(basename "${file%.*}")
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  log "bench: $name"
  case "$file" in
    *.mjs) node "$file" || status=1 ;;
    *.ts) deno run --config "$ROOT/deno.json" --allow-all "$file" || status=1 ;;
  esac
done
exit $status
