#!/usr/bin/env bash
# Stops the portal started by start-and-wait.sh (the whole process group).
pidfile="${PORTAL_PID_FILE:-/tmp/model-scaling-portal.pid}"
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
kill -TERM -- "-$pid" 2>/dev/null || true
for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 1; done
kill -KILL -- "-$pid" 2>/dev/null || true
rm -f "$pidfile"
