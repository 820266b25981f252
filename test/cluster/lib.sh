# Shared settings of the cluster test scripts (sourced by build.sh, start.sh, stop.sh).
#
# Versions come from the wrapper modules' go.mod files (the one source of truth); KEDA's version
# is pinned here and must match test/cluster/keda/go.mod (build.sh checks it).
#
# Environment:
#   MODEL_SCALING_CLUSTER_CACHE  where binaries, the KWOK work dir and the cluster state live
#                                (default ~/.cache/model-scaling/cluster; never inside git)
#   MODEL_SCALING_CLUSTER_NAME   kwokctl cluster name (default model-scaling)
#   GO                           the go command (default: go on PATH, else /usr/local/go/bin/go)

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLUSTER_DIR/../.." && pwd)"
CLUSTER_CACHE="${MODEL_SCALING_CLUSTER_CACHE:-$HOME/.cache/model-scaling/cluster}"
CLUSTER_NAME="${MODEL_SCALING_CLUSTER_NAME:-model-scaling}"
CLUSTER_STATE="$CLUSTER_CACHE/state/$CLUSTER_NAME"

KEDA_MODULE="github.com/kedacore/keda/v2"
KEDA_VERSION="v2.21.0"

if [ -z "${GO:-}" ]; then
  if command -v go >/dev/null 2>&1; then GO=go; else GO=/usr/local/go/bin/go; fi
fi

# module_version <wrapper dir> <module path>: the version the wrapper's go.mod requires.
module_version() {
  sed -nE "s#^(require)?[[:space:]]*${2//./\\.} (v[^[:space:]]+).*#\\2#p" "$CLUSTER_DIR/$1/go.mod" | head -n1
}

KUBE_VERSION="$(module_version kube k8s.io/kubernetes)"
ETCD_VERSION="$(module_version etcd go.etcd.io/etcd/server/v3)"
KWOK_VERSION="$(module_version kwok sigs.k8s.io/kwok)"
METRICS_SERVER_VERSION="$(module_version metrics-server sigs.k8s.io/metrics-server)"

KUBE_BIN="$CLUSTER_CACHE/kube-$KUBE_VERSION"
ETCD_BIN="$CLUSTER_CACHE/etcd-$ETCD_VERSION"
KWOK_BIN="$CLUSTER_CACHE/kwok-$KWOK_VERSION"
METRICS_SERVER_BIN="$CLUSTER_CACHE/metrics-server-$METRICS_SERVER_VERSION"
KEDA_BIN="$CLUSTER_CACHE/keda-$KEDA_VERSION"

KUBECTL="$KUBE_BIN/kubectl"
KWOKCTL="$KWOK_BIN/kwokctl"

# kwokctl looks for docker first; there is no container engine here.
export KWOK_RUNTIME=binary
export KWOK_WORKDIR="$CLUSTER_CACHE/kwok-workdir"

# delete_cluster: deletes the kwokctl cluster $CLUSTER_NAME (its processes and work dir) and its state.
delete_cluster() {
  if [ -x "$KWOKCTL" ] && [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ]; then
    log "deleting cluster $CLUSTER_NAME"
    mkdir -p "$CLUSTER_STATE"
    "$KWOKCTL" delete cluster --name "$CLUSTER_NAME" --kubeconfig "$CLUSTER_STATE/kwokctl.kubeconfig" ||
      log "warning: kwokctl delete cluster failed"
  else
    log "no cluster $CLUSTER_NAME to delete"
  fi
  rm -rf "$CLUSTER_STATE"
}

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
