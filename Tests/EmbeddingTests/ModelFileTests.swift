import Foundation
import XCTest
@testable import Embedding

final class ModelFileTests: XCTestCase {
    func testMissingModelIsAClearStartupError() async throws {
        let configuration = EmbeddingConfiguration(modelDirectory: "/nonexistent/model", threads: 1)
        do {
            _ = try await EmbeddingEngine(configuration: configuration)
            XCTFail("started without a model")
        } catch let error as EmbeddingError {
            XCTAssertEqual(error.code, .modelMissing)
            XCTAssertTrue(error.message.contains("TRIAGE_MODEL_DIR"), error.message)
        }
    }

    /// Weights that are not the pinned checkpoint are refused even when they are well formed.
    func testDifferentWeightsFailTheChecksum() async throws {
        let directory = try temporaryDirectory()
        var writer = SafeTensorsWriter()
        writer.add("embeddings.word_embeddings.weight", shape: [2, 384], values: [Float](repeating: 0.5, count: 768))
        try writer.write(to: directory + "/model.safetensors")
        try FileManager.default.copyItem(atPath: try TestModel.directory + "/vocab.txt", toPath: directory + "/vocab.txt")
        do {
            _ = try await EmbeddingEngine(configuration: EmbeddingConfiguration(modelDirectory: directory, threads: 1))
            XCTFail("accepted weights with the wrong checksum")
        } catch let error as EmbeddingError {
            XCTAssertEqual(error.code, .checksumMismatch)
            XCTAssertTrue(error.message.contains(ModelFiles.weightsSHA256), error.message)
        }
    }

    func testDifferentVocabularyFailsTheChecksum() throws {
        let directory = try temporaryDirectory()
        try "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n".write(toFile: directory + "/vocab.txt", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ModelFiles.loadVocabulary(from: directory)) { error in
            XCTAssertEqual((error as? EmbeddingError)?.code, .checksumMismatch)
        }
    }

    func testSafeTensorsRoundTripAndShapeChecks() throws {
        let path = try temporaryDirectory() + "/t.safetensors"
        var writer = SafeTensorsWriter()
        writer.add("a", shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        writer.add("b", shape: [1], values: [-7])
        writer.metadata = ["recipe": "test"]
        try writer.write(to: path)
        let file = try SafeTensors(path: path)
        XCTAssertEqual(Array(try file.floats("a", shape: [2, 3])), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(Array(try file.floats("b", shape: [1])), [-7])
        XCTAssertEqual(file.metadata, ["recipe": "test"])
        XCTAssertEqual(file.dataOffset % 8, 0)
        XCTAssertThrowsError(try file.floats("a", shape: [3, 2])) { XCTAssertEqual(($0 as? EmbeddingError)?.code, .invalidModel) }
        XCTAssertThrowsError(try file.floats("c", shape: [1])) { XCTAssertEqual(($0 as? EmbeddingError)?.code, .invalidModel) }
    }

    func testMalformedSafeTensorsAreRejected() throws {
        let directory = try temporaryDirectory()
        let cases: [(String, [UInt8])] = [
            ("short", [1, 2, 3]),
            ("length past end", [0xFF, 0, 0, 0, 0, 0, 0, 0, 0x7B]),
            ("not json", [4, 0, 0, 0, 0, 0, 0, 0] + Array("nope".utf8)),
            ("range past end", header(#"{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#) + [0, 0, 0, 0]),
            ("no shape", header(#"{"x":{"dtype":"F32","data_offsets":[0,4]}}"#) + [0, 0, 0, 0]),
        ]
        for (name, bytes) in cases {
            let path = directory + "/\(name).safetensors"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try SafeTensors(path: path), name) { XCTAssertEqual(($0 as? EmbeddingError)?.code, .invalidModel, name) }
        }
    }

    /// The 8-byte little-endian length, then the JSON.
    private func header(_ json: String) -> [UInt8] {
        let bytes = Array(json.utf8)
        return (0..<8).map { UInt8(truncatingIfNeeded: bytes.count >> (8 * $0)) } + bytes
    }

    func testSHA256KnownAnswers() {
        XCTAssertEqual(SHA256.hex(of: Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        // Fed in uneven pieces, the digest is the same as in one go.
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        var hasher = SHA256()
        var offset = 0
        for piece in [1, 63, 64, 65, 1000, 7] + [Int](repeating: 100_000, count: 10) where offset < million.count {
            let end = min(million.count, offset + piece)
            million[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(digest, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
