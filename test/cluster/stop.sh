#!/usr/bin/env bash
# Stops and deletes the local control plane that start.sh created (all its processes, its
# etcd data and its state files). Safe to run when nothing is running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -x "$KWOKCTL" ] && [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ]; then
  log "deleting cluster $CLUSTER_NAME"
  # restart-apiserver.sh may have started a kube-apiserver of its own: it keeps the pid file current.
  "$KWOKCTL" delete cluster --name "$CLUSTER_NAME" --kubeconfig "" || log "warning: kwokctl delete cluster failed"
else
  log "no cluster $CLUSTER_NAME to delete"
fi
rm -rf "$CLUSTER_STATE"
