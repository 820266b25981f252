#!/usr/bin/env bash
# Starts the real KEDA operator and KEDA metrics API server (built by `build.sh keda`) as local
# processes against the local kube-apiserver that start.sh created, out of cluster (the admin
# kubeconfig), and registers the v1beta1.external.metrics.k8s.io APIService the way kwokctl
# registers metrics-server's, so the HPAs that KEDA creates read external metrics through the
# real aggregation layer. Called by start.sh; stop.sh stops both.
#
# Certificates (made here with openssl, into $CLUSTER_STATE/keda/certs): one CA and one
# certificate for 127.0.0.1/localhost with server and client use, in the layout KEDA reads
# (ca.crt, tls.crt, tls.key): the operator's gRPC metrics service and the metrics server's
# client of it use mutual TLS with them; the metrics server serves the aggregated API with them.
# The aggregator's client certificate is verified against the cluster's client CA, which the
# metrics server reads from kube-system/extension-apiserver-authentication (as metrics-server).
#
# Fails (exit 1) with the last log lines when a process exits or does not become ready within
# $KEDA_START_TIMEOUT seconds (default 90); never waits longer. KEDA_STATE_DIR (default
# $CLUSTER_STATE/keda) and KEDA_KUBECONFIG (default the admin kubeconfig) may be overridden,
# e.g. to check that a KEDA that cannot start fails fast (tests/keda.test.ts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for b in "$KEDA_BIN/operator" "$KEDA_BIN/adapter"; do
  [ -x "$b" ] || die "$b is missing: run test/cluster/build.sh keda first"
done
[ -f "$CLUSTER_STATE/admin.kubeconfig" ] || die "no cluster $CLUSTER_NAME: run test/cluster/start.sh"
command -v openssl >/dev/null || die "openssl is needed for KEDA's certificates"

dir="${KEDA_STATE_DIR:-$CLUSTER_STATE/keda}"
certs="$dir/certs"
mkdir -p "$certs"
timeout="${KEDA_START_TIMEOUT:-90}"
kubeconfig="${KEDA_KUBECONFIG:-$CLUSTER_STATE/admin.kubeconfig}"
k() { "$KUBECTL" --kubeconfig "$CLUSTER_STATE/admin.kubeconfig" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# An earlier KEDA of this cluster (start.sh run again): stop it by its pid files.
for name in operator adapter; do
  if [ -f "$dir/$name.pid" ]; then
    kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  fi
done

if [ ! -f "$certs/tls.crt" ]; then
  log "keda: making certificates in $certs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/O=model-scaling-tests/CN=keda-test-ca" \
    -keyout "$certs/ca.key" -out "$certs/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=model-scaling-tests/CN=keda" \
    -keyout "$certs/tls.key" -out "$certs/tls.csr" 2>/dev/null
  cat >"$certs/ext.cnf" <<EOT
subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:keda-operator.keda.svc,DNS:keda-metrics-apiserver.keda.svc
extendedKeyUsage=serverAuth,clientAuth
keyUsage=digitalSignature,keyEncipherment
basicConstraints=CA:FALSE
EOT
  openssl x509 -req -in "$certs/tls.csr" -CA "$certs/ca.crt" -CAkey "$certs/ca.key" -CAcreateserial \
    -days 30 -extfile "$certs/ext.cnf" -out "$certs/tls.crt" 2>/dev/null
  rm -f "$certs/tls.csr" "$certs/ca.srl"
  chmod 600 "$certs/ca.key" "$certs/tls.key"
fi

grpc_port="$(free_port)"
operator_metrics_port="$(free_port)"
probe_port="$(free_port)"
adapter_port="$(free_port)"
adapter_metrics_port="$(free_port)"

export KUBECONFIG="$kubeconfig"
export WATCH_NAMESPACE=""
export POD_NAMESPACE=keda
export KEDA_CLUSTER_OBJECT_NAMESPACE=keda
k get namespace keda >/dev/null 2>&1 || k create namespace keda >/dev/null

log "keda: starting the operator (gRPC metrics service on 127.0.0.1:$grpc_port)"
setsid nohup "$KEDA_BIN/operator" \
  --leader-elect=false \
  --zap-log-level=info --zap-encoder=console --zap-time-encoding=rfc3339 \
  --cert-dir="$certs" --ca-dir="$certs" \
  --enable-cert-rotation=false --enable-webhook-patching=false --enable-apiservice-patching=false \
  --metrics-service-bind-address="127.0.0.1:$grpc_port" \
  --metrics-bind-address="127.0.0.1:$operator_metrics_port" \
  --health-probe-bind-address="127.0.0.1:$probe_port" \
  >"$dir/operator.log" 2>&1 </dev/null &
echo $! >"$dir/operator.pid"

log "keda: starting the metrics API server (aggregated API on 127.0.0.1:$adapter_port)"
setsid nohup "$KEDA_BIN/adapter" \
  --zap-log-level=info --zap-encoder=console --zap-time-encoding=rfc3339 \
  --secure-port="$adapter_port" --bind-address=127.0.0.1 \
  --cert-dir="$certs" --tls-cert-file="$certs/tls.crt" --tls-private-key-file="$certs/tls.key" \
  --authentication-kubeconfig="$KUBECONFIG" --authorization-kubeconfig="$KUBECONFIG" \
  --lister-kubeconfig="$KUBECONFIG" \
  --metrics-service-address="127.0.0.1:$grpc_port" \
  --port="$adapter_metrics_port" \
  >"$dir/adapter.log" 2>&1 </dev/null &
echo $! >"$dir/adapter.pid"

fail() {
  log "keda: $*"
  local name
  for name in operator adapter; do
    log "keda: last lines of $dir/$name.log:"
    tail -n 25 "$dir/$name.log" >&2 || true
  done
  # Leave nothing behind: stop whichever process still runs.
  for name in operator adapter; do
    kill "$(cat "$dir/$name.pid" 2>/dev/null)" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  done
  exit 1
}

start=$SECONDS
alive() {
  local name
  for name in operator adapter; do
    kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null || fail "the $name exited"
  done
}
# 1. Both processes up: the operator's readiness probe, the metrics server's secure port.
up=0
while [ $((SECONDS - start)) -lt "$timeout" ]; do
  alive
  if curl -sf "http://127.0.0.1:$probe_port/readyz" >/dev/null 2>&1 &&
    curl -sk "https://127.0.0.1:$adapter_port/healthz" >/dev/null 2>&1; then
    up=1
    break
  fi
  sleep 1
done
[ "$up" = 1 ] || fail "not up after $timeout s (operator http://127.0.0.1:$probe_port/readyz, metrics server https://127.0.0.1:$adapter_port/healthz)"

# 2. Register the aggregated API on this metrics server's port, and wait until it serves.
k apply --server-side --force-conflicts -f <(sed "s/__PORT__/$adapter_port/" "$CLUSTER_DIR/manifests/keda/external-metrics-apiservice.yaml") >/dev/null
available=0
while [ $((SECONDS - start)) -lt "$timeout" ]; do
  alive
  if [ "$(k get apiservice v1beta1.external.metrics.k8s.io -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' 2>/dev/null)" = True ] &&
    k get --raw /apis/external.metrics.k8s.io/v1beta1 >/dev/null 2>&1; then
    available=1
    break
  fi
  sleep 1
done
[ "$available" = 1 ] ||
  fail "the external metrics API is not available after $timeout s: $(k get apiservice v1beta1.external.metrics.k8s.io -o jsonpath='{.status.conditions[*].message}' 2>&1)"

cat >"$dir/keda.env" <<EOT
KEDA_VERSION=$KEDA_VERSION
KEDA_OPERATOR_LOG=$dir/operator.log
KEDA_ADAPTER_LOG=$dir/adapter.log
KEDA_OPERATOR_PID=$(cat "$dir/operator.pid")
KEDA_ADAPTER_PID=$(cat "$dir/adapter.pid")
KEDA_GRPC_ADDRESS=127.0.0.1:$grpc_port
KEDA_ADAPTER_ADDRESS=127.0.0.1:$adapter_port
EOT
log "keda: operator and metrics API server ready in $((SECONDS - start)) s"
