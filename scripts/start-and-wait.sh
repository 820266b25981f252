#!/usr/bin/env bash
# Starts the portal (`yarn start`: frontend :3000, backend :7007 with the demo
# cluster) in the background and waits until the backend is ready and the
# frontend answers. Writes the process group id to $PORTAL_PID_FILE. Arguments go to
# `yarn start` (e.g. `--config` overlays).
set -euo pipefail
cd "$(dirname "$0")/.."
log="${PORTAL_LOG:-/tmp/model-scaling-portal.log}"
pidfile="${PORTAL_PID_FILE:-/tmp/model-scaling-portal.pid}"
timeout="${PORTAL_TIMEOUT:-600}"
setsid yarn start "$@" > "$log" 2>&1 < /dev/null &
echo $! > "$pidfile"
start=$(date +%s)
ready_backend="" ; ready_frontend=""
while :; do
  now=$(date +%s)
  if [ -z "$ready_backend" ] && curl -fsS -o /dev/null http://localhost:7007/.backstage/health/v1/readiness 2>/dev/null; then
    ready_backend=$((now - start)); echo "portal: backend ready after ${ready_backend}s"
  fi
  if [ -z "$ready_frontend" ] && curl -fsS -o /dev/null http://localhost:3000 2>/dev/null; then
    ready_frontend=$((now - start)); echo "portal: frontend answers after ${ready_frontend}s"
  fi
  [ -n "$ready_backend" ] && [ -n "$ready_frontend" ] && break
  if [ $((now - start)) -gt "$timeout" ]; then
    echo "portal: not ready after ${timeout}s; last log lines:" >&2; tail -50 "$log" >&2; exit 1
  fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "portal: yarn start exited; log:" >&2; tail -80 "$log" >&2; exit 1
  fi
  sleep 2
done
