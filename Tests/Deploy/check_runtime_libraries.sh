#!/usr/bin/env bash
# Does each runtime image install every shared library its executable loads?
#
# Builds the four executables as deploy/docker/Dockerfile does (release, --static-swift-stdlib;
# into .build/static so other builds are not disturbed), maps every library `ldd` lists to the
# Debian package that owns it (dpkg -S), and accepts a package only if the image gets it: named in
# the apt-get install lines of the executable's stage (or of the stages it builds on), installed
# by apt along with one of those, or part of debian:bookworm-slim (bookworm-slim-packages.txt).
# Also fails when the image installs a package none of the executable's libraries comes from.
#
#   Tests/Deploy/check_runtime_libraries.sh          exit status 1 on any finding
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DOCKERFILE=${TRIAGE_DOCKERFILE:-$ROOT/deploy/docker/Dockerfile}
BUILD_PATH=${TRIAGE_STATIC_BUILD_PATH:-$ROOT/.build/static}
PYTHON=${PYTHON:-python3}
SERVICES=(customer-service session-service knowledge-service triage-gateway)
findings=0

finding() { printf 'runtime libraries: %s\n' "$*"; findings=$((findings + 1)); }

# dependency_closure PACKAGE...: the packages and all apt installs with them (no recommends).
dependency_closure() {
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "$@" | grep -v '^[ <]' | sort -u
}

# direct_dependencies PACKAGE: what PACKAGE depends on (each alternative too).
direct_dependencies() {
    apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
        --no-enhances "$1" | awk '$1 ~ /Depends:$/ {print $2}'
}

# owner LIBRARY: the package that installed the file (dpkg records /lib or /usr/lib, whichever
# the package ships; ldd may print the other one, or an alternatives symlink).
owner() {
    local candidate out
    for candidate in "$1" "$(realpath "$1")" "/usr$1" "${1#/usr}"; do
        out=$(dpkg -S "$candidate" 2>/dev/null) || continue
        out=${out%%$'\n'*}
        echo "${out%%:*}"
        return 0
    done
    return 1
}

build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
for service in "${SERVICES[@]}"; do
    swift build -c release --static-swift-stdlib --build-path "$BUILD_PATH" --product "$service" >"$build_log" 2>&1 ||
        { grep -v 'prohibited flag' "$build_log" >&2; echo "runtime libraries: building $service failed" >&2; exit 1; }
done
bin=$(swift build -c release --static-swift-stdlib --build-path "$BUILD_PATH" --show-bin-path)
base=$(grep -v '^#' "$HERE/bookworm-slim-packages.txt" | grep -v '^$')

for service in "${SERVICES[@]}"; do
    listed=$("$PYTHON" "$HERE/dockerfile.py" packages "$DOCKERFILE" "$service") ||
        { finding "$service: no stage in $DOCKERFILE"; continue; }
    # shellcheck disable=SC2086 # one word per package
    installed=$(dependency_closure $listed)
    allowed=$base$'\n'$installed
    libraries=$(ldd "$bin/$service")
    if grep -q 'not found' <<<"$libraries"; then
        finding "$service: ldd cannot resolve $(grep 'not found' <<<"$libraries" | awk '{print $1}' | xargs)"
    fi
    used=()
    while read -r library; do
        package=$(owner "$library") ||
            { finding "$service: $library belongs to no Debian package (a Swift runtime library? --static-swift-stdlib missing?)"; continue; }
        used+=("$package")
        grep -qxF "$package" <<<"$allowed" ||
            finding "$service: $library comes from $package, which neither the image installs nor debian:bookworm-slim has"
    done < <(awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' <<<"$libraries")
    used_list=$(printf '%s\n' "${used[@]}" | sort -u)
    for package in $listed; do
        grep -qxF "$package" <<<"$used_list" && continue
        # A metapackage (libopenblas0) ships no library; one of its dependencies must.
        if ! grep -q '\.so' <<<"$(dpkg -L "$package" 2>/dev/null)" &&
            grep -qxF -f <(direct_dependencies "$package") <<<"$used_list"; then
            continue
        fi
        finding "$service: installs $package, but none of its libraries is loaded"
    done
    echo "runtime libraries: $service: libraries from $(printf '%s\n' "${used[@]}" | sort -u | wc -l) packages; the image installs $(xargs <<<"$listed")"
done

[ "$findings" -eq 0 ] || { echo "runtime libraries: $findings finding(s)"; exit 1; }
echo "runtime libraries: every library of every executable is in its image"
