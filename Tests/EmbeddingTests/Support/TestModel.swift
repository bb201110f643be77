import Foundation
import XCTest
@testable import Embedding

/// Where the tests find the model and the reference fixtures, and engines shared between tests
/// (loading checks a 90 MB checksum, so each mode is loaded once per test run).
enum TestModel {
    /// `TRIAGE_MODEL_DIR` (deploy/local/test.sh exports it), else the venv the set-up scripts make.
    /// A test that needs the model fails, rather than skips, when neither exists.
    static var directory: String {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            if let directory = environment["TRIAGE_MODEL_DIR"], !directory.isEmpty { return directory }
            let candidate = EmbeddingConfiguration.defaultModelDirectory(runDirectory: repositoryRoot + "/.run")
            guard FileManager.default.fileExists(atPath: candidate + "/model.safetensors") else {
                XCTFail("model not found: set TRIAGE_MODEL_DIR or create .run/venv (deploy/local/test.sh does)")
                throw EmbeddingError(.modelMissing, candidate)
            }
            return candidate
        }
    }

    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support/, EmbeddingTests/, Tests/, root
        return url.path
    }()

    static let referenceDirectory = repositoryRoot + "/Tests/EmbeddingTests/Reference"

    static func configuration(_ mode: EmbeddingMode = .transformer, threads: Int = 2) throws -> EmbeddingConfiguration {
        EmbeddingConfiguration(mode: mode, modelDirectory: try directory, staticModelPath: try staticModelPath, threads: threads)
    }

    /// `TRIAGE_STATIC_MODEL`, else the default under `.run/models` (built by deploy/local), else a file
    /// in a temporary folder that `Engines.staticEngine()` builds on first use.
    static var staticModelPath: String {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            if let path = environment["TRIAGE_STATIC_MODEL"], !path.isEmpty { return path }
            let runDirectory = environment["TRIAGE_RUN_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? repositoryRoot + "/.run"
            let installed = EmbeddingConfiguration.defaultStaticModelPath(runDirectory: runDirectory)
            if FileManager.default.fileExists(atPath: installed) { return installed }
            return NSTemporaryDirectory() + "triage-embedding-tests/" + URL(fileURLWithPath: installed).lastPathComponent
        }
    }
}

/// One engine per mode for the whole test run.
actor Engines {
    static let shared = Engines()
    private var engines: [EmbeddingMode: EmbeddingEngine] = [:]

    func engine(_ mode: EmbeddingMode) async throws -> EmbeddingEngine {
        if let engine = engines[mode] { return engine }
        let configuration = try TestModel.configuration(mode)
        if mode == .static {
            try await StaticModelBuilder.build(configuration: configuration) { print("static model: \($0)") }
        }
        let engine = try await EmbeddingEngine(configuration: configuration)
        engines[mode] = engine
        return engine
    }
}
