#!/usr/bin/env bash
# Runs the whole Triage system on this machine with embedded local defaults: installs what is
# missing, starts PostgreSQL, Redis and the Qdrant store as child processes with their data under
# ./.run/, builds and starts the services, loads the demo data, and prints where to send a ticket.
# Ctrl-C (or SIGTERM) stops everything cleanly; the next start reuses the data.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/install.sh
source "$TRIAGE_ROOT/deploy/local/lib/install.sh"
# shellcheck source=lib/stores.sh
source "$TRIAGE_ROOT/deploy/local/lib/stores.sh"
# shellcheck source=lib/qdrant.sh
source "$TRIAGE_ROOT/deploy/local/lib/qdrant.sh"
# shellcheck source=lib/model.sh
source "$TRIAGE_ROOT/deploy/local/lib/model.sh"
# shellcheck source=lib/services.sh
source "$TRIAGE_ROOT/deploy/local/lib/services.sh"
cd "$TRIAGE_ROOT"

install_everything

CONFIGURATION=${TRIAGE_BUILD_CONFIGURATION:-release}
log "building ($CONFIGURATION; the first build takes a few minutes)"
swift build -c "$CONFIGURATION" 2>&1 | grep -v 'prohibited flag' | tail -3
BIN=$(swift build -c "$CONFIGURATION" --show-bin-path)
build_static_model "$BIN"
LOGS=$RUN_DIR/logs
mkdir -p "$LOGS"

# A port of our own: the standard one when it is free, else any free one.
pick_port() { if port_is_free "$1"; then echo "$1"; else free_port; fi; }

stop_all() {
    trap - EXIT INT TERM
    log "stopping"
    local i
    for ((i = ${#TRIAGE_SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${TRIAGE_SERVICES[$i]}" "$LOGS"; done
    stop_store "$RUN_DIR/qdrant"
    stop_store "$RUN_DIR/redis"
    stop_store "$RUN_DIR/postgres" INT
    log "stopped; data kept in $RUN_DIR"
}
trap stop_all EXIT
trap 'exit 0' INT TERM

export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT POSTGRES_DB=${POSTGRES_DB:-support_triage}
export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres}
POSTGRES_PORT=$(pick_port 5432)
log "starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT (data in $RUN_DIR/postgres)"
start_postgres "$RUN_DIR/postgres" "$POSTGRES_PORT"

export REDIS_HOST=127.0.0.1 REDIS_PORT
REDIS_PORT=$(pick_port 6379)
log "starting Redis on 127.0.0.1:$REDIS_PORT (append-only file in $RUN_DIR/redis)"
start_redis "$RUN_DIR/redis" "$REDIS_PORT"

log "starting the Qdrant store (the qdrant-edge stand-in; data in $RUN_DIR/qdrant)"
start_qdrant "$RUN_DIR/qdrant" "$(pick_port 6333)"
export QDRANT_HOST=127.0.0.1 QDRANT_PORT=$QDRANT_STANDIN_PORT

export TRIAGE_SOCKET_DIR=$RUN_DIR/sockets
export TRIAGE_INSTANCE=${TRIAGE_INSTANCE:-local}
export TRIAGE_HTTP_PORT
TRIAGE_HTTP_PORT=${TRIAGE_HTTP_PORT:-$(pick_port 8080)}
for service in "${TRIAGE_SERVICES[@]}"; do
    start_service "$service" "$BIN" "$LOGS"
done
for service in "${TRIAGE_SERVICES[@]}"; do
    wait_healthy "$service" "$BIN" || { tail -20 "$LOGS/$service.log" >&2; die "$service did not become healthy"; }
done
log "loading the demo customers (deploy/demo/customers.json)"
"$BIN/customer-service" seed "$TRIAGE_ROOT/deploy/demo/customers.json" 2>>"$LOGS/customer-service.log" | tail -1 >&2
log "loading the demo knowledge base (deploy/demo/kb; unchanged articles are skipped)"
"$BIN/knowledge-service" ingest "$TRIAGE_ROOT/deploy/demo/kb" 2>>"$LOGS/knowledge-service.log" | tail -1 >&2
wait_for "the HTTP API on port $TRIAGE_HTTP_PORT" 30 curl -sf "http://127.0.0.1:$TRIAGE_HTTP_PORT/health"

cat <<TXT

  Triage is running: http://127.0.0.1:$TRIAGE_HTTP_PORT   (docs/openapi.yaml describes the API)

  Send a ticket:

    curl -s http://127.0.0.1:$TRIAGE_HTTP_PORT/api/triage -H 'Content-Type: application/json' \\
      -d '{"customer_id": "customer_001", "messages": [{"role": "customer", "content": "Our dashboard is down for everyone since 9am, we get error 503"}]}'

    sockets:  $TRIAGE_SOCKET_DIR/<service>/$TRIAGE_INSTANCE.sock
    logs:     $LOGS/<service>.log
    stores:   PostgreSQL 127.0.0.1:$POSTGRES_PORT, Redis 127.0.0.1:$REDIS_PORT, Qdrant store 127.0.0.1:$QDRANT_PORT
    ready:    curl -s http://127.0.0.1:$TRIAGE_HTTP_PORT/ready

  Press Ctrl-C to stop (the data stays in $RUN_DIR).
TXT
while true; do
    for service in "${TRIAGE_SERVICES[@]}"; do
        pid=$(cat "$LOGS/$service.pid" 2>/dev/null || echo 0)
        kill -0 "$pid" 2>/dev/null || { tail -20 "$LOGS/$service.log" >&2; die "$service exited"; }
    done
    sleep 2
done
