#!/usr/bin/env bash
# Runs the store contract suite against a fresh Qdrant stand-in on a free port in a temporary
# directory: every check, then persistence across a clean restart (SIGTERM) and across kill -9.
# Stops the stand-in again, also on failure (logs are kept then).
#
#   Tests/QdrantStoreContract/run.sh              uses .run/venv (deploy/local/lib/install.sh)
#   QDRANT_URL=http://host:6333 Tests/QdrantStoreContract/run.sh   only the checks, against that server
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../../deploy/local/lib/common.sh
source "$HERE/../../deploy/local/lib/common.sh"
# shellcheck source=SCRIPTDIR/../../deploy/local/lib/stores.sh
source "$TRIAGE_ROOT/deploy/local/lib/stores.sh"
# shellcheck source=SCRIPTDIR/../../deploy/local/lib/qdrant.sh
source "$TRIAGE_ROOT/deploy/local/lib/qdrant.sh"

contract() { "$VENV/bin/python" "$HERE/contract.py" --url "$url" "$@"; }

if [ -n "${QDRANT_URL:-}" ]; then
    url=$QDRANT_URL
    contract
    exit
fi

"$VENV/bin/python" "$HERE/standin_parsing.py"

DIR=$(mktemp -d /tmp/qdrant-contract.XXXXXX)
cleanup() {
    local rc=$?
    stop_store "$DIR"
    if [ "$rc" -eq 0 ]; then rm -rf "$DIR"; else log "stand-in log and data kept in $DIR"; fi
    exit "$rc"
}
trap cleanup EXIT INT TERM

restart() {  # restart SIGNAL [STAND-IN ARGS...]: stop the stand-in with SIGNAL, start it again on a new free port
    stop_store "$DIR" "$1"; shift
    start_qdrant "$DIR" 0 "$@"
    url=http://127.0.0.1:$QDRANT_STANDIN_PORT
}

start_qdrant "$DIR" 0
url=http://127.0.0.1:$QDRANT_STANDIN_PORT
contract

log "persistence across a clean restart (SIGTERM), reloaded with another search pool size"
contract --phase seed --generation 1
restart TERM --search-threads 3
grep -q 'qdrant-standin: stopped' "$DIR/qdrant.log" || die "the stand-in did not shut down cleanly on SIGTERM"
contract --phase verify --generation 1

log "persistence across kill -9 (recovery from the write-ahead log)"
contract --phase seed --generation 2
restart KILL
contract --phase verify --generation 2
contract --phase cleanup
log "store contract passed"
