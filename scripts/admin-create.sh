#!/usr/bin/env bash
# npm run admin:create -- admin@firm.ru: against the project named by SUPABASE_URL and its service key when
# they are set, otherwise against the local stack (its generated keys).
source "$(dirname "$0")/lib.sh"
if [ -z "${SUPABASE_URL:-}" ] || [ -z "${SUPABASE_SECRET_KEY:-}${SUPABASE_SERVICE_ROLE_KEY:-}" ]; then load_env; fi
exec node "$ROOT/scripts/admin-create.mjs" "$@"
