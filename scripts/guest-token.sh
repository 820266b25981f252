#!/usr/bin/env bash
# Prints a Backstage token of the guest user from the running backend
# (the same sign-in the portal uses locally).
set -euo pipefail
base="${BACKEND_URL:-http://localhost:7007}"
curl -fsS "$base/api/auth/guest/refresh" -H 'X-Requested-With: XMLHttpRequest' |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))'
