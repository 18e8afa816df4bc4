#!/usr/bin/env bash
# Restores the database of one backup set (made by backup.sh) into a Supabase database:
#   restore.sh <backup set dir> <target Postgres URL>
# The target must already have Supabase's platform layer (roles anon/authenticated/service_role, the
# auth schema, extensions): a new Supabase project, a self-hosted Supabase, or locally a cluster with
# supabase/local/bootstrap.sql applied. Its public schema must hold no tables: this never merges.
#
# What is restored, from the custom-format dump, in one transaction (all or nothing):
#   * every application schema (public, sla, authz, relay, supabase_migrations, ...) with its tables,
#     data, functions, policies, grants and triggers;
#   * only the DATA of the platform-owned auth schema (users, identities, sessions, ...) and of cron
#     (the pg_cron jobs): their tables belong to Supabase and already exist in the target;
#   * extensions the application created (CREATE EXTENSION IF NOT EXISTS).
# Skipped: every other platform schema (storage, realtime, vault, ...), comments on extensions,
# publications and event triggers, which the platform owns; and, as Supabase CLI's dumps skip them,
# the rows of auth.schema_migrations and default privileges FOR ROLE supabase_admin. The target's
# postgres is not a superuser (as on Supabase): it needs SET on session_replication_role, which
# Supabase grants it.
# Redis and the config archive are restored by hand (docs/restore.md).
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: restore.sh <backup set dir> <target Postgres URL>" >&2; exit 2; }
set_dir=$1 target=$2
dump="$set_dir/database.dump"
log() { printf '%s restore: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
psql_target() { psql --no-psqlrc --no-password -X -v ON_ERROR_STOP=1 -At "$target" "$@"; }

[ -f "$dump" ] || { echo "no database.dump in $set_dir" >&2; exit 2; }
log "checking checksums"
(cd "$set_dir" && sha256sum --check --quiet SHA256SUMS)

log "checking the target"
ready=$(psql_target -c "select (select count(*) from pg_roles where rolname in ('anon','authenticated','service_role')) = 3
  and exists (select from pg_namespace where nspname = 'auth')")
[ "$ready" = t ] || { echo "the target lacks Supabase's roles or auth schema: restore into a Supabase database" >&2; exit 1; }
tables=$(psql_target -c "select count(*) from pg_tables where schemaname = 'public'")
[ "$tables" = 0 ] || { echo "the target's public schema already has $tables tables: restore into an empty project" >&2; exit 1; }

list=$(mktemp)
trap 'rm -f "$list"' EXIT
pg_restore --list "$dump" | awk '
  BEGIN {
    n = split("auth storage extensions graphql graphql_public realtime _realtime supabase_functions pgbouncer " \
              "pgsodium pgsodium_masks vault net cron _analytics", p, " ")
    for (i = 1; i <= n; i++) platform[p[i]] = 1
    data_only["auth"] = 1; data_only["cron"] = 1
    # pg_dump object types of more than one word; the schema is the word after the type.
    m = split("TABLE DATA|SEQUENCE SET|SEQUENCE OWNED BY|FK CONSTRAINT|CHECK CONSTRAINT|ROW SECURITY|" \
              "DEFAULT ACL|EVENT TRIGGER|MATERIALIZED VIEW DATA|MATERIALIZED VIEW|FOREIGN TABLE|" \
              "FOREIGN DATA WRAPPER|PUBLICATION TABLES IN SCHEMA|PUBLICATION TABLE|INDEX ATTACH|" \
              "TABLE ATTACH|OPERATOR CLASS|OPERATOR FAMILY|TEXT SEARCH CONFIGURATION|" \
              "TEXT SEARCH DICTIONARY|TEXT SEARCH PARSER|TEXT SEARCH TEMPLATE|USER MAPPING|" \
              "LARGE OBJECT|PROCEDURAL LANGUAGE|ACCESS METHOD|SECURITY LABEL", multi, "|")
  }
  /^;/ || NF == 0 { next }
  {
    rest = $0; sub(/^[0-9]+; [0-9]+ [0-9]+ /, "", rest)
    type = ""
    for (i = 1; i <= m; i++) if (index(rest, multi[i] " ") == 1 && length(multi[i]) > length(type)) type = multi[i]
    if (type == "") { type = rest; sub(/ .*/, "", type) }
    after = substr(rest, length(type) + 2)
    schema = after; sub(/ .*/, "", schema)
    split(substr(after, length(schema) + 2), w, " ")   # w[1] = name (or SCHEMA/EXTENSION for comments, ACLs)
    # What Supabase CLI leaves out of its dumps: rows every project already has (the GoTrue migration
    # history) and the default privileges of the platform superuser, which postgres may not set.
    if ((schema == "auth" && w[1] == "schema_migrations") || (type == "DEFAULT ACL" && $NF == "supabase_admin")) {
      keep = 0
    } else if (schema == "-") {
      if (type == "SCHEMA") keep = !(w[1] in platform) && w[1] != "public"
      else if ((type == "COMMENT" || type == "ACL") && w[1] == "SCHEMA") keep = !(w[2] in platform) && w[2] != "public"
      else if (type == "COMMENT" && w[1] == "EXTENSION") keep = 0
      else keep = type != "PUBLICATION" && type != "EVENT TRIGGER"
    } else if (schema in platform) {
      keep = (schema in data_only) && (type == "TABLE DATA" || type == "SEQUENCE SET")
    } else keep = 1
    if (keep) print
  }' > "$list"

log "restoring $(wc -l < "$list") objects from $dump"
# The auth tables exist in the target with their foreign keys, and the dump lists their data
# alphabetically (refresh_tokens before sessions): replica mode skips the FK triggers while the
# consistent snapshot is copied in, as Supabase's own restore guide does. The application's foreign
# keys are created after the data and so are still checked.
PGOPTIONS="${PGOPTIONS:-} -c session_replication_role=replica" pg_restore --dbname="$target" --use-list="$list" --single-transaction --exit-on-error --no-password "$dump"
log "restored; tables in public: $(psql_target -c "select count(*) from pg_tables where schemaname = 'public'")"
