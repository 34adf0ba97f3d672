#!/usr/bin/env bash
# Start a private PostgreSQL server for the store tests and print the URL to export as NEWSFOLD_TEST_PG.
#
#   eval "$(bash .ci/postgres.sh start)"   # installs Debian's postgresql if needed, exports the URL
#   bash .ci/postgres.sh stop              # stops the server started in the same directory
#
# The cluster lives in $NEWSFOLD_PG_DIR (default /tmp/newsfold-pg), listens on 127.0.0.1 only, on
# $NEWSFOLD_PG_PORT (default 54329, away from a system server on 5432), and trusts local connections:
# it is a throw-away test server, never a place for data. PostgreSQL refuses to run as root, so as root
# the server runs as the `postgres` user that Debian's package creates.
set -euo pipefail
DIR=${NEWSFOLD_PG_DIR:-/tmp/newsfold-pg}
PORT=${NEWSFOLD_PG_PORT:-54329}

pgbin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgres.sh: PostgreSQL is not installed and this user cannot install it" >&2
      exit 1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-start}" in
  start)
    BIN=$(pgbin)
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
    # The server's user must be able to enter the working directory: a clone in a private temporary
    # folder is not readable by `postgres`, and pg_ctl would fail there.
    cd "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U newsfold --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    if ! as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U newsfold -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'newsfold_test'" | grep -q 1; then
      as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U newsfold newsfold_test
    fi
    echo "export NEWSFOLD_TEST_PG=postgresql://newsfold@127.0.0.1:$PORT/newsfold_test"
    ;;
  stop)
    BIN=$(pgbin)
    cd /
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: postgres.sh start|stop" >&2
    exit 2
    ;;
esac
