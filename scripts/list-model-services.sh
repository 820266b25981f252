#!/usr/bin/env bash
# Lists the model services the catalog API knows (spec.type=model-service);
# fails when fewer than ${MIN_SERVICES:-4} are listed after ${CATALOG_WAIT_SECONDS:-180} s.
# The backend is ready before the catalog has processed its locations, so the
# listing is repeated every 2 s until enough services are there.
set -euo pipefail
base="${BACKEND_URL:-http://localhost:7007}"
min="${MIN_SERVICES:-4}"
wait_s="${CATALOG_WAIT_SECONDS:-180}"
start=$(date +%s)
while :; do
  line=""
  if token="$(bash "$(dirname "$0")/guest-token.sh" 2>/dev/null)" &&
    body="$(curl -fsS "$base/api/catalog/entities/by-query?filter=kind=component,spec.type=model-service&fields=metadata.name" \
      -H "Authorization: Bearer $token" 2>/dev/null)" &&
    line="$(MIN_SERVICES="$min" node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const n=JSON.parse(s).items.map(i=>i.metadata.name).sort();console.log(`catalog model services (${n.length}): ${n.join(", ")}`);if(n.length<Number(process.env.MIN_SERVICES))process.exit(1)})' <<<"$body")"; then
    echo "$line (after $(($(date +%s) - start)) s)"
    exit 0
  fi
  if [ $(($(date +%s) - start)) -ge "$wait_s" ]; then
    echo "${line:-catalog not answering} — fewer than $min after ${wait_s} s" >&2
    exit 1
  fi
  sleep 2
done
