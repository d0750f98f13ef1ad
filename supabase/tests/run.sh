#!/usr/bin/env bash
# Runs the pgTAP suite (supabase/tests/database/*.test.sql) against a fresh database on plain
# Postgres, the way `supabase test db` runs it against a Supabase one:
#   1. drop and create the test database (PGTAP_DB_NAME, default portal_pgtap)
#   2. create extension pgtap (in schema extensions, where Supabase keeps it)
#   3. apply supabase/compat/bootstrap.sql, then every supabase/migrations/*.sql in name order,
#      each in one transaction with ON_ERROR_STOP
#   4. pg_prove over the test files, in name order (000_setup first: it creates the helpers)
#   5. scripts/sql-lint.sql (our splinter lints), if present: any finding fails the run
#
# Connection:
#   PGTAP_DATABASE_URL  a URL to the server (e.g. postgres://postgres:pw@localhost:5432/postgres).
#                       Its database is only used to drop/create the test database; that one is
#                       named PGTAP_DB_NAME on the same server. The URL's own database is never dropped.
#   otherwise           the local server over its socket as the postgres OS user (runuser when run
#                       as root), or as whatever PGHOST/PGUSER/PGPORT say when run as another user.
#   PGTAP_VERBOSE=1     print every assertion, not only failures.
#
# Needs postgresql-15-pgtap and pg_prove (libtap-parser-sourcehandler-pgtap-perl); CI installs them.
set -euo pipefail
export LC_ALL=C
# warnings and errors only: the migrations' notices (long policy names truncated to 63 bytes) are noise here
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
db_name="${PGTAP_DB_NAME:-portal_pgtap}"
if [[ ! "$db_name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
  echo "run.sh: PGTAP_DB_NAME must be a plain lowercase identifier, got '$db_name'" >&2
  exit 2
fi

# as_pg CMD ARGS...: run a client program as the right OS user
if [[ -n "${PGTAP_DATABASE_URL:-}" ]]; then
  url="$PGTAP_DATABASE_URL"
  base="${url%%\?*}"
  query=""
  [[ "$url" == *\?* ]] && query="?${url#*\?}"
  rest="${base#*://}"
  if [[ "$rest" == */* ]]; then
    test_db="${base%/*}/${db_name}${query}"
  else
    test_db="${base}/${db_name}${query}"
  fi
  admin_db="$url"
  as_pg() { "$@"; }
elif [[ "$(id -u)" == "0" ]]; then
  admin_db="postgres"
  test_db="$db_name"
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  admin_db="postgres"
  test_db="$db_name"
  as_pg() { "$@"; }
fi

psql_admin() { as_pg psql -X -q -v ON_ERROR_STOP=1 -d "$admin_db" "$@"; }
psql_test() { as_pg psql -X -q -v ON_ERROR_STOP=1 -d "$test_db" "$@"; }

shopt -s nullglob
migrations=("$root"/supabase/migrations/*.sql)
tests=("$root"/supabase/tests/database/*.test.sql)
if (( ${#tests[@]} == 0 )); then
  echo "run.sh: no test files in supabase/tests/database" >&2
  exit 2
fi

echo "# database ${db_name}: recreate"
psql_admin -c "drop database if exists ${db_name} with (force)"
psql_admin -c "create database ${db_name}"

echo "# pgtap"
psql_test <<SQL
create schema if not exists extensions;
create extension pgtap with schema extensions;
-- Supabase puts extensions on the search_path; so do we, for every role in this database
alter database ${db_name} set search_path = "\$user", public, extensions;
SQL

echo "# bootstrap + ${#migrations[@]} migrations"
psql_test -1 -f "$root/supabase/compat/bootstrap.sql"
for m in "${migrations[@]}"; do
  echo "#   $(basename "$m")"
  psql_test -1 -f "$m"
done

echo "# pg_prove: ${#tests[@]} files"
prove_args=(--failures --comments)
[[ "${PGTAP_VERBOSE:-}" == "1" ]] && prove_args=(--verbose)
if [[ -n "${PGTAP_DATABASE_URL:-}" ]]; then
  # pg_prove splits --dbname on '=' (a URL's ?sslmode=... breaks it): hand psql the URL through a wrapper
  psql_wrapper="$(mktemp)"
  trap 'rm -f "$psql_wrapper"' EXIT
  printf '#!/bin/sh\nexec psql -d "$PGTAP_TEST_DB_URL" "$@"\n' > "$psql_wrapper"
  chmod +x "$psql_wrapper"
  export PGTAP_TEST_DB_URL="$test_db"
  prove_args+=(--psql-bin "$psql_wrapper")
else
  prove_args+=(-d "$test_db")
fi
status=0
as_pg pg_prove "${prove_args[@]}" "${tests[@]}" || status=$?

lint="$root/scripts/sql-lint.sql"
if [[ -f "$lint" ]]; then
  echo "# sql-lint"
  findings="$(psql_test -A -t -F ' | ' -f "$lint")"
  if [[ -n "$findings" ]]; then
    echo "$findings"
    echo "# sql-lint: findings above" >&2
    status=1
  else
    echo "# sql-lint: no findings"
  fi
fi

exit "$status"
