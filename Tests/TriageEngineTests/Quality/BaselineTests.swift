import Foundation
import Testing
@testable import TriageEngine

/// Accuracy on the labelled dataset must not drop more than 2 points below the recorded baseline
/// (`Fixtures/heldout-baseline.json`, written from `triage-eval --json`): held-out, and the tuned
/// splits (train, dev, dev-round7 to dev-round10) so that what a round fixed stays fixed, and the
/// round-11 set, which no round has tuned on.
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

    struct Baseline: Decodable {
        struct Split: Decodable { var tickets: Int; var accuracy: [String: Double] }
        var heldout: Split
        var train: Split
        /// The tuned splits written after train: a regression guard for what their rounds fixed.
        var dev: Split
        var devRound7: Split
        var devRound8: Split
        var devRound9: Split
        var devRound10: Split
        var devRound11: Split

        enum CodingKeys: String, CodingKey {
            case heldout, train, dev
            case devRound7 = "dev-round7"
            case devRound8 = "dev-round8"
            case devRound9 = "dev-round9"
            case devRound10 = "dev-round10"
            case devRound11 = "dev-round11"
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
        try Self.check(split: "heldout", try Self.baseline().heldout)
    }

    @Test(.enabled(if: datasetPresent, "the labelled dataset is not in this checkout"))
    func trainAccuracyHoldsTheBaseline() throws {
        try Self.check(split: "train", try Self.baseline().train)
    }

    @Test(.enabled(if: datasetPresent, "the labelled dataset is not in this checkout"))
    func devAccuracyHoldsTheBaseline() throws {
        try Self.check(split: "dev", try Self.baseline().dev)
        try Self.check(split: "dev-round7", try Self.baseline().devRound7)
        try Self.check(split: "dev-round8", try Self.baseline().devRound8)
        try Self.check(split: "dev-round9", try Self.baseline().devRound9)
        try Self.check(split: "dev-round10", try Self.baseline().devRound10)
        try Self.check(split: "dev-round11", try Self.baseline().devRound11)
    }
}
