# shellcheck shell=bash
# The local Qdrant store: the qdrant-edge stand-in (deploy/qdrant-standin/) as a child process,
# for runs and tests without Docker. Requires common.sh; stop it with stop_store DIR (stores.sh).

# start_qdrant DIR PORT [STAND-IN ARGS...]: the stand-in on 127.0.0.1:PORT (0 picks a free port)
# with its collections in DIR/data, its log in DIR/qdrant.log, its pid in DIR/pid and the bound
# port in DIR/port. Waits until GET /readyz answers; sets QDRANT_STANDIN_PORT to the port.
start_qdrant() {
    local dir=$1 port=$2; shift 2
    [ -x "$VENV/bin/python" ] || die "no Python environment in $VENV (install_python_env creates it)"
    mkdir -p "$dir/data"
    rm -f "$dir/port"
    "$VENV/bin/python" "$TRIAGE_ROOT/deploy/qdrant-standin/standin.py" --host 127.0.0.1 --port "$port" \
        --data-dir "$dir/data" --port-file "$dir/port" "$@" >>"$dir/qdrant.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
    local pid=$! deadline=$((SECONDS + 30))
    until [ -s "$dir/port" ] && curl -sf -o /dev/null "http://127.0.0.1:$(cat "$dir/port")/readyz"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -20 "$dir/qdrant.log" >&2; die "the Qdrant stand-in exited during start-up"
        fi
        [ "$SECONDS" -ge "$deadline" ] && { tail -20 "$dir/qdrant.log" >&2; die "the Qdrant stand-in did not become ready"; }
        sleep 0.1
    done
    QDRANT_STANDIN_PORT=$(cat "$dir/port")
    export QDRANT_STANDIN_PORT
}
