#!/usr/bin/env bash
# `yarn test:cluster`: build the control plane (cached), start it, run the cluster tests in
# test/cluster/tests/ with jest, and stop it again (also on failure or Ctrl-C).
# Arguments go to jest (e.g. a test file name). MODEL_SCALING_CLUSTER_KEEP=1 keeps the cluster
# running afterwards (stop it with test/cluster/stop.sh).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

t0=$SECONDS
"$here/build.sh" || exit $?
t_build=$((SECONDS - t0))

if [ "${MODEL_SCALING_CLUSTER_KEEP:-}" != 1 ]; then
  trap '"$here/stop.sh"' EXIT
fi
t1=$SECONDS
"$here/start.sh" || exit $?
t_start=$((SECONDS - t1))

t2=$SECONDS
results="$(mktemp -t cluster-tests-XXXXXX.json)"
(cd "$root" && node_modules/.bin/jest --config "$here/jest.config.js" --json --outputFile="$results" "$@")
rc=$?
echo "cluster tests: build ${t_build}s, start ${t_start}s, tests $((SECONDS - t2))s (exit $rc)"
# One closing line that CI runners read: "tests: N passed, N failed".
node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`)' "$results" 2>/dev/null ||
  echo "tests: 0 passed, 1 failed"
rm -f "$results"
exit $rc
