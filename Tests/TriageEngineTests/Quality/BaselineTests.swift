import Foundation
import Testing
@testable import TriageEngine

/// Accuracy on the labelled dataset must not drop more than 2 points below the recorded baseline
/// (`Fixtures/heldout-baseline.json`, written from `triage-eval --json`): held-out, train, and every
/// `dev*.jsonl` in the dataset folder (the tuned ones so that what a round fixed stays fixed, the
/// newest round's unseen set as it was scored). A dev file without a recorded baseline fails.
@Suite struct BaselineTests {
    struct Labelled: Decodable {
        struct Message: Decodable { var role: String; var content: String }
        struct Customer: Decodable { var plan: String; var seats: Int? }
        struct Metadata: Decodable { var subject: String? }
        var messages: [Message]
        var customer_info: Customer?
        var metadata: Metadata?
        var labels: [String: String]
    }

    /// The recorded splits by name (heldout, train, dev, dev-round7, …); `recorded_with` is a note.
    struct Baseline: Decodable {
        struct Split: Decodable { var tickets: Int; var accuracy: [String: Double] }
        var splits: [String: Split]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            var splits = [String: Split]()
            for key in container.allKeys where key.stringValue != "recorded_with" {
                splits[key.stringValue] = try container.decode(Split.self, forKey: key)
            }
            self.splits = splits
        }

        func split(_ name: String) throws -> Split {
            try #require(splits[name], "no baseline recorded for \(name); record it (triage-eval --json)")
        }
    }

    static let tolerance = 0.02

    static func accuracy(of file: URL) throws -> (count: Int, accuracy: [String: Double]) {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        var correct = [String: Int]()
        for line in lines {
            let row = try JSONDecoder().decode(Labelled.self, from: Data(line.utf8))
            let text = TicketText(messages: row.messages.map { ConversationMessage(role: $0.role == "agent" ? .agent : .customer, content: $0.content) },
                                  subject: row.metadata?.subject)
            let customer = row.customer_info.map { CustomerContext(plan: $0.plan, seats: $0.seats) }
            let d = sharedEngine.triage(text, customer: customer, knowledge: KnowledgeResult(hits: []))
            let values = ["language": d.language.value, "ticket_type": d.ticketType.value.rawValue, "issue_type": d.issueType.value.rawValue,
                          "product_area": d.productArea.value.rawValue, "sentiment": d.sentiment.value.rawValue,
                          "urgency": d.urgency.value.rawValue, "recommended_action": d.recommendedAction.value.rawValue]
            for (field, value) in values where row.labels[field] == value { correct[field, default: 0] += 1 }
        }
        let total = Double(max(lines.count, 1))
        return (lines.count, Dictionary(uniqueKeysWithValues: ["language", "ticket_type", "issue_type", "product_area", "sentiment", "urgency",
                                                                 "recommended_action"].map { ($0, Double(correct[$0] ?? 0) / total) }))
    }

    static func check(split: String, _ recorded: Baseline.Split) throws {
        let file = repositoryRoot.appendingPathComponent("Tests/Fixtures/tickets/\(split).jsonl")
        guard FileManager.default.fileExists(atPath: file.path) else {
            Issue.record("dataset \(file.path) is missing")
            return
        }
        let measured = try accuracy(of: file)
        #expect(measured.count == recorded.tickets, "\(split): the dataset changed size; re-record the baseline")
        for (field, baseline) in recorded.accuracy {
            let value = measured.accuracy[field] ?? 0
            #expect(value >= baseline - tolerance,
                    "\(split) \(field): \(String(format: "%.3f", value)) is below the recorded \(String(format: "%.3f", baseline)) minus 2 points")
        }
    }

    static var datasetPresent: Bool {
        FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("Tests/Fixtures/tickets/heldout.jsonl").path)
    }

    static func baseline() throws -> Baseline {
        let url = repositoryRoot.appendingPathComponent("Tests/TriageEngineTests/Fixtures/heldout-baseline.json")
        return try JSONDecoder().decode(Baseline.self, from: Data(contentsOf: url))
    }

    @Test(.enabled(if: datasetPresent, "the labelled dataset is not in this checkout"))
    func heldoutAccuracyHoldsTheBaseline() throws {
        try Self.check(split: "heldout", try Self.baseline().split("heldout"))
    }

    @Test(.enabled(if: datasetPresent, "the labelled dataset is not in this checkout"))
    func trainAccuracyHoldsTheBaseline() throws {
        try Self.check(split: "train", try Self.baseline().split("train"))
    }

    /// Every dev file in the dataset folder, so that a new round's set cannot go unguarded.
    @Test(.enabled(if: datasetPresent, "the labelled dataset is not in this checkout"))
    func devAccuracyHoldsTheBaseline() throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/tickets")
        let devSplits = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("dev") && $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
        #expect(devSplits.contains("dev") && devSplits.contains("dev-round11"))
        let baseline = try Self.baseline()
        for split in devSplits {
            guard let recorded = baseline.splits[split] else {
                Issue.record("no baseline recorded for \(split); record it (triage-eval --json)")
                continue
            }
            try Self.check(split: split, recorded)
        }
    }
}
