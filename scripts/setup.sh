#!/usr/bin/env bash
# Installs what the local stack and the tests need, idempotently: Debian packages when absent,
# npm packages when the lockfiles changed, Deno's npm cache for the Edge Functions.
source "$(dirname "$0")/lib.sh"

APT_PACKAGES=(postgresql-15 postgresql-15-cron postgresql-15-pgtap postgresql-15-plpgsql-check
  libtap-parser-sourcehandler-pgtap-perl nginx-light redis-server prometheus prometheus-node-exporter
  prometheus-redis-exporter prometheus-alertmanager chromium docker-compose iproute2 rclone)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] && SUDO="" || SUDO="sudo"
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # Services installed by apt stay stopped: the project runs its own instances on loopback.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm only when a manifest or lockfile is newer than the last install (warm runs cost nothing).
npm_install() { # dir, npm command...
  local dir=$1 stamp="$1/node_modules/.buhbot-installed"; shift
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ]; then
    log "npm $* in ${dir#$ROOT/}"
    (cd "$dir" && npm "$@" --no-audit --no-fund --loglevel=error) && touch "$stamp"
  fi
}
npm_install "$ROOT" ci
# tools/ holds platform binaries: `npm ci` refuses any lockfile npm can write for them (some other platforms'
# optional packages do not resolve from the registry) and a plain `npm install` rewrites the tracked one.
# --no-save installs from the lockfile and leaves it untouched; tools/package.json pins exact versions anyway.
npm_install "$ROOT/tools" install --no-save
[ -f "$ROOT/admin/package.json" ] && npm_install "$ROOT/admin" ci

# Deno resolves npm: imports into node_modules beside each deno.json; do it now, not on the first request.
deno install --quiet --config "$ROOT/deno.json" >/dev/null 2>&1 || deno install --config "$ROOT/deno.json"
