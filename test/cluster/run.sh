#!/usr/bin/env bash
# `yarn test:cluster`: build the control plane (cached), start it, run the cluster tests in
# test/cluster/tests/ with jest, and stop it again (also on failure or Ctrl-C).
# Arguments go to jest (e.g. a test file name). MODEL_SCALING_CLUSTER_KEEP=1 keeps the cluster
# running afterwards (stop it with test/cluster/stop.sh).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../lib/tier.sh
source "$root/test/lib/tier.sh"

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
tier_jest "$here" "$@"
rc=$?
echo "cluster tests: build ${t_build}s, start ${t_start}s, tests $((SECONDS - t2))s (exit $rc)"
tier_summary
exit $rc
