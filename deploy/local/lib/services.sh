# shellcheck shell=bash
# Start and stop Triage's own executables as child processes. Requires common.sh.

# shellcheck disable=SC2034  # used by run.sh and test.sh
TRIAGE_SERVICES=(customer-service session-service knowledge-service triage-gateway)

# start_service NAME BIN_DIR LOG_DIR: runs BIN_DIR/NAME in the background, writes LOG_DIR/NAME.pid.
start_service() {
    local name=$1 bin=$2 logs=$3
    mkdir -p "$logs"
    "$bin/$name" >>"$logs/$name.log" 2>&1 &
    echo $! >"$logs/$name.pid"
}

# wait_healthy NAME BIN_DIR [SECONDS]: until NAME --health-check reports SERVING.
wait_healthy() {
    local name=$1 bin=$2 seconds=${3:-60}
    wait_for "$name to serve" "$seconds" "$bin/$name" --health-check
}

# stop_service NAME LOG_DIR: SIGTERM (graceful drain), then SIGKILL after 20 s.
stop_service() {
    local name=$1 logs=$2 pid
    [ -f "$logs/$name.pid" ] || return 0
    pid=$(cat "$logs/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true

        for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$logs/$name.pid"
}
