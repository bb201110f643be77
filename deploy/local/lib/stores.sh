# shellcheck shell=bash
# Start and stop the real stores as child processes with their data under a directory of ours.
# Requires common.sh. Every start_* writes DIR/pid; stop_store DIR stops what it started.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# start_postgres DIR PORT: PostgreSQL 15 on 127.0.0.1:PORT and a Unix socket in DIR/socket.
# Local connections over the socket are trusted; TCP needs the password (scram-sha-256).
# Creates POSTGRES_DB and sets POSTGRES_PASSWORD for POSTGRES_USER on first start.
start_postgres() {
    local dir=$1 port=$2
    local user=${POSTGRES_USER:-postgres} db=${POSTGRES_DB:-support_triage} password=${POSTGRES_PASSWORD:-postgres}
    local run_as=()
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses root: the server runs as the 'postgres' OS user from the Debian package.
        id postgres >/dev/null 2>&1 || die "the 'postgres' OS user is missing (apt-get install postgresql)"
        install -d -o postgres -g postgres -m 700 "$dir/data"
        install -d -o postgres -g postgres -m 755 "$dir/socket"
        run_as=(setpriv --reuid=postgres --regid=postgres --init-groups)
    else
        install -d -m 700 "$dir/data"
        install -d -m 755 "$dir/socket"
    fi
    local fresh=no
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        fresh=yes
        "${run_as[@]}" "$PG_BIN/initdb" -D "$dir/data" -U "$user" --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    touch "$dir/postgres.log"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/postgres.log"
    "${run_as[@]}" "$PG_BIN/postgres" -D "$dir/data" -k "$dir/socket" -p "$port" \
        -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200 \
        >>"$dir/postgres.log" 2>&1 &
    echo $! >"$dir/pid"
    wait_for "PostgreSQL on port $port" 30 "$PG_BIN/pg_isready" -q -h "$dir/socket" -p "$port" ||
        { tail -20 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
    if [ "$fresh" = yes ]; then
        psql_local "$dir" "$port" postgres -c "ALTER USER \"$user\" PASSWORD '$password'" >/dev/null
    fi
    if ! psql_local "$dir" "$port" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        psql_local "$dir" "$port" postgres -c "CREATE DATABASE \"$db\"" >/dev/null
    fi
}

# psql_local DIR PORT DB ARGS...: psql over the trusted Unix socket.
psql_local() {
    local dir=$1 port=$2 db=$3; shift 3
    psql -X -q -h "$dir/socket" -p "$port" -U "${POSTGRES_USER:-postgres}" -d "$db" "$@"
}

# start_redis DIR PORT: redis-server on 127.0.0.1:PORT with the append-only file on.
# REDIS_APPENDFSYNC (default always: an acknowledged write survives kill -9) trades speed for durability.
start_redis() {
    local dir=$1 port=$2
    mkdir -p "$dir"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize no \
        --appendonly yes --appendfsync "${REDIS_APPENDFSYNC:-always}" --save '' \
        --logfile "$dir/redis.log" &
    echo $! >"$dir/pid"
    wait_for "Redis on port $port" 20 redis-cli -p "$port" ping ||
        { tail -20 "$dir/redis.log" >&2; die "Redis did not start"; }
}

# stop_store DIR [SIGNAL]: stop the process recorded in DIR/pid and wait for it.
stop_store() {
    local dir=$1 signal=${2:-TERM} pid
    [ -f "$dir/pid" ] || return 0
    pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill "-$signal" "$pid" 2>/dev/null || true

        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$dir/pid"
}
