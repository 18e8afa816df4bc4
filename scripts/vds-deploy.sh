#!/usr/bin/env bash
# From a deploy workflow: update the VDS to $SHA (scripts/vds-update.sh runs there, with its rollback) and
# put the console build (admin/dist) in place atomically. Needs VDS_HOST, VDS_USER, VDS_PATH and the key
# in ~/.ssh/id_deploy with the host pinned in ~/.ssh/known_hosts.
set -euo pipefail
: "${SHA:?}" "${VDS_HOST:?}" "${VDS_USER:?}" "${VDS_PATH:?}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ssh=(ssh -i "$HOME/.ssh/id_deploy" -o BatchMode=yes "$VDS_USER@$VDS_HOST")
"${ssh[@]}" "DEPLOY_SHA=$SHA VDS_PATH=$VDS_PATH bash -s" < "$ROOT/scripts/vds-update.sh"
tar -C "$ROOT/admin/dist" -cz . | "${ssh[@]}" "set -e; cd '$VDS_PATH/vds'; rm -rf console.new; mkdir console.new;
  tar -C console.new -xz; rm -rf console.old; [ ! -d console ] || mv console console.old; mv console.new console"
