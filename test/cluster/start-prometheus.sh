#!/usr/bin/env bash
# Starts a real Prometheus (Debian's `prometheus` package, or $PROMETHEUS_BIN) on 127.0.0.1 and
# the tests' exporter (prometheus/exporter.py), which Prometheus scrapes every second: the
# trigger source of the KEDA tests, whose values the tests set. Called by start.sh; stop.sh
# stops both. Writes PROMETHEUS_URL and EXPORTER_URL into $CLUSTER_STATE/prometheus/prometheus.env.
# Fails with the last log lines when either does not answer within 30 s.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prom="${PROMETHEUS_BIN:-$(command -v prometheus || true)}"
[ -n "$prom" ] && [ -x "$prom" ] ||
  die "no prometheus binary: apt-get install -y prometheus (Debian's package), or set PROMETHEUS_BIN"

dir="$CLUSTER_STATE/prometheus"
mkdir -p "$dir/data"
for name in prometheus exporter; do
  if [ -f "$dir/$name.pid" ]; then
    kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  fi
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
prom_port="$(free_port)"
exporter_port="$(free_port)"

setsid nohup python3 "$CLUSTER_DIR/prometheus/exporter.py" "$exporter_port" \
  >"$dir/exporter.log" 2>&1 </dev/null &
echo $! >"$dir/exporter.pid"

cat >"$dir/prometheus.yml" <<EOT
# Written by test/cluster/start-prometheus.sh
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: model-scaling-tests
    static_configs:
      - targets: ["127.0.0.1:$exporter_port"]
EOT

setsid nohup "$prom" \
  --config.file="$dir/prometheus.yml" \
  --storage.tsdb.path="$dir/data" \
  --storage.tsdb.retention.time=2h \
  --web.listen-address="127.0.0.1:$prom_port" \
  >"$dir/prometheus.log" 2>&1 </dev/null &
echo $! >"$dir/prometheus.pid"

fail() {
  log "prometheus: $*"
  for name in prometheus exporter; do
    log "prometheus: last lines of $dir/$name.log:"
    tail -n 20 "$dir/$name.log" >&2 || true
  done
  exit 1
}
for _ in $(seq 30); do
  for name in prometheus exporter; do
    kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null || fail "the $name exited"
  done
  if curl -sf "http://127.0.0.1:$exporter_port/healthz" >/dev/null &&
    curl -sf "http://127.0.0.1:$prom_port/-/ready" >/dev/null; then
    cat >"$dir/prometheus.env" <<EOT
PROMETHEUS_URL=http://127.0.0.1:$prom_port
EXPORTER_URL=http://127.0.0.1:$exporter_port
PROMETHEUS_PID=$(cat "$dir/prometheus.pid")
EXPORTER_PID=$(cat "$dir/exporter.pid")
EOT
    log "prometheus: ready at http://127.0.0.1:$prom_port, scraping the exporter at 127.0.0.1:$exporter_port every 1 s"
    exit 0
  fi
  sleep 1
done
fail "not ready after 30 s"
