#!/usr/bin/env bash
# Runs Triage's whole test suite on this machine: installs what is missing, starts the real
# stores the tests need (PostgreSQL, Redis, the Qdrant store) on free ports under a temporary
# directory, runs every check, and stops everything again, also when a test fails.
#
#   ./deploy/local/test.sh            everything
#   TRIAGE_TEST_FILTER=SharedTests ./deploy/local/test.sh    only matching swift tests
#   TRIAGE_SOAK=1 ./deploy/local/test.sh                      the gateway soak test for 5 minutes instead of 12 s
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
cd "$TRIAGE_ROOT"

install_everything

TEST_DIR=$(mktemp -d /tmp/triage-test.XXXXXX)
chmod 755 "$TEST_DIR"
cleanup() {
    local rc=$?
    stop_store "$TEST_DIR/postgres" INT
    stop_store "$TEST_DIR/redis"
    stop_store "$TEST_DIR/qdrant"
    if [ "$rc" -eq 0 ]; then rm -rf "$TEST_DIR"; else log "logs kept in $TEST_DIR"; fi
    exit "$rc"
}
trap cleanup EXIT INT TERM

step() { log "── $*"; }

step "generated code is current"
"$TRIAGE_ROOT/Shared/Protos/generate.sh" --check

step "building (debug, with tests)"
swift build --build-tests 2>&1 | grep -v 'prohibited flag' || { log "build failed"; exit 1; }

step "static embedding model (built once per weights, kept in .run/models)"
build_static_model "$TRIAGE_ROOT/.build/debug"

step "Qdrant store contract suite (the stand-in, validated with qdrant-client's models)"
"$TRIAGE_ROOT/Tests/QdrantStoreContract/run.sh"

step "deploy files, validated offline (shell, YAML, Dockerfile, compose, Kubernetes, runtime libraries)"
"$TRIAGE_ROOT/Tests/Deploy/validate.sh"

step "starting PostgreSQL, Redis and the Qdrant store"
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT POSTGRES_DB=support_triage POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
POSTGRES_PORT=$(free_port)
start_postgres "$TEST_DIR/postgres" "$POSTGRES_PORT"
export REDIS_HOST=127.0.0.1 REDIS_PORT
REDIS_PORT=$(free_port)
start_redis "$TEST_DIR/redis" "$REDIS_PORT"
start_qdrant "$TEST_DIR/qdrant" 0
export QDRANT_HOST=127.0.0.1 QDRANT_PORT=$QDRANT_STANDIN_PORT
export TRIAGE_TEST_DIR=$TEST_DIR TRIAGE_BUILD_DIR=$TRIAGE_ROOT/.build/debug
export TRIAGE_SOCKET_DIR=$TEST_DIR/sockets

# One test target at a time (the tests inside a target run in parallel): the contract and fault
# tests start real servers and assert latencies and deadlines, which dozens of servers starting at
# once on two cores would make meaningless. The list comes from Package.swift, so a new test
# target cannot be left out.
run_swift_tests() {
    local label=$1; shift
    step "swift test: $label"
    set +e
    swift test --skip-build "$@" 2>&1 | tee -a "$TEST_DIR/swift-test.log" |
        grep -vE '^(Test Case .* (started|passed)|◇ Test .* started|✔ Test [A-Za-z_]+\(.*\) passed after)'
    local status=${PIPESTATUS[0]}
    set -e
    [ "$status" -eq 0 ] || { log "swift test ($label) failed (exit $status)"; exit 1; }
}
if [ -n "${TRIAGE_TEST_FILTER:-}" ]; then
    run_swift_tests "filter $TRIAGE_TEST_FILTER" --filter "$TRIAGE_TEST_FILTER"
else
    mapfile -t test_targets < <(swift package dump-package 2>/dev/null |
        "$VENV/bin/python" -c 'import json,sys; print("\n".join(t["name"] for t in json.load(sys.stdin)["targets"] if t["type"] == "test"))')
    [ ${#test_targets[@]} -gt 0 ] || { log "no test targets found in Package.swift"; exit 1; }
    for target in "${test_targets[@]}"; do
        run_swift_tests "$target" --filter "^$target\\."
    done
fi
# Both runners print a summary; at least one of them must have run tests.
grep -qE 'Executed [1-9][0-9]* tests?, with 0 failures|Test run with [1-9][0-9]* tests? .*passed' "$TEST_DIR/swift-test.log" ||
    { log "swift test ran no tests"; exit 1; }

step "leak check: protobuf round trips and framing under AddressSanitizer + LeakSanitizer"
swift build --build-tests --sanitize=address --build-path "$TRIAGE_ROOT/.build/asan" 2>&1 | grep -E 'error|warning: [^p]' || true
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 "$TRIAGE_ROOT/.build/asan/debug/TriagePackageTests.xctest" \
    --testing-library swift-testing --filter 'ProtoRoundTripTests|FrameCodecTests|TimerHeapTests' >"$TEST_DIR/leak-check.log" 2>&1 ||
    { cat "$TEST_DIR/leak-check.log" >&2; log "leak check failed"; exit 1; }
grep -q 'Test run with [1-9][0-9]* tests' "$TEST_DIR/leak-check.log" || { log "leak check ran no tests"; exit 1; }

log "all checks passed"
