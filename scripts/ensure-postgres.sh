#!/usr/bin/env bash
# Make sure the local PostgreSQL server is up and has the boardapp role and the named
# database (default boardapp). Safe to run again. With --no-database, only the server and
# the role: for callers that create their database themselves (scripts/loadtest.py).
set -euo pipefail
DB="${1:-boardapp}"
PGHOST=127.0.0.1
PGPORT=5432
if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q; then
    # A second start of a running cluster exits 2; that is fine.
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -n | tail -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h "$PGHOST" -p "$PGPORT" -q && break; sleep 1; done
fi
psql -h "$PGHOST" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q <<'SQL'
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'boardapp') THEN
        CREATE ROLE boardapp LOGIN PASSWORD 'boardapp' CREATEDB;
    END IF;
END
$$;
SQL
[ "$DB" = "--no-database" ] && exit 0
psql -h "$PGHOST" -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || psql -h "$PGHOST" -p "$PGPORT" -U postgres -q -c "CREATE DATABASE \"$DB\" OWNER boardapp"
