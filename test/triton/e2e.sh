#!/usr/bin/env bash
# The Triton card against a real Triton, in Chromium: starts the test Triton (start.sh), writes the
# load-test script the template generates for a realtime-gpu service, starts the portal with the demo
# cluster's image-classifier pods answering Triton requests from that server
# (demoCluster.tritonUpstreams) and a 5 s collection interval, runs
# packages/app/e2e-tests/triton-real.test.ts, and stops the portal and Triton again.
# The portal holds /tmp/model-scaling-portal.lock (fixed ports 3000/7007).
# Screenshots: e2e-artifacts/triton-real-*.png.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source scripts/toolchain.sh >/dev/null
export MODEL_SCALING_TRITON_STATE="${MODEL_SCALING_TRITON_STATE:-/tmp/model-scaling-triton-e2e}"
state="$MODEL_SCALING_TRITON_STATE"
t0=$SECONDS

started_triton=""
cleanup() {
  if [ -n "$started_triton" ]; then bash "$here/stop.sh" || true; fi
}
trap cleanup EXIT

if ! [ -f "$state/serve.pid" ] || ! kill -0 "$(cat "$state/serve.pid")" 2>/dev/null; then
  started_triton=1
fi
bash "$here/start.sh" >/dev/null
TRITON_STATE="$state/state.json"
eval "$(bash "$here/setup.sh" 2>/dev/null | grep -E '^HEY=')"
http_port=$(node -p "require('$TRITON_STATE').httpPort")
metrics_port=$(node -p "require('$TRITON_STATE').metricsPort")

# The load-test script of the golden-path realtime-gpu service, as the template renders it.
load_test="$state/load-test.sh"
node --require @backstage/cli/config/nodeTransform.cjs -e "
  const { renderManifests, renderLoadTestScript, serviceEndpoint } = require('@internal/plugin-model-scaling-common');
  const { goldenPathPlan } = require('./test/triton/lib/models.ts');
  const plan = goldenPathPlan();
  process.stdout.write(renderLoadTestScript(plan, serviceEndpoint(plan, renderManifests(plan).flatMap(f => f.objects))));
" >"$load_test"
chmod +x "$load_test"

export TRITON_E2E_STATE="$TRITON_STATE" TRITON_E2E_LOAD_TEST="$load_test" HEY
export MODEL_SCALING_TRITON_REAL=1
# Config overlay for this run only (environment config of the backend).
export APP_CONFIG_demoCluster_tritonUpstreams="[{\"namespace\":\"ml-serving\",\"deployment\":\"image-classifier\",\"httpUrl\":\"http://127.0.0.1:$http_port\",\"metricsUrl\":\"http://127.0.0.1:$metrics_port\"}]"
export APP_CONFIG_modelScaling_triton_intervalSeconds=5

flock /tmp/model-scaling-portal.lock bash -c '
  trap "bash scripts/stop-portal.sh" EXIT
  bash scripts/start-and-wait.sh
  yarn playwright test packages/app/e2e-tests/triton-real.test.ts
'
echo "triton e2e: done in $((SECONDS - t0))s; screenshots: $(ls e2e-artifacts/triton-real-* 2>/dev/null | tr '\n' ' ')"
