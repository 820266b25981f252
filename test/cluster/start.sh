#!/usr/bin/env bash
# Starts a real Kubernetes control plane on localhost for the cluster tests and the portal:
# etcd, kube-apiserver, kube-controller-manager (with the real HPA controller), kube-scheduler,
# metrics-server and the KWOK controller (simulated nodes and pods), all as local processes
# (kwokctl binary runtime), from the binaries that build.sh put in the cache.
#
# Then: KEDA's CRDs (from KEDA's module), Prometheus with the tests' exporter
# (start-prometheus.sh), the real KEDA operator and metrics API server (start-keda.sh), a
# read-only ServiceAccount bound to the ClusterRole of manifests/rbac.yaml, the KWOK nodes and workloads of examples/cluster/, and files for clients
# in $MODEL_SCALING_CLUSTER_CACHE/state/<name>/:
#   admin.kubeconfig     cluster-admin (for the tests' setup)
#   reader.kubeconfig    the read-only ServiceAccount token
#   cluster.env          URL, TOKEN, CA (base64 PEM), CA_FILE, KUBECONFIG_ADMIN, KUBECONFIG_READER, ...
#   app-config.cluster.yaml  portal overlay: kubernetes.clusterLocatorMethods -> this cluster
#   fixtures.log         every examples/cluster file and whether the API server accepted it
#
# Environment: MODEL_SCALING_CLUSTER_PORT (API server port; default: a free port),
# MODEL_SCALING_CLUSTER_CACHE, MODEL_SCALING_CLUSTER_NAME (see lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

t0=$SECONDS
for b in "$KUBE_BIN/kube-apiserver" "$KUBE_BIN/kube-controller-manager" "$KUBE_BIN/kube-scheduler" \
  "$KUBECTL" "$ETCD_BIN/etcd" "$KWOK_BIN/kwok" "$KWOKCTL" "$METRICS_SERVER_BIN/metrics-server" \
  "$KEDA_BIN/operator" "$KEDA_BIN/adapter"; do
  [ -x "$b" ] || die "$b is missing: run test/cluster/build.sh first"
done
keda_dir="$(cat "$CLUSTER_CACHE/keda-$KEDA_VERSION.dir" 2>/dev/null || true)"
[ -d "$keda_dir/config/crd/bases" ] || die "KEDA $KEDA_VERSION CRDs not downloaded: run test/cluster/build.sh first"

mkdir -p "$CLUSTER_STATE"
workdir="$KWOK_WORKDIR/clusters/$CLUSTER_NAME"
if [ -f "$workdir/kwok.yaml" ]; then
  log "a cluster named $CLUSTER_NAME exists already: deleting it first"
  "$KWOKCTL" delete cluster --name "$CLUSTER_NAME" --kubeconfig "$CLUSTER_STATE/kwokctl.kubeconfig" >/dev/null 2>&1 || true
  [ ! -f "$workdir/kwok.yaml" ] || die "could not delete the old cluster $CLUSTER_NAME (try test/cluster/stop.sh)"
fi

port="${MODEL_SCALING_CLUSTER_PORT:-}"
if [ -z "$port" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
fi
echo "$port" >"$CLUSTER_STATE/port"

# The HPA controller's default downscale stabilization (for HPAs without behavior) is 1 min
# instead of 5, so the scale-down tests are bounded; tests/differential.test.ts simulates the same.
# One instance of each controller: without leader election they keep running through an API
# server restart (with it they exit when the lease cannot be renewed, and nothing restarts them
# here, unlike a kubelet with static pods).
# kwokctl v0.8.0 ignores KWOK_METRICS_SERVER_MANIFESTS (it cannot parse a list from a variable):
# the local manifests go in through a configuration file.
cat >"$CLUSTER_STATE/kwokctl.yaml" <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  metricsServerManifests:
    - $CLUSTER_DIR/manifests/metrics-server
EOF

log "creating cluster $CLUSTER_NAME (kube $KUBE_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION, metrics-server $METRICS_SERVER_VERSION) on port $port"
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
  --metrics-server-binary "$METRICS_SERVER_BIN/metrics-server" \
  --enable metrics-server \
  --extra-args kube-controller-manager=leader-elect=false \
  --extra-args kube-controller-manager=horizontal-pod-autoscaler-downscale-stabilization=1m0s \
  --extra-args kube-scheduler=leader-elect=false \
  --wait 3m \
  --timeout 5m
t_created=$SECONDS

cp "$workdir/kubeconfig.yaml" "$CLUSTER_STATE/admin.kubeconfig"
export KUBECONFIG="$CLUSTER_STATE/admin.kubeconfig"
k() { "$KUBECTL" --kubeconfig "$CLUSTER_STATE/admin.kubeconfig" "$@"; }

url="https://127.0.0.1:$port"
ca_file="$workdir/pki/ca.crt"
[ -f "$ca_file" ] || die "no CA at $ca_file"
for _ in $(seq 60); do k get --raw /readyz >/dev/null 2>&1 && break; sleep 1; done
k get --raw /readyz >/dev/null || die "the API server at $url is not ready"

log "applying KEDA $KEDA_VERSION CRDs"
# (the operator watches all of them, the eventing ones included, and does not start without them)
for crd in keda.sh_scaledobjects keda.sh_scaledjobs keda.sh_triggerauthentications keda.sh_clustertriggerauthentications \
  eventing.keda.sh_cloudeventsources eventing.keda.sh_clustercloudeventsources; do
  k apply --server-side --force-conflicts -f "$keda_dir/config/crd/bases/$crd.yaml" >/dev/null
done
k wait --for condition=established --timeout=60s crd/scaledobjects.keda.sh crd/scaledjobs.keda.sh \
  crd/triggerauthentications.keda.sh crd/clustertriggerauthentications.keda.sh \
  crd/cloudeventsources.eventing.keda.sh crd/clustercloudeventsources.eventing.keda.sh >/dev/null

log "applying the read-only RBAC (manifests/rbac.yaml)"
k apply --server-side -f "$CLUSTER_DIR/manifests/rbac.yaml" >/dev/null
# ... and write access in ml-sandbox only, for the scaffolder's apply action
k apply --server-side -f "$CLUSTER_DIR/manifests/scaffolder-rbac.yaml" >/dev/null
token="$(k -n backstage create token backstage-model-scaling --duration 48h)"
# the scaffolder's own write identity (manifests/scaffolder-rbac.yaml), never the read token
write_token="$(k -n backstage create token model-scaling-scaffolder --duration 48h)"

log "applying examples/cluster fixtures"
: >"$CLUSTER_STATE/fixtures.log"
rejected=0
apply_fixture() {
  local f="$1" out
  if out="$(k apply --server-side --force-conflicts --field-manager model-scaling-fixtures -f "$f" 2>&1)"; then
    printf 'accepted %s\n' "${f#"$REPO_ROOT"/}" >>"$CLUSTER_STATE/fixtures.log"
  else
    rejected=$((rejected + 1))
    printf 'rejected %s: %s\n' "${f#"$REPO_ROOT"/}" "$(echo "$out" | tr '\n' ' ')" >>"$CLUSTER_STATE/fixtures.log"
    log "the API server refused ${f#"$REPO_ROOT"/}: $out"
  fi
}
fixtures="$REPO_ROOT/examples/cluster"
[ -f "$fixtures/namespaces.yaml" ] && apply_fixture "$fixtures/namespaces.yaml"
while IFS= read -r f; do apply_fixture "$f"; done < <(find "$fixtures/nodes" -name '*.yaml' 2>/dev/null | sort)
while IFS= read -r f; do apply_fixture "$f"; done < <(find "$fixtures" -name '*.yaml' ! -path "$fixtures/nodes/*" ! -path "$fixtures/namespaces.yaml" 2>/dev/null | sort)

# metrics-server scrapes a node at the path of its metrics.k8s.io/resource-metrics-path
# annotation; KWOK serves each simulated node's kubelet resource metrics at this path.
for node in $(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}'); do
  k annotate node "$node" --overwrite "metrics.k8s.io/resource-metrics-path=/metrics/nodes/$node/metrics/resource" >/dev/null
done

log "waiting for nodes and fixture workloads"
k wait --for condition=Ready --timeout=120s node --all >/dev/null
for ns in $(k get deploy -A -o jsonpath='{range .items[*]}{.metadata.namespace}{"\n"}{end}' | sort -u); do
  [ "$ns" = kube-system ] && continue
  k -n "$ns" wait --for condition=Available --timeout=120s deploy --all >/dev/null ||
    log "warning: some Deployments in $ns are not Available: $(k -n "$ns" get deploy --no-headers 2>&1 | tr '\n' ';')"
done
# The HPA controller needs the metrics API: wait until metrics-server has scraped KWOK once.
for _ in $(seq 90); do
  [ "$(k get --raw /apis/metrics.k8s.io/v1beta1/nodes 2>/dev/null | grep -c '"usage"')" -gt 0 ] && break
  sleep 1
done
k get --raw /apis/metrics.k8s.io/v1beta1/nodes 2>/dev/null | grep -q '"usage"' ||
  log "warning: metrics-server has no node metrics yet (see $workdir/logs/metrics-server.log)"
t_ready=$SECONDS

# Prometheus with the tests' exporter, and the real KEDA operator and metrics API server.
"$CLUSTER_DIR/start-prometheus.sh"
"$CLUSTER_DIR/start-keda.sh"
t_keda=$SECONDS

ca_data="$(base64 -w0 <"$ca_file")"
cat >"$CLUSTER_STATE/cluster.env" <<EOF
# Written by test/cluster/start.sh for cluster $CLUSTER_NAME
URL=$url
TOKEN=$token
CA=$ca_data
CA_FILE=$ca_file
KUBECONFIG_ADMIN=$CLUSTER_STATE/admin.kubeconfig
KUBECONFIG_READER=$CLUSTER_STATE/reader.kubeconfig
KUBECTL=$KUBECTL
CLUSTER_NAME=$CLUSTER_NAME
KWOK_CLUSTER_DIR=$workdir
KUBE_VERSION=$KUBE_VERSION
FIXTURES_REJECTED=$rejected
$(cat "$CLUSTER_STATE/prometheus/prometheus.env" "$CLUSTER_STATE/keda/keda.env")
EOF

cat >"$CLUSTER_STATE/reader.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: $CLUSTER_NAME
    cluster:
      server: $url
      certificate-authority-data: $ca_data
users:
  - name: backstage-model-scaling
    user:
      token: $token
contexts:
  - name: $CLUSTER_NAME-reader
    context:
      cluster: $CLUSTER_NAME
      user: backstage-model-scaling
current-context: $CLUSTER_NAME-reader
EOF

cat >"$CLUSTER_STATE/app-config.cluster.yaml" <<EOF
# Written by test/cluster/start.sh: the portal against the local control plane
# (yarn start:cluster). The read-only ServiceAccount token of manifests/rbac.yaml.
kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: $CLUSTER_NAME
          url: $url
          authProvider: serviceAccount
          serviceAccountToken: $token
          caData: $ca_data
demoCluster:
  enabled: false
modelScaling:
  scaffolder:
    # model-service:cluster:apply writes with its own identity: the namespaced Role of
    # manifests/scaffolder-rbac.yaml in ml-sandbox (docs/security.md)
    targets:
      - cluster: $CLUSTER_NAME
        namespaces: [ml-sandbox]
        serviceAccountToken: $write_token
EOF
chmod 600 "$CLUSTER_STATE/cluster.env" "$CLUSTER_STATE/reader.kubeconfig" "$CLUSTER_STATE/app-config.cluster.yaml"

log "cluster $CLUSTER_NAME ready at $url: control plane up in $((t_created - t0)) s, fixtures ready after $((t_ready - t0)) s, Prometheus and KEDA after $((t_keda - t0)) s; $rejected fixture file(s) refused"
log "env file: $CLUSTER_STATE/cluster.env"
echo "$((t_created - t0)) $((t_ready - t0)) $((t_keda - t0))" >"$CLUSTER_STATE/start-seconds"
