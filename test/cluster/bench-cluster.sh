#!/usr/bin/env bash
# A control plane of its own for `BENCH_TARGET=kwok yarn bench`: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and the KWOK controller (kwokctl binary runtime, the
# binaries build.sh put in the cache), with no KEDA, Prometheus or metrics-server, the client QPS
# limits of the controllers lifted (kwokctl --disable-qps-limits: QPS 5,000, burst 10,000) and their
# deployment/replicaset workers raised (5,000 pods are created and scheduled in seconds), and
# BENCH_NODES KWOK nodes (default 10) with room for 1,000 pods each.
#
#   test/cluster/bench-cluster.sh start   # prints the admin kubeconfig path on stdout
#   test/cluster/bench-cluster.sh stop
#
# The cluster is named model-scaling-bench (MODEL_SCALING_CLUSTER_NAME overrides it), so it never
# collides with the test cluster of start.sh; its state is in $MODEL_SCALING_CLUSTER_CACHE/state/<name>/.
set -euo pipefail
export MODEL_SCALING_CLUSTER_NAME="${MODEL_SCALING_CLUSTER_NAME:-model-scaling-bench}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

workdir="$KWOK_WORKDIR/clusters/$CLUSTER_NAME"
nodes="${BENCH_NODES:-10}"

stop() { delete_cluster; }

start() {
  local t0=$SECONDS t port
  for b in "$KUBE_BIN/kube-apiserver" "$KUBE_BIN/kube-controller-manager" "$KUBE_BIN/kube-scheduler" \
    "$KUBECTL" "$ETCD_BIN/etcd" "$KWOK_BIN/kwok" "$KWOKCTL"; do
    [ -x "$b" ] || die "$b is missing: run test/cluster/build.sh first"
  done
  [ ! -f "$workdir/kwok.yaml" ] || {
    log "a cluster named $CLUSTER_NAME exists already: deleting it first"
    stop
  }
  mkdir -p "$CLUSTER_STATE"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

  # (component arguments go in through the configuration file: kwokctl v0.8.0 panics on more
  # --extra-args flags than start.sh passes)
  cat >"$CLUSTER_STATE/kwokctl.yaml" <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
componentsPatches:
  - name: kube-controller-manager
    extraArgs:
      - { key: leader-elect, value: 'false' }
      - { key: concurrent-deployment-syncs, value: '20' }
      - { key: concurrent-replicaset-syncs, value: '20' }
  - name: kube-scheduler
    extraArgs:
      - { key: leader-elect, value: 'false' }
EOF
  log "creating cluster $CLUSTER_NAME (kube $KUBE_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION) on port $port"
  KWOK_KUBE_VERSION="$KUBE_VERSION" \
  KWOK_KUBECTL_BINARY="$KUBECTL" \
    "$KWOKCTL" --config "$CLUSTER_STATE/kwokctl.yaml" create cluster \
    --name "$CLUSTER_NAME" \
    --runtime binary \
    --kubeconfig "$CLUSTER_STATE/kwokctl.kubeconfig" \
    --kube-apiserver-port "$port" \
    --kube-apiserver-binary "$KUBE_BIN/kube-apiserver" \
    --kube-controller-manager-binary "$KUBE_BIN/kube-controller-manager" \
    --kube-scheduler-binary "$KUBE_BIN/kube-scheduler" \
    --etcd-binary "$ETCD_BIN/etcd" \
    --kwok-controller-binary "$KWOK_BIN/kwok" \
    --disable-qps-limits \
    --wait 3m \
    --timeout 5m >&2
  log "control plane up in $((SECONDS - t0)) s"
  cp "$workdir/kubeconfig.yaml" "$CLUSTER_STATE/admin.kubeconfig"
  k() { "$KUBECTL" --kubeconfig "$CLUSTER_STATE/admin.kubeconfig" "$@"; }
  for _ in $(seq 60); do k get --raw /readyz >/dev/null 2>&1 && break; sleep 1; done
  k get --raw /readyz >/dev/null || die "the API server on port $port is not ready"

  t=$SECONDS
  for i in $(seq "$nodes"); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: bench-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: '0'
  labels:
    kubernetes.io/hostname: bench-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
status:
  capacity: { cpu: '1000', memory: 4Ti, pods: '1000' }
  allocatable: { cpu: '1000', memory: 4Ti, pods: '1000' }
EOF
  done | k apply --server-side -f - >/dev/null
  k wait --for condition=Ready --timeout=120s node --all >/dev/null
  log "$nodes KWOK nodes ready in $((SECONDS - t)) s (1,000 pods each); total $((SECONDS - t0)) s"
  echo "$CLUSTER_STATE/admin.kubeconfig"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop" ;;
esac
