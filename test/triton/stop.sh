#!/usr/bin/env bash
# Stops the test Triton that start.sh started (its process group), waiting for it to exit.
set -uo pipefail
state="${MODEL_SCALING_TRITON_STATE:-/tmp/model-scaling-triton}"
[ -f "$state/serve.pid" ] || exit 0
pid="$(cat "$state/serve.pid")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "triton: pid $pid did not stop in 15 s, killing its process group" >&2
    kill -KILL -- "-$pid" 2>/dev/null
  fi
fi
# tritonserver is a child in the same group; make sure nothing of it is left.
kill -KILL -- "-$pid" 2>/dev/null || true
rm -f "$state/serve.pid" "$state/state.json"
