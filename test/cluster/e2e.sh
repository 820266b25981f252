#!/usr/bin/env bash
# The Scaling tab against the real KEDA operator, in Chromium: starts a cluster of its own
# (MODEL_SCALING_CLUSTER_NAME, default model-scaling-e2e) with KEDA and Prometheus, the portal
# against it (start.sh's overlay, as `yarn start:cluster` does), runs
# packages/app/e2e-tests/keda.test.ts (screenshot: e2e-artifacts/scaling-real-keda-*.png), and
# stops the portal and the cluster again, also on failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export MODEL_SCALING_CLUSTER_NAME="${MODEL_SCALING_CLUSTER_NAME:-model-scaling-e2e}"
source "$here/lib.sh"
command -v yarn >/dev/null 2>&1 || source "$root/scripts/toolchain.sh"

cleanup() {
  bash "$root/scripts/stop-portal.sh" || true
  bash "$here/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

t0=$SECONDS
bash "$here/build.sh" >/dev/null
bash "$here/start.sh"
t_cluster=$((SECONDS - t0))
t1=$SECONDS
bash "$root/scripts/start-and-wait.sh" \
  --config "$root/app-config.yaml" --config "$CLUSTER_STATE/app-config.cluster.yaml"
t_portal=$((SECONDS - t1))
t2=$SECONDS
cd "$root"
MODEL_SCALING_E2E_CLUSTER=1 yarn playwright test packages/app/e2e-tests/keda.test.ts
log "KEDA end-to-end: cluster ${t_cluster} s, portal ${t_portal} s, test $((SECONDS - t2)) s"
