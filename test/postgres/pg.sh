#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tier: `pg.sh start <dir>` initialises a cluster in
# <dir>/data (trust auth, 127.0.0.1 only, fsync off), starts it on a free port and writes
# <dir>/pg.env (PGHOST, PGPORT, PGUSER, PG_MAJOR); `pg.sh stop <dir>` stops it.
# Debian's `postgresql` package provides the binaries; as root, the server runs as the
# `postgres` user the package creates (initdb and postgres refuse to run as root).
set -euo pipefail
cmd="$1"
dir="$2"

pg_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    bin="$(pg_bindir || true)"
    if [ -z "$bin" ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "postgresql is missing: installing Debian's postgresql" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null ||
          { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
        bin="$(pg_bindir)"
      else
        echo "PostgreSQL not found: install Debian's postgresql (apt-get install postgresql)" >&2
        exit 1
      fi
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    major="$("$bin/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
    printf 'PGHOST=127.0.0.1\nPGPORT=%s\nPGUSER=postgres\nPG_MAJOR=%s\nPG_BIN=%s\n' "$port" "$major" "$bin" >"$dir/pg.env"
    echo "PostgreSQL $major on 127.0.0.1:$port (data in $dir/data)"
    ;;
  stop)
    [ -f "$dir/pg.env" ] || exit 0
    # shellcheck disable=SC1091
    source "$dir/pg.env"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: pg.sh start|stop <dir>" >&2
    exit 2
    ;;
esac
