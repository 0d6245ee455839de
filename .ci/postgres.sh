# Starts a throwaway PostgreSQL server from Debian's packages on 127.0.0.1 and exports TEST_DATABASE_URL.
# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh; start_throwaway_postgres`).

PG_PORT="${PG_PORT:-55432}"
PG_ROOT="${PG_ROOT:-/tmp/vcop-ci-postgres}"

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_throwaway_postgres() {
  if [ -z "$(pg_bin_dir)" ]; then
    echo "Installing PostgreSQL from Debian packages..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  local bin
  bin="$(pg_bin_dir)"
  rm -rf "$PG_ROOT"
  mkdir -p "$PG_ROOT"
  # initdb refuses to run as root: the cluster belongs to the postgres system user.
  local as_pg=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$PG_ROOT" postgres
    chown postgres "$PG_ROOT"
    as_pg=(runuser -u postgres --)
  fi
  "${as_pg[@]}" "$bin/initdb" -D "$PG_ROOT/data" -U postgres -A trust --no-sync >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
    -o "-p $PG_PORT -k $PG_ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database vcop_test" >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/vcop_test"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (TEST_DATABASE_URL)"
}

stop_throwaway_postgres() {
  local bin
  bin="$(pg_bin_dir)"
  if [ -n "$bin" ] && [ -d "$PG_ROOT/data" ]; then
    if [ "$(id -u)" = "0" ]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$PG_ROOT/data" -m fast stop >/dev/null 2>&1 || true
    else
      "$bin/pg_ctl" -D "$PG_ROOT/data" -m fast stop >/dev/null 2>&1 || true
    fi
  fi
}
