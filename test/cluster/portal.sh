#!/usr/bin/env bash
# `yarn start:cluster`: the portal (`yarn start`) against the local control plane instead of the
# embedded demo cluster. Builds and starts the control plane first when it is not running, then
# runs the portal with app-config.yaml + the overlay that start.sh wrote
# (kubernetes.clusterLocatorMethods -> the local API server with the read-only token,
# demoCluster.enabled: false). Stop the cluster afterwards with test/cluster/stop.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

overlay="$CLUSTER_STATE/app-config.cluster.yaml"
running=0
if [ -f "$overlay" ] && "$KUBECTL" --kubeconfig "$CLUSTER_STATE/admin.kubeconfig" get --raw /readyz >/dev/null 2>&1; then
  running=1
fi
if [ "$running" = 0 ]; then
  "$CLUSTER_DIR/build.sh"
  "$CLUSTER_DIR/start.sh"
fi
log "portal against $(sed -n 's/^URL=//p' "$CLUSTER_STATE/cluster.env") (config overlay $overlay)"
cd "$REPO_ROOT"
exec yarn start --config "$REPO_ROOT/app-config.yaml" --config "$overlay" "$@"
