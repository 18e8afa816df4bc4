#!/usr/bin/env bash
# npm test: installs what is missing, starts a fresh local stack (see test-stack.sh), runs the suites, stops
# what it started, and prints one summary line. Usage: npm test [-- suite ...]   e.g. npm test -- static pgtap
source "$(dirname "$0")/test-stack.sh"
# The static checks alone need no stack.
if node "$ROOT/scripts/run-suites.mjs" --needs-stack "$@"; then fresh_stack; fi
node "$ROOT/scripts/run-suites.mjs" "$@"
