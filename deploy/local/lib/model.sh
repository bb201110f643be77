# shellcheck shell=bash
# The static embedding model (knowledge-service's fast mode): distilled once from all-MiniLM-L6-v2 by
# `knowledge-service build-static-model`, after `swift build`, into $RUN_DIR/models/. Not checked in
# (~47 MB); about a minute on two cores with a debug build.
# Requires common.sh (RUN_DIR, log, die) and install.sh (model_dir).

# The file name carries the distillation recipe and the first 16 hex digits of the weights' sha256;
# keep it in step with StaticModel.fileStem and EmbeddingConfiguration.defaultStaticModelPath
# (Tests/EmbeddingTests/CommandTests.swift checks that it is).
STATIC_MODEL_STEM=all-minilm-l6-v2-static-v1

# static_model_path: where the static model for the installed weights lives.
static_model_path() {
    local weights sha
    weights="${TRIAGE_MODEL_DIR:-$(model_dir)}/model.safetensors"
    [ -f "$weights" ] || die "embedding weights not found at $weights (install_python_env installs them)"
    sha=$(sha256sum "$weights" | cut -c1-16)
    echo "$RUN_DIR/models/$STATIC_MODEL_STEM-$sha.safetensors"
}

# build_static_model [BUILD_DIR]: builds the static model unless the one for the current weights
# exists, then exports TRIAGE_STATIC_MODEL. BUILD_DIR holds knowledge-service
# (default: $TRIAGE_BUILD_DIR, else .build/debug).
build_static_model() {
    local build_dir=${1:-${TRIAGE_BUILD_DIR:-$TRIAGE_ROOT/.build/debug}}
    local path
    path=$(static_model_path) || return 1
    if [ ! -f "$path" ]; then
        [ -x "$build_dir/knowledge-service" ] || die "$build_dir/knowledge-service is not built (run swift build first)"
        log "building the static embedding model $path (about a minute)"
        TRIAGE_MODEL_DIR=${TRIAGE_MODEL_DIR:-$(model_dir)} \
            "$build_dir/knowledge-service" build-static-model --output "$path" || die "build-static-model failed"
    fi
    TRIAGE_STATIC_MODEL=$path
    export TRIAGE_STATIC_MODEL
}
