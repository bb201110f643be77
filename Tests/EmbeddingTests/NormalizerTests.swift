import Foundation
import XCTest
@testable import Embedding

/// Every code point through the normaliser and the pre-tokenizer's punctuation rule, compared with
/// what Hugging Face `tokenizers` does (`Reference/unicode.json`, from `reference.py unicode`). This
/// is what would catch a Swift toolchain with newer Unicode data changing token ids.
final class NormalizerTests: XCTestCase {
    private struct Table: Decodable {
        let dropped: [[UInt32]]
        let whitespace: [[UInt32]]
        let cjk: [[UInt32]]
        let punctuation: [[UInt32]]
        let mapped: [String: String]
    }

    func testEveryCodePointNormalisesLikeTheReference() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestModel.referenceDirectory + "/unicode.json"))
        let table = try JSONDecoder().decode(Table.self, from: data)
        func set(_ ranges: [[UInt32]]) -> Set<UInt32> { Set(ranges.flatMap { $0[0]...$0[1] }) }
        let dropped = set(table.dropped), whitespace = set(table.whitespace), cjk = set(table.cjk)
        let punctuation = set(table.punctuation)
        var mapped: [UInt32: [Unicode.Scalar]] = [:]
        for (key, value) in table.mapped {
            mapped[UInt32(key, radix: 16)!] = value.split(separator: " ").map { Unicode.Scalar(UInt32($0, radix: 16)!)! }
        }
        XCTAssertGreaterThan(dropped.count, 100_000, "the table is complete")
        var failures: [String] = []
        var checked = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            checked += 1
            let expected: [Unicode.Scalar] =
                if dropped.contains(value) { [] }
                else if whitespace.contains(value) { [" "] }
                else if cjk.contains(value) { [" ", scalar, " "] }
                else { mapped[value] ?? [scalar] }
            let actual = BertNormalizer.normalize(CollectionOfOne(scalar))
            if actual != expected {
                failures.append(String(format: "U+%04X normalises to %@, expected %@", value, "\(actual)", "\(expected)"))
            }
            if expected == [scalar], BertNormalizer.isPunctuation(scalar) != punctuation.contains(value) {
                failures.append(String(format: "U+%04X punctuation: %@", value, "\(!punctuation.contains(value))"))
            }
        }
        XCTAssertEqual(checked, 0x110000 - 0x800)
        XCTAssertTrue(failures.isEmpty, "\(failures.count) code points differ, e.g.\n" + failures.prefix(20).joined(separator: "\n"))
    }
}
