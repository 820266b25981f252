#!/usr/bin/env bash
# Lists the model services the catalog API knows (spec.type=model-service);
# fails when fewer than ${MIN_SERVICES:-4} are listed.
set -euo pipefail
base="${BACKEND_URL:-http://localhost:7007}"
token="$(bash "$(dirname "$0")/guest-token.sh")"
curl -fsS "$base/api/catalog/entities/by-query?filter=kind=component,spec.type=model-service&fields=metadata.name" \
  -H "Authorization: Bearer $token" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const n=JSON.parse(s).items.map(i=>i.metadata.name).sort();console.log(`catalog model services (${n.length}): ${n.join(", ")}`);if(n.length<Number(process.env.MIN_SERVICES??4))process.exit(1)})'
