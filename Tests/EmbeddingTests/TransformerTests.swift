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
        }
    }
}
