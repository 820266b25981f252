#!/usr/bin/env bash
# Stops and deletes the local control plane that start.sh created (all its processes, KEDA and
# Prometheus included, its etcd data and its state files). Safe to run when nothing is running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The local processes start-keda.sh and start-prometheus.sh started, by their pid files.
stop_pid_file() {
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $(basename "$file" .pid) (pid $pid)"
  fi
  rm -f "$file"
}
for f in "$CLUSTER_STATE"/keda/*.pid "$CLUSTER_STATE"/prometheus/*.pid; do
  [ -e "$f" ] && stop_pid_file "$f"
done

# (restart-apiserver.sh keeps the kube-apiserver pid file current, so its process is stopped too)
delete_cluster
