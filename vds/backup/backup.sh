#!/usr/bin/env bash
# One backup set of BuhBot into $BACKUP_DIR/<UTC timestamp>/:
#   database.dump  pg_dump -Fc of the whole Supabase database ($SUPABASE_DB_URL), readable by restore.sh
#   redis.rdb      a point-in-time snapshot of Redis ($REDIS_URL; optional: only rate-limit state)
#   config.tar.gz  the paths in $BACKUP_CONFIG_PATHS (compose file, nginx/Prometheus/Grafana/Alertmanager
#                  configs, Let's Encrypt), space-separated; optional
#   SHA256SUMS     checksums of the files above, checked by restore.sh before anything is restored
# The set is written under a temporary name and renamed when complete, so a set that exists is whole.
# Only after a successful run are sets older than $BACKUP_RETENTION_DAYS (28) days deleted, and the
# success time is written for node_exporter's textfile collector ($BACKUP_METRICS_DIR, optional), which
# the BackupTooOld alert watches. $BACKUP_PG_DUMP_OPTIONS adds pg_dump options (for example
# --exclude-table-data=cron.job_run_details, or --snapshot=<id> to dump an exported snapshot).
#
# Off the VDS: with $BACKUP_OFFSITE (an rclone destination, e.g. `offsite:buhbot-backups`, the remote
# `offsite` defined by RCLONE_CONFIG_OFFSITE_* variables: an S3-compatible store in Russia) each new set
# is copied there, the copy is checked against the local files' hashes, and sets older than the same
# retention are purged there too (by the UTC timestamp in their names, so a store that rewrites
# modification times keeps them no longer or shorter). A failed copy fails the run: no success is
# recorded, and BackupTooOld pages.
#
# Secrets come only as environment variables (docker-compose.yml passes them from vds/.env): the job
# runs as root without capabilities and cannot read vds/.env itself, which is also why the config
# archive never holds that file.
set -euo pipefail

: "${SUPABASE_DB_URL:?SUPABASE_DB_URL must be the Postgres URL of the Supabase database}"
: "${BACKUP_DIR:?BACKUP_DIR must name the directory that keeps the backup sets}"
RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-28}
[[ $RETENTION_DAYS =~ ^[1-9][0-9]*$ ]] || { echo "BACKUP_RETENTION_DAYS must be a positive integer" >&2; exit 2; }

log() { printf '%s backup: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BACKUP_DIR"
work="$BACKUP_DIR/.partial-$stamp"
final="$BACKUP_DIR/$stamp"
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work"

log "dumping the database"
# shellcheck disable=SC2086 # options are words, by design
pg_dump --format=custom --compress=6 --no-password ${BACKUP_PG_DUMP_OPTIONS:-} --file="$work/database.dump" "$SUPABASE_DB_URL"
# A dump that pg_restore cannot list is no backup.
pg_restore --list "$work/database.dump" >/dev/null

if [ -n "${REDIS_URL:-}" ]; then
  log "snapshotting Redis"
  redis-cli -u "$REDIS_URL" --no-auth-warning --rdb "$work/redis.rdb" >/dev/null
fi

if [ -n "${BACKUP_CONFIG_PATHS:-}" ]; then
  log "archiving configs: $BACKUP_CONFIG_PATHS"
  # shellcheck disable=SC2086 # a space-separated list of paths, by design
  tar --create --gzip --file="$work/config.tar.gz" --absolute-names $BACKUP_CONFIG_PATHS
fi

(cd "$work" && sha256sum -- * > SHA256SUMS)
mv "$work" "$final"
trap - EXIT
size=$(du -sb "$final" | cut -f1)
log "backup set $final complete ($size bytes)"

# Retention: complete sets only (named by their UTC timestamp), and only now that a new one exists.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T[0-9]*Z' -mtime "+$((RETENTION_DAYS - 1))" \
  -print -exec rm -rf {} + | sed 's/^/removed old set /' >&2
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '.partial-*' -mmin +1440 -exec rm -rf {} +

if [ -n "${BACKUP_OFFSITE:-}" ]; then
  dest="${BACKUP_OFFSITE%/}"
  log "copying $stamp to $dest"
  rclone copy --checksum --immutable "$final" "$dest/$stamp"
  rclone check --one-way "$final" "$dest/$stamp"
  cutoff=$(date -u -d "-$RETENTION_DAYS days" +%Y%m%dT%H%M%SZ)
  rclone lsf --dirs-only "$dest" | sed 's:/$::' | grep -E '^[0-9]{8}T[0-9]{6}Z$' | while read -r name; do
    if [[ $name < $cutoff ]]; then
      log "removing old off-site set $name"
      rclone purge "$dest/$name"
    fi
  done
fi

if [ -n "${BACKUP_METRICS_DIR:-}" ]; then
  mkdir -p "$BACKUP_METRICS_DIR"
  tmp="$BACKUP_METRICS_DIR/.buhbot_backup.prom.$$"
  cat > "$tmp" <<PROM
# HELP buhbot_backup_last_success_timestamp_seconds When the last complete backup set was written.
# TYPE buhbot_backup_last_success_timestamp_seconds gauge
buhbot_backup_last_success_timestamp_seconds $(date +%s)
# HELP buhbot_backup_size_bytes Size of the last complete backup set.
# TYPE buhbot_backup_size_bytes gauge
buhbot_backup_size_bytes $size
PROM
  chmod 644 "$tmp"
  mv "$tmp" "$BACKUP_METRICS_DIR/buhbot_backup.prom"
fi
echo "$final"
