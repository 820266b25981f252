#!/usr/bin/env bash
# `yarn test:triton`: install (cached) and start the real Triton Inference Server (PyTriton),
# run the tests in test/triton/tests/ with jest, and stop it again (also on failure or Ctrl-C).
# Arguments go to jest (e.g. a test file name). MODEL_SCALING_TRITON_KEEP=1 keeps Triton
# running afterwards (stop it with test/triton/stop.sh).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../lib/tier.sh
source "$root/test/lib/tier.sh"
export MODEL_SCALING_TRITON_STATE="${MODEL_SCALING_TRITON_STATE:-/tmp/model-scaling-triton}"

t0=$SECONDS
setup_out="$("$here/setup.sh")" || exit $?
eval "$(grep -E '^(TRITON_VENV|HEY)=' <<<"$setup_out")"
export HEY TRITON_VENV
t_setup=$((SECONDS - t0))

if [ "${MODEL_SCALING_TRITON_KEEP:-}" != 1 ]; then
  trap '"$here/stop.sh"' EXIT
fi
t1=$SECONDS
"$here/start.sh" >/dev/null || exit $?
t_start=$((SECONDS - t1))

t2=$SECONDS
tier_jest "$here" "$@"
rc=$?
echo "triton tests: setup ${t_setup}s, start ${t_start}s, tests $((SECONDS - t2))s (exit $rc)"
tier_summary
exit $rc
