#!/usr/bin/env bash
# Builds the real control plane for the cluster tests from Go modules, into the cache
# (never into git): kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
# (k8s.io/kubernetes), etcd (go.etcd.io/etcd/server/v3), kwok + kwokctl (sigs.k8s.io/kwok)
# metrics-server (sigs.k8s.io/metrics-server) and the KEDA operator and metrics API server
# (github.com/kedacore/keda/v2 cmd/operator and cmd/adapter; its CRDs come from the same module).
#
# Each component lands in $MODEL_SCALING_CLUSTER_CACHE/<component>-<version>/ with a stamp
# (hash of the wrapper's go.mod + go.sum, the ldflags and the Go version); a component whose
# stamp matches is skipped, so a warm run takes seconds. Prints the time of each step.
#
# Usage: test/cluster/build.sh [component...]   (default: all; components: kube etcd kwok metrics-server keda)
# Builds run under `nice -n ${CLUSTER_BUILD_NICE:-19}`; a cold build takes a long while on 2 cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NICE="${CLUSTER_BUILD_NICE:-19}"
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -mod=readonly"

"$GO" version >/dev/null 2>&1 || die "no Go toolchain (set GO or install Go 1.26+)"

kube_minor="$(echo "$KUBE_VERSION" | cut -d. -f2)"

# component <name> <wrapper dir> <out dir> <ldflags> <binary=package>...
build_component() {
  local name="$1" dir="$2" out="$3" ldflags="$4"
  shift 4
  local stamp
  stamp="$(cat "$CLUSTER_DIR/$dir/go.mod" "$CLUSTER_DIR/$dir/go.sum" <(echo "$ldflags $*") <("$GO" version) | sha256sum | cut -c1-16)"
  local missing=0 spec
  for spec in "$@"; do [ -x "$out/${spec%%=*}" ] || missing=1; done
  if [ "$missing" = 0 ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
    log "$name: up to date in $out"
    return 0
  fi
  local start=$SECONDS tmp="$out.tmp"
  local pkgs=() bins=()
  for spec in "$@"; do bins+=("${spec%%=*}"); pkgs+=("${spec#*=}"); done
  log "$name: building ${bins[*]} (nice $NICE) ..."
  rm -rf "$tmp" && mkdir -p "$tmp"
  (cd "$CLUSTER_DIR/$dir" && nice -n "$NICE" "$GO" build -trimpath -ldflags "$ldflags" -o "$tmp/" "${pkgs[@]}")
  # go build names a binary after its package's last element; rename where they differ.
  local i
  for i in "${!bins[@]}"; do
    # (a major-version suffix such as /v3 is skipped, as go build does)
    local base
    base="$(basename "${pkgs[$i]}")"
    [[ "$base" =~ ^v[0-9]+$ ]] && base="$(basename "$(dirname "${pkgs[$i]}")")"
    local built="$tmp/$base"
    [ "$built" = "$tmp/${bins[$i]}" ] || mv "$built" "$tmp/${bins[$i]}"
  done
  mkdir -p "$out"
  for b in "${bins[@]}"; do mv -f "$tmp/$b" "$out/$b"; done
  rm -rf "$tmp"
  echo "$stamp" >"$out/.stamp"
  log "$name: built in $((SECONDS - start)) s -> $out"
  TIMES+=("$name $((SECONDS - start))s")
}

want() { [ "${#COMPONENTS[@]}" = 0 ] || printf '%s\n' "${COMPONENTS[@]}" | grep -qx "$1"; }

COMPONENTS=("$@")
TIMES=()
total_start=$SECONDS

if want kube; then
  build_component kube kube "$KUBE_BIN" \
    "-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$kube_minor -X k8s.io/component-base/version.gitTreeState=clean" \
    kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
    kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
    kube-scheduler=k8s.io/kubernetes/cmd/kube-scheduler \
    kubectl=k8s.io/kubernetes/cmd/kubectl
fi
if want etcd; then
  build_component etcd etcd "$ETCD_BIN" "-s -w" etcd=go.etcd.io/etcd/server/v3
fi
if want kwok; then
  build_component kwok kwok "$KWOK_BIN" \
    "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${KUBE_VERSION#v}" \
    kwok=sigs.k8s.io/kwok/cmd/kwok \
    kwokctl=sigs.k8s.io/kwok/cmd/kwokctl
fi
if want metrics-server; then
  build_component metrics-server metrics-server "$METRICS_SERVER_BIN" \
    "-s -w -X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION" \
    metrics-server=sigs.k8s.io/metrics-server/cmd/metrics-server
fi

# The KEDA operator and metrics API server (cmd/operator, cmd/adapter of KEDA's module, through
# the wrapper test/cluster/keda/); component name `keda`.
if want keda; then
  build_component keda keda "${KEDA_BIN:-$CLUSTER_CACHE/keda-$KEDA_VERSION}" \
    "-s -w -X github.com/kedacore/keda/v2/version.Version=${KEDA_VERSION#v}" \
    operator=github.com/kedacore/keda/v2/cmd/operator \
    adapter=github.com/kedacore/keda/v2/cmd/adapter
fi

# KEDA's CRDs from its module download (verified against go.sum's database).
start=$SECONDS
keda_dir="$("$GO" mod download -json "$KEDA_MODULE@$KEDA_VERSION" | sed -nE 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p')"
[ -f "$keda_dir/config/crd/bases/keda.sh_scaledobjects.yaml" ] || die "KEDA $KEDA_VERSION module has no CRDs at $keda_dir"
echo "$keda_dir" >"$CLUSTER_CACHE/keda-$KEDA_VERSION.dir"
log "keda $KEDA_VERSION CRDs: $keda_dir/config/crd/bases ($((SECONDS - start)) s)"

log "done in $((SECONDS - total_start)) s${TIMES[*]:+ (built: ${TIMES[*]})}"
