#!/usr/bin/env bash
# Runs ON the VDS (deploy workflows pipe it over ssh: DEPLOY_SHA=<sha> VDS_PATH=/opt/buhbot bash -s).
# Checks out exactly the approved commit, builds the relay image tagged with it, starts the stack and
# waits for a healthy relay. An unhealthy relay is put back on the previous tag and the run fails.
set -euo pipefail
: "${DEPLOY_SHA:?}" "${VDS_PATH:?}"
cd "$VDS_PATH"
# A hand-edited checkout on the server stops the deploy instead of being overwritten.
git fetch --prune origin
git checkout --detach "$DEPLOY_SHA"
cd vds
previous=$(cat .relay-tag 2>/dev/null || echo latest)
tag=${DEPLOY_SHA:0:12}

relay_state() {
  local id; id=$(docker compose ps -q relay)
  for _ in $(seq 60); do
    state=$(docker inspect --format '{{.State.Health.Status}}' "$id" 2>/dev/null || echo missing)
    [ "$state" = healthy ] && break
    sleep 2
  done
  echo "$state"
}

RELAY_TAG=$tag docker compose build --pull relay backup
RELAY_TAG=$tag docker compose up -d --remove-orphans
state=$(relay_state)
if [ "$state" = healthy ]; then
  echo "$tag" > .relay-tag
  docker compose ps
  exit 0
fi
docker compose logs --tail 50 relay
echo "relay $tag is $state: rolling back to $previous" >&2
RELAY_TAG=$previous docker compose up -d relay
echo "relay $previous is $(relay_state) after the rollback" >&2
exit 1
