import Foundation
import XCTest
@testable import Embedding

final class StaticModeTests: XCTestCase {
    func testIdentityDiffersFromTheTransformer() async throws {
        let engine = try await Engines.shared.engine(.static)
        XCTAssertEqual(engine.mode, .static)
        XCTAssertEqual(engine.dimension, 384)
        XCTAssertNil(engine.maxTokens)
        XCTAssertEqual(engine.modelIdentifier, "all-MiniLM-L6-v2:static-v1:53aa51172d142c89")
        let transformer = try await Engines.shared.engine(.transformer)
        XCTAssertNotEqual(engine.modelIdentifier, transformer.modelIdentifier)
    }

    /// The engine's vector is the normalised sum of the table rows of the text's tokens, recomputed
    /// here straight from the file.
    func testVectorIsTheNormalisedSumOfTokenRows() async throws {
        let engine = try await Engines.shared.engine(.static)
        let file = try SafeTensors(path: try TestModel.staticModelPath)
        let table = try file.floats(StaticModel.tableTensor, shape: [30522, 384])
        var expected = [Float](repeating: 0, count: 384)
        for id in [7592, 2088] {  // "hello", "world"
            for i in 0..<384 { expected[i] += table[id * 384 + i] }
        }
        let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let vector = try await engine.embed("Hello WORLD")
        for i in 0..<384 { XCTAssertEqual(vector[i], expected[i] / norm, accuracy: 1e-6) }
    }

    func testEveryVectorIsUnitLengthEvenForEmptyAndUnknownText() async throws {
        let engine = try await Engines.shared.engine(.static)
        let texts = ["", "ฉันไม่สามารถเข้าสู่ระบบได้", String(repeating: "long text ", count: 500), "hello"]
        for (text, vector) in zip(texts, try await engine.embed(texts)) {
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            XCTAssertEqual(norm, 1, accuracy: 1e-5, text.prefix(20).description)
        }
        // No truncation in static mode: a long text is not cut at 256 tokens.
        let ids = try await engine.tokenize(String(repeating: "help ", count: 400))
        XCTAssertEqual(ids.count, 402)
    }

    /// Short requests are computed on the caller's thread, longer ones on a worker: same vectors.
    func testShortRequestsComputedInPlaceMatchTheWorkerPath() async throws {
        let engine = try await Engines.shared.engine(.static)
        let short = ["I was charged twice", "¿Dónde está mi factura?", ""]
        let inPlace = try await engine.embed(short)
        let filler = String(repeating: "filler words ", count: 400)
        XCTAssertGreaterThan((short + [filler]).reduce(0) { $0 + $1.utf8.count }, EmbeddingEngine.inlineStaticBytes)
        let onWorker = try await engine.embed(short + [filler])
        XCTAssertEqual(inPlace, Array(onWorker.prefix(3)))
    }

    func testDistillationCentresAndWeighsRows() {
        // Three "tokens" of width 2: a special one (ignored by the mean) and two real ones.
        let tokens = ["[PAD]", "hello", "world"]
        let u: [Float] = [9, 9, 1, 0, 0, 1]
        let (rows, mean) = StaticModelBuilder.distill(u, tokens: tokens, width: 2)
        XCTAssertEqual(mean, [0.5, 0.5])
        let weight = Float(log(2.0))  // ids below 1996 all have rank 1
        XCTAssertEqual(rows, [8.5, 8.5, 0.5, -0.5, -0.5, 0.5].map { $0 * weight })
        // From id 1996 on, the weight is log(1 + id − 1995).
        var many = [String](repeating: "w", count: 2000)
        many[0] = "[PAD]"
        var values = [Float](repeating: 0, count: 2000)
        values[1999] = 1
        let ranked = StaticModelBuilder.distill(values, tokens: many, width: 1)
        XCTAssertEqual(ranked.mean[0], 1 / 1999, accuracy: 1e-7)
        XCTAssertEqual(ranked.rows[1999], (1 - 1 / 1999) * Float(log(5.0)), accuracy: 1e-6)
        XCTAssertEqual(ranked.rows[1000], -1 / 1999 * Float(log(2.0)), accuracy: 1e-6)
    }

    func testMissingStaticModelIsAClearStartupError() async throws {
        let configuration = EmbeddingConfiguration(
            mode: .static, modelDirectory: try TestModel.directory, staticModelPath: "/nonexistent/static.safetensors", threads: 1
        )
        do {
            _ = try await EmbeddingEngine(configuration: configuration)
            XCTFail("loaded a static model that does not exist")
        } catch let error as EmbeddingError {
            XCTAssertEqual(error.code, .staticModelMissing)
            XCTAssertTrue(error.message.contains("build-static-model"), error.message)
        }
    }

    func testCorruptStaticModelIsRefused() async throws {
        let directory = try temporaryDirectory()
        let copy = directory + "/static.safetensors"
        var data = try Data(contentsOf: URL(fileURLWithPath: try TestModel.staticModelPath))
        data[data.count - 100] ^= 0x01
        try data.write(to: URL(fileURLWithPath: copy))
        let configuration = EmbeddingConfiguration(mode: .static, modelDirectory: try TestModel.directory, staticModelPath: copy, threads: 1)
        do {
            _ = try await EmbeddingEngine(configuration: configuration)
            XCTFail("loaded a corrupt static model")
        } catch let error as EmbeddingError {
            XCTAssertEqual(error.code, .checksumMismatch)
        }
    }
}

/// A fresh folder under the temporary directory for one test's files (which are all small).
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "triage-embedding-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
