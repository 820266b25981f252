#!/usr/bin/env bash
# Fault injection for the cluster tests: stops the running kube-apiserver of the local cluster
# (SIGTERM, like a rolling restart), keeps it down for DOWN_SECONDS (default 3), and starts it
# again with the same command line, so clients see their watches break and the server come back.
# Only the API server restarts: etcd, the controllers and KWOK keep running.
#
# Usage: test/cluster/restart-apiserver.sh [down-seconds]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

down="${1:-3}"
dir="$KWOK_WORKDIR/clusters/$CLUSTER_NAME"
pidfile="$dir/pids/kube-apiserver.pid"
[ -f "$pidfile" ] || die "no kube-apiserver pid file at $pidfile (is the cluster running?)"
pid="$(cat "$pidfile")"
[ -r "/proc/$pid/cmdline" ] || die "kube-apiserver (pid $pid) is not running"

mapfile -d '' cmd <"/proc/$pid/cmdline"
cwd="$(readlink "/proc/$pid/cwd")"

log "stopping kube-apiserver (pid $pid)"
kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && { log "kube-apiserver ignored SIGTERM: SIGKILL"; kill -KILL "$pid"; sleep 1; }
sleep "$down"

log "starting kube-apiserver again"
cd "$cwd"
setsid "${cmd[@]}" >>"$dir/logs/kube-apiserver.log" 2>&1 </dev/null &
newpid=$!
echo -n "$newpid" >"$pidfile"
for _ in $(seq 120); do
  "$KUBECTL" --kubeconfig "$dir/kubeconfig.yaml" get --raw /readyz >/dev/null 2>&1 && break
  kill -0 "$newpid" 2>/dev/null || die "kube-apiserver exited; see $dir/logs/kube-apiserver.log"
  sleep 0.5
done
"$KUBECTL" --kubeconfig "$dir/kubeconfig.yaml" get --raw /readyz >/dev/null || die "kube-apiserver not ready again"
log "kube-apiserver ready again (pid $newpid)"
# The other components must have ridden it out.
dead=""
for f in "$dir"/pids/*.pid; do
  p="$(cat "$f")"
  kill -0 "$p" 2>/dev/null || dead="$dead $(basename "$f" .pid)"
done
[ -z "$dead" ] || die "components that did not survive the restart:$dead (see $dir/logs/)"
