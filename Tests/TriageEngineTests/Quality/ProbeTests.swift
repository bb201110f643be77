import Foundation
import Testing
@testable import TriageEngine

/// Tickets written for these tests in 16 languages (`Fixtures/probes.tsv` and its round-3, round-5 and round-6 parts), each with the issue type
/// the policy gives it: phrasing the lexicons were not written from, to catch coverage gaps.
@Suite struct ProbeTests {
    struct Probe: Sendable, CustomStringConvertible {
        var language: String
        /// The expected issue type (or, in the sentiment probes, the expected sentiment).
        var issue: String
        var text: String
        var description: String { "\(language) \(issue): \(text)" }
    }

    /// Split into parts of at most 400 lines, as the data files are.
    static let probes = load("probes.tsv") + load("probes-round3.tsv") + load("probes-round5.tsv") + load("probes-round6.tsv")
    static let sentimentProbes = load("sentiment-probes.tsv") + load("sentiment-probes-round3.tsv") + load("sentiment-probes-round5.tsv")
        + load("sentiment-probes-round6.tsv")

    static func load(_ name: String) -> [Probe] {
        let url = repositoryRoot.appendingPathComponent("Tests/TriageEngineTests/Fixtures/\(name)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            return fields.count == 3 ? Probe(language: fields[0], issue: fields[1], text: fields[2]) : nil
        }
    }

    /// At least this share of probes must get the right issue type and language.
    static let minimumAccuracy = 0.85

    @Test func probesAreLoaded() {
        // Both parts of each file (a missing round-3 part would drop below these).
        #expect(Self.probes.count >= 700)
        #expect(Self.sentimentProbes.count >= 400)
    }

    @Test func decisionProbesGetTheirUrgencyAndAction() throws {
        let rows = try ["decision-probes.tsv", "decision-probes-round3.tsv", "decision-probes-round5.tsv",
                         "decision-probes-round6.tsv"].flatMap { name in
            let url = repositoryRoot.appendingPathComponent("Tests/TriageEngineTests/Fixtures/\(name)")
            return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
                .map { $0.split(separator: "\t", maxSplits: 4).map(String.init) }.filter { $0.count == 5 }
        }
        #expect(rows.count >= 450)
        var wrong = [String]()
        for row in rows {
            let decision = decide(row[4], plan: row[1])
            if decision.urgency.value.rawValue != row[2] || decision.recommendedAction.value.rawValue != row[3] {
                wrong.append("\(row[0]) \(row[1]): \(row[4]) → \(decision.urgency.value.rawValue)/\(decision.recommendedAction.value.rawValue)")
            }
        }
        let accuracy = 1 - Double(wrong.count) / Double(max(rows.count, 1))
        #expect(accuracy >= Self.minimumAccuracy, "\(wrong.count) wrong:\n\(wrong.joined(separator: "\n"))")
    }

    @Test func sentimentProbesGetTheirTone() {
        var wrong = [String]()
        for probe in Self.sentimentProbes {
            let sentiment = analyze(probe.text).sentiment
            if sentiment.value.rawValue != probe.issue { wrong.append("\(probe) → \(sentiment.value.rawValue) \(sentiment.signals)") }
        }
        let accuracy = 1 - Double(wrong.count) / Double(max(Self.sentimentProbes.count, 1))
        #expect(accuracy >= Self.minimumAccuracy, "\(wrong.count) wrong:\n\(wrong.joined(separator: "\n"))")
    }

    @Test func probesGetTheirIssueType() {
        var wrong = [String]()
        for probe in Self.probes {
            let analysis = analyze(probe.text)
            if analysis.issueType.value.rawValue != probe.issue || analysis.language.value != probe.language {
                wrong.append("\(probe) → \(analysis.language.value)/\(analysis.issueType.value.rawValue)")
            }
        }
        let accuracy = 1 - Double(wrong.count) / Double(max(Self.probes.count, 1))
        #expect(accuracy >= Self.minimumAccuracy, "\(wrong.count) wrong:\n\(wrong.joined(separator: "\n"))")
    }
}
