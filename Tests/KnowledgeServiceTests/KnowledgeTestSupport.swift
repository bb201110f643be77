import Foundation
import TestSupport
import TriageContracts
import TriageRPC

/// One entry of `Fixtures/labelled-queries.json` (see the README there).
struct LabelledQuery: Decodable, Sendable {
    var query: String
    var language: String
    var expected: [String]
    var category: String

    static func all() throws -> [LabelledQuery] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/labelled-queries.json")
        return try JSONDecoder().decode([LabelledQuery].self, from: Data(contentsOf: url))
    }
}

/// Copies the demo knowledge base to a fresh directory (for tests that edit or remove articles).
func copyOfDemoKB(into directory: String) throws -> String {
    let target = "\(directory)/kb"
    try FileManager.default.copyItem(atPath: KnowledgeFixture.demoKB, toPath: target)
    return target
}

/// Recall@3 over labelled queries, counted per language.
struct RecallTally: CustomStringConvertible {
    var hits: [String: Int] = [:]
    var totals: [String: Int] = [:]
    var misses: [String] = []

    mutating func record(_ query: LabelledQuery, returned: [String]) {
        totals[query.language, default: 0] += 1
        if returned.prefix(3).contains(where: query.expected.contains) {
            hits[query.language, default: 0] += 1
        } else {
            misses.append("[\(query.language)] \(query.query.prefix(70)) → expected \(query.expected.joined(separator: "|")), got \(returned.prefix(3).joined(separator: ", "))")
        }
    }

    var hitCount: Int { hits.values.reduce(0, +) }
    var total: Int { totals.values.reduce(0, +) }
    var recall: Double { total == 0 ? 0 : Double(hitCount) / Double(total) }

    func recall(_ language: String) -> Double { Double(hits[language, default: 0]) / Double(max(totals[language, default: 0], 1)) }

    var description: String {
        let languages = totals.keys.sorted { $0 == "en" ? true : $1 == "en" ? false : $0 < $1 }
        var lines = languages.map { String(format: "  %@ %3d/%3d  %5.1f%%", $0, hits[$0, default: 0], totals[$0, default: 0], 100 * recall($0)) }
        let other = languages.filter { $0 != "en" }
        let otherHits = other.reduce(0) { $0 + hits[$1, default: 0] }, otherTotal = other.reduce(0) { $0 + totals[$1, default: 0] }
        lines.append(String(format: "  non-English %d/%d  %.1f%%", otherHits, otherTotal, 100 * Double(otherHits) / Double(max(otherTotal, 1))))
        lines.append(String(format: "  all %d/%d  %.1f%%", hitCount, total, 100 * recall))
        return lines.joined(separator: "\n")
    }
}

/// A JSON number from JSONSerialization, whichever type it arrived as.
func number(_ value: Any?) -> Double? {
    switch value {
    case let value as Double: value
    case let value as Int: Double(value)
    case let value as Int64: Double(value)
    case let value as NSNumber: value.doubleValue
    default: nil
    }
}
