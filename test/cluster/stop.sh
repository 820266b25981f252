#!/usr/bin/env bash
# Stops and deletes the local control plane that start.sh created (all its processes, its
# etcd data and its state files). Safe to run when nothing is running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -x "$KWOKCTL" ] && [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ]; then
  log "deleting cluster $CLUSTER_NAME"
  # (restart-apiserver.sh keeps the kube-apiserver pid file current, so its process is stopped too)
  mkdir -p "$CLUSTER_STATE"
  "$KWOKCTL" delete cluster --name "$CLUSTER_NAME" --kubeconfig "$CLUSTER_STATE/kwokctl.kubeconfig" ||
    log "warning: kwokctl delete cluster failed"
else
  log "no cluster $CLUSTER_NAME to delete"
fi
rm -rf "$CLUSTER_STATE"
