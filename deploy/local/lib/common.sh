# shellcheck shell=bash
# Shared by run.sh and test.sh: paths, logging, ports, waiting.

TRIAGE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
RUN_DIR=${TRIAGE_RUN_DIR:-$TRIAGE_ROOT/.run}
VENV=$RUN_DIR/venv
export TRIAGE_ROOT RUN_DIR VENV

log() { printf '\033[1m[triage]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[triage] error:\033[0m %s\n' "$*" >&2; exit 1; }
warn() { printf '\033[1;33m[triage] warning:\033[0m %s\n' "$*" >&2; }

# as_root CMD...: run a command as root (directly, or through sudo when we are not root).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
    else die "need root to run: $* (install sudo or run as root)"
    fi
}

# free_port: an unused TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# port_is_free PORT
port_is_free() {
    python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# wait_for DESCRIPTION SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
wait_for() {
    local what=$1 seconds=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -ge "$deadline" ] && { log "timed out after ${seconds}s waiting for $what"; return 1; }
        sleep 0.1
    done
}
