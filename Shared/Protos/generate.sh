#!/usr/bin/env bash
# Regenerates the C (protoc-c) and Swift code for Shared/Protos/*.proto.
#   generate.sh          write the generated files in place
#   generate.sh --check  generate into a temporary directory and fail if the checked-in code differs
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${TRIAGE_PYTHON:-$root/.run/venv/bin/python}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

mkdir -p "$out/C/include" "$out/Swift"
(cd "$here" && protoc-c --proto_path=. --c_out="$out/C" ./*.proto)
mv "$out"/C/*.pb-c.h "$out/C/include/"
(cd "$here" && protoc-c --proto_path=. --include_imports --descriptor_set_out="$out/descriptors.pb" ./*.proto)
"$python" "$here/Generator/generate_swift.py" "$out/descriptors.pb" "$out/C/include" "$out/Swift"

# Swift output goes to the module that owns each file (see Generator/generate_swift.py).
declare -A targets=([RPC]="$root/Shared/RPC/Generated" [Contracts]="$root/Shared/Contracts/Generated")
if [ "${1:-}" = "--check" ]; then
    status=0
    diff -r "$out/C" "$here/C" >/dev/null || { echo "Shared/Protos/C is stale: run Shared/Protos/generate.sh" >&2; status=1; }
    for module in "${!targets[@]}"; do
        diff -r "$out/Swift/$module" "${targets[$module]}" >/dev/null ||
            { echo "${targets[$module]} is stale: run Shared/Protos/generate.sh" >&2; status=1; }
    done
    exit $status
fi
rm -rf "$here/C" && cp -r "$out/C" "$here/C"
for module in "${!targets[@]}"; do
    rm -rf "${targets[$module]}" && mkdir -p "${targets[$module]}"
    cp "$out/Swift/$module"/*.swift "${targets[$module]}/" 2>/dev/null || true
done
echo "generated C into Shared/Protos/C and Swift into ${targets[*]}"
