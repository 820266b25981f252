#!/usr/bin/env bash
# `yarn test:postgres`: the production shape on a real PostgreSQL server. Starts a throwaway
# PostgreSQL (Debian's postgresql; installed when missing and running as root) on a free port
# with its data in a temporary folder, then
#   1. the migration, store and in-process replica tests of the backend plugin on PostgreSQL
#      (and SQLite),
#   2. two backend replicas (test/postgres/backend.ts) against it and the demo cluster
#      (test/postgres/tests), and stops everything (also on failure or Ctrl-C).
# Ends with one line: "tests: N passed, N failed". MODEL_SCALING_PG_KEEP_LOGS=1 keeps the logs.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# Node 22 and Yarn 4 (idempotent; reuses what is installed).
command -v yarn >/dev/null 2>&1 || source "$root/scripts/toolchain.sh"
work="$(mktemp -d -t model-scaling-pg-XXXXXX)"
chmod 755 "$work"
cleanup() {
  "$here/pg.sh" stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

t0=$SECONDS
"$here/pg.sh" start "$work/pg" || { echo "tests: 0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC1091
source "$work/pg/pg.env"
export PGHOST PGPORT PGUSER
t_pg=$((SECONDS - t0))

passed=0
failed=0
count() { # jest --json results file
  local p f
  p=$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests)' "$1" 2>/dev/null || echo 0)
  f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests+r.numRuntimeErrorTestSuites)' "$1" 2>/dev/null || echo 1)
  passed=$((passed + p))
  failed=$((failed + f))
}

# 1. Migrations up and down, the store and two in-process replicas, on PostgreSQL (and SQLite).
t1=$SECONDS
export "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_MAJOR}_CONNECTION_STRING=postgresql://$PGUSER@$PGHOST:$PGPORT/postgres"
(cd "$root/plugins/model-scaling-backend" &&
  yarn backstage-cli package test --watchAll=false --json --outputFile="$work/store.json" \
    src/services/CollectorStore src/services/Collection)
rc1=$?
count "$work/store.json"
t_store=$((SECONDS - t1))

# 2. Two replicas against PostgreSQL and the demo cluster.
t2=$SECONDS
(cd "$root" && node_modules/.bin/jest --config "$here/jest.config.js" --json --forceExit \
  --outputFile="$work/replicas.json" "$@")
rc2=$?
count "$work/replicas.json"
t_replicas=$((SECONDS - t2))

echo "postgres tier: PostgreSQL start ${t_pg}s, store tests ${t_store}s, replica tests ${t_replicas}s"
echo "tests: $passed passed, $failed failed"
[ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ "$failed" = 0 ]
