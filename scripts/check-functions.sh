#!/usr/bin/env bash
# `deno check` of every Edge Function the way Supabase bundles it: a copy of the function and _shared in an
# empty directory (no root deno.json, package.json or node_modules), with only the function's own
# deno.json and its lockfile (--frozen: a lockfile out of date with deno.json fails too).
# Prints "ok <name>" or "FAILED <name>" followed by deno's output; exit 1 when any failed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DENO="$ROOT/tools/node_modules/.bin/deno"
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
failed=0
for dir in "$ROOT"/supabase/functions/*/; do
  name=$(basename "$dir")
  case "$name" in _*) continue ;; esac
  rm -rf "$work/functions" && mkdir -p "$work/functions"
  cp -r "$ROOT/supabase/functions/_shared" "$dir" "$work/functions/"
  if out=$(cd "$work" && NO_COLOR=1 "$DENO" check --quiet --frozen --config "functions/$name/deno.json" \
      "functions/$name/index.ts" 2>&1); then
    echo "ok $name"
  else
    echo "FAILED $name"; printf '%s\n' "$out" | sed 's/^/  /'; failed=1
  fi
done
exit $failed
