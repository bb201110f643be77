import XCTest
@testable import Embedding

final class TokenizerTests: XCTestCase {
    private func tokenizer() throws -> BertTokenizer {
        BertTokenizer(vocabulary: try ModelFiles.loadVocabulary(from: try TestModel.directory))
    }

    func testReferenceCasesMatchHuggingFaceExactly() throws {
        let tokenizer = try tokenizer()
        let fixture = try ReferenceFixture.load()
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 10)
        for item in fixture.cases {
            XCTAssertEqual(tokenizer.encode(item.text, maxTokens: fixture.maxTokens), item.ids, "case \(item.name)")
        }
        for item in fixture.tokenizerCases {
            XCTAssertEqual(tokenizer.encode(item.text, maxTokens: fixture.maxTokens), item.ids, "text \(item.text.debugDescription)")
        }
    }

    func testSpecialTokensAndEmptyText() throws {
        let tokenizer = try tokenizer()
        XCTAssertEqual(tokenizer.encode(""), [101, 102])
        XCTAssertEqual(tokenizer.encode("hello world"), [101, 7592, 2088, 102])
        // Literal special tokens are recognised case-sensitively, before normalisation.
        XCTAssertEqual(tokenizer.encode("[MASK]"), [101, 103, 102])
        XCTAssertNotEqual(tokenizer.encode("[mask]"), [101, 103, 102])
    }

    func testTruncatesToMaxTokensIncludingSpecials() throws {
        let tokenizer = try tokenizer()
        let long = Array(repeating: "help", count: 400).joined(separator: " ")
        let ids = tokenizer.encode(long, maxTokens: 256)
        XCTAssertEqual(ids.count, 256)
        XCTAssertEqual(ids.first, 101)
        XCTAssertEqual(ids.last, 102)
        XCTAssertEqual(tokenizer.encode(long).count, 402, "no limit without maxTokens")
    }

    func testWordsOver100ScalarsBecomeUnknown() throws {
        let tokenizer = try tokenizer()
        XCTAssertEqual(tokenizer.encode(String(repeating: "a", count: 101)), [101, 100, 102])
        XCTAssertEqual(tokenizer.encode(String(repeating: "a", count: 100)).count > 3, true)
        XCTAssertEqual(tokenizer.encode("\u{200B}"), [101, 102], "zero-width space is dropped")
    }
}

final class VocabularyTests: XCTestCase {
    /// Every entry must be found again, continuations (`##…`) in the continuation table without the
    /// prefix; a lookup keyed on grapheme clusters instead of bytes loses entries like "##ा".
    func testEveryEntryIsFoundInItsTable() throws {
        let vocabulary = try ModelFiles.loadVocabulary(from: try TestModel.directory)
        XCTAssertEqual(vocabulary.count, 30522)
        var continuations = 0
        for (index, token) in vocabulary.tokens.enumerated() {
            XCTAssertEqual(vocabulary.id(of: token), Int32(index), token)
            let bytes = Array(token.utf8)
            if bytes.count > 2, bytes[0] == 0x23, bytes[1] == 0x23 {
                continuations += 1
                let found = Array(bytes.dropFirst(2)).withUnsafeBufferPointer { vocabulary.continuations.id(of: $0) }
                XCTAssertEqual(found, Int32(index), token)
            }
        }
        XCTAssertGreaterThan(continuations, 5000)
        XCTAssertNil(vocabulary.id(of: "no-such-token"))
    }
}
