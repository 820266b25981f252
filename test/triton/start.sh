#!/usr/bin/env bash
# Starts the test Triton Inference Server (PyTriton, see serve.py) in the background and waits
# until every model is loaded. Installs it first when needed (setup.sh, cached).
# State: $MODEL_SCALING_TRITON_STATE (default /tmp/model-scaling-triton): spec.json, models/,
# triton.log, serve.pid and, while it runs, state.json with the ports.
# Ports: 0 (a free one) unless TRITON_HTTP_PORT / TRITON_GRPC_PORT / TRITON_METRICS_PORT are set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="${MODEL_SCALING_TRITON_STATE:-/tmp/model-scaling-triton}"
mkdir -p "$state"

if [ -f "$state/serve.pid" ] && kill -0 "$(cat "$state/serve.pid")" 2>/dev/null; then
  echo "triton: already running (pid $(cat "$state/serve.pid"), $state/state.json)" >&2
  exit 0
fi

eval "$("$here/setup.sh" | grep -E '^(TRITON_VENV|HEY)=')"
t0=$SECONDS
(cd "$root" && node --require @backstage/cli/config/nodeTransform.cjs test/triton/lib/writeSpec.ts "$state" >/dev/null)

rm -f "$state/state.json"
rm -rf "$state/executions"
# Its own process group, so stop.sh ends serve.py and the tritonserver it started together.
setsid "$TRITON_VENV/bin/python" "$here/serve.py" --spec "$state/spec.json" --state "$state/state.json" \
  >"$state/triton.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$state/serve.pid"

for _ in $(seq 1 240); do
  if [ -f "$state/state.json" ]; then
    echo "triton: ready in $((SECONDS - t0))s: $(cat "$state/state.json")" >&2
    echo "TRITON_STATE=$state/state.json"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "triton: serve.py exited before it was ready; the end of $state/triton.log:" >&2
    tail -30 "$state/triton.log" >&2
    rm -f "$state/serve.pid"
    exit 1
  fi
  sleep 0.5
done
echo "triton: not ready after 120 s; the end of $state/triton.log:" >&2
tail -30 "$state/triton.log" >&2
exit 1
