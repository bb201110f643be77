import XCTest
@testable import Embedding

final class TransformerTests: XCTestCase {
    func testHelloWorldMatchesPublishedReference() async throws {
        let engine = try await Engines.shared.engine(.transformer)
        let vector = try await engine.embed("hello world")
        XCTAssertEqual(vector.count, 384)
        let published: [Float] = [-0.034477, 0.031023, 0.006735, 0.026109, -0.039362]
        for (index, expected) in published.enumerated() {
            XCTAssertEqual(vector[index], expected, accuracy: 1e-4, "component \(index)")
        }
    }

    func testMatchesNumpyReferenceForEveryFixture() async throws {
        let engine = try await Engines.shared.engine(.transformer)
        let fixture = try ReferenceFixture.load()
        for item in fixture.cases {
            let vector = try await engine.embed(item.text)
            XCTAssertEqual(vector.count, item.vector.count)
            let worst = zip(vector, item.vector).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(worst, 1e-4, "case \(item.name): largest difference \(worst)")
            let ids = try await engine.tokenize(item.text)
            XCTAssertEqual(ids, item.ids, "case \(item.name)")
        }
    }

    /// A batch is packed (the texts' rows end to end); each text must come out as if embedded alone.
    func testBatchEqualsOneAtATimeAndKeepsOrder() async throws {
        let engine = try await Engines.shared.engine(.transformer)
        let texts = try ReferenceFixture.load().cases.map(\.text) + ["refund", "", "hello world"]
        let batch = try await engine.embed(texts)
        XCTAssertEqual(batch.count, texts.count)
        for (index, text) in texts.enumerated() {
            let alone = try await engine.embed(text)
            let worst = zip(alone, batch[index]).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(worst, 1e-5, "text \(index)")
        }
        let empty = try await engine.embed([String]())
        XCTAssertTrue(empty.isEmpty)
    }

    func testConcurrentCallsGiveTheSameVectors() async throws {
        let engine = try await Engines.shared.engine(.transformer)
        let texts = ["reset my password", "refund the duplicate charge", "export to CSV fails", "dark mode please"]
        let sequential = try await engine.embed(texts)
        let concurrent = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for _ in 0..<3 {
                for (index, text) in texts.enumerated() {
                    group.addTask { (index, try await engine.embed(text)) }
                }
            }
            var results: [(Int, [Float])] = []
            for try await result in group { results.append(result) }
            return results
        }
        XCTAssertEqual(concurrent.count, 12)
        for (index, vector) in concurrent {
            XCTAssertLessThan(zip(vector, sequential[index]).map { abs($0 - $1) }.max()!, 1e-5)
        }
    }

    func testIdentityOfTheModel() async throws {
        let engine = try await Engines.shared.engine(.transformer)
        XCTAssertEqual(engine.mode, .transformer)
        XCTAssertEqual(engine.dimension, 384)
        XCTAssertEqual(engine.maxTokens, 256)
        XCTAssertEqual(engine.modelIdentifier, "all-MiniLM-L6-v2:transformer:53aa51172d142c89")
    }
}

final class SemanticTests: XCTestCase {
    func testDoubleChargeIsCloserToBillingThanToServerErrors() async throws {
        for mode in [EmbeddingMode.transformer, .static] {
            let engine = try await Engines.shared.engine(mode)
            let vectors = try await engine.embed([
                "I was charged twice", "billed two times for one subscription", "the API returns 500 errors",
            ])
            let billing = dot(vectors[0], vectors[1]), server = dot(vectors[0], vectors[2])
            XCTAssertGreaterThan(billing, server + 0.1, "\(mode): billing \(billing), server errors \(server)")
        }
    }

    /// For each sentence of Reference/paraphrases.json, is the nearest other sentence a paraphrase?
    /// The transformer gets ~0.92 of them; the static mode, which loses word order and context, ~0.6.
    func testParaphrasesAreNearestNeighbours() async throws {
        let groups = try ParaphraseFixture.load().groups
        let texts = groups.flatMap { $0 }
        let labels = groups.enumerated().flatMap { index, group in group.map { _ in index } }
        for (mode, minimum) in [(EmbeddingMode.transformer, 0.85), (.static, 0.5)] {
            let vectors = try await Engines.shared.engine(mode).embed(texts)
            var hits = 0
            for i in texts.indices {
                let nearest = texts.indices.filter { $0 != i }.max { dot(vectors[i], vectors[$0]) < dot(vectors[i], vectors[$1]) }!
                if labels[nearest] == labels[i] { hits += 1 }
            }
            let accuracy = Double(hits) / Double(texts.count)
            print("paraphrase top-1 accuracy, \(mode): \(accuracy)")
            XCTAssertGreaterThanOrEqual(accuracy, minimum, "\(mode)")
        }
    }
}

func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
