import Foundation
import TriageEngine

/// Scores decisions against labels and prints the report.
struct Report {
    struct Outcome {
        var ticket: LabelledTicket
        var decision: TriageDecision
    }

    let outcomes: [Outcome]

    func accuracy(_ field: Field, _ subset: [Outcome]? = nil) -> (correct: Int, total: Int) {
        let rows = subset ?? outcomes
        let correct = rows.filter { $0.ticket.labels[field.rawValue] == field.value($0.decision) }.count
        return (correct, rows.count)
    }

    static func percent(_ pair: (correct: Int, total: Int)) -> String {
        pair.total == 0 ? "-" : String(format: "%.1f%%", 100 * Double(pair.correct) / Double(pair.total))
    }

    func print(showErrors: Bool, dataset: String, knowledge: String) {
        var out = "triage-eval \(dataset): \(outcomes.count) tickets, engine data \(outcomes.first?.decision.engineVersion ?? "-"), knowledge: \(knowledge)\n\n"
        out += "field                accuracy   correct/total\n"
        for field in Field.allCases {
            let a = accuracy(field)
            out += "\(field.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(Self.percent(a).padding(toLength: 10, withPad: " ", startingAt: 0)) \(a.correct)/\(a.total)\n"
        }
        out += "\n" + confusion(.urgency, ["critical", "high", "medium", "low"])
        out += "\n" + confusion(.recommended_action, ["escalate_human", "route_specialist", "auto_respond"])
        out += "\nper language (all seven fields per ticket; then urgency, action, ticket_type, sentiment)\n"
        let languages = Dictionary(grouping: outcomes) { $0.ticket.labels["language"] ?? "?" }
        for (language, rows) in languages.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
            let all = Field.allCases.map { accuracy($0, rows) }
            let overall = (all.reduce(0) { $0 + $1.correct }, all.reduce(0) { $0 + $1.total })
            out += "  \(language)  n=\(String(rows.count).padding(toLength: 3, withPad: " ", startingAt: 0)) overall \(Self.percent(overall).padding(toLength: 7, withPad: " ", startingAt: 0))"
            out += "  urg \(Self.percent(accuracy(.urgency, rows)))  act \(Self.percent(accuracy(.recommended_action, rows)))"
            out += "  type \(Self.percent(accuracy(.ticket_type, rows)))  sent \(Self.percent(accuracy(.sentiment, rows)))"
            out += "  lang \(Self.percent(accuracy(.language, rows)))\n"
        }
        let unclear = outcomes.filter { $0.decision.issueType.value == .unclear }.count
        let labelledUnclear = outcomes.filter { $0.ticket.labels["issue_type"] == "unclear" }.count
        out += "\nissue_type unclear: engine \(unclear), labels \(labelledUnclear) (an engine 'unclear' on a clear ticket means no lexicon phrase matched)\n"
        let cited = outcomes.filter { !$0.decision.citedArticles.isEmpty }.count
        let autos = outcomes.filter { $0.decision.recommendedAction.value == .autoRespond }
        let autoCited = autos.filter { !$0.decision.citedArticles.isEmpty }.count
        out += "\ncitations: \(cited)/\(outcomes.count) tickets cite an article; \(autoCited)/\(autos.count) auto_respond replies are grounded in one\n"
        let wrong = outcomes.filter { o in Field.allCases.contains { o.ticket.labels[$0.rawValue] != $0.value(o.decision) } }
        out += "tickets with at least one wrong field: \(wrong.count)/\(outcomes.count)\n"
        if showErrors {
            out += "\nwrong tickets\n"
            for o in wrong {
                let diffs = Field.allCases.filter { o.ticket.labels[$0.rawValue] != $0.value(o.decision) }
                    .map { "\($0.rawValue): \(o.ticket.labels[$0.rawValue] ?? "?") → got \($0.value(o.decision))" }
                let text = o.ticket.messages.last(where: { $0.role == "customer" })?.content ?? ""
                out += "- \(o.ticket.id) [\(o.ticket.labels["language"] ?? "?"), \(o.ticket.customer_info?.plan ?? "unknown")] \(diffs.joined(separator: "; "))\n"
                out += "    text: \(String(text.prefix(160)).replacingOccurrences(of: "\n", with: " "))\n"
                out += "    why:  \(o.ticket.why ?? "")\n"
                out += "    rule: urgency \(o.decision.urgency.rule); action \(o.decision.recommendedAction.rule); issue \(o.decision.issueType.signals.prefix(2).joined(separator: " | "))\n"
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    func confusion(_ field: Field, _ values: [String]) -> String {
        var out = "\(field.rawValue) confusion (rows: label, columns: engine)\n"
        let width = 17
        out += "".padding(toLength: width, withPad: " ", startingAt: 0) + values.map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined() + "\n"
        for label in values {
            out += label.padding(toLength: width, withPad: " ", startingAt: 0)
            for predicted in values {
                let count = outcomes.filter { $0.ticket.labels[field.rawValue] == label && field.value($0.decision) == predicted }.count
                out += String(count).padding(toLength: width, withPad: " ", startingAt: 0)
            }
            out += "\n"
        }
        return out
    }

    /// Accuracy per field as JSON, for the recorded baseline.
    func json() -> String {
        let fields = Field.allCases.map { field -> String in
            let a = accuracy(field)
            return "    \"\(field.rawValue)\": \(String(format: "%.4f", Double(a.correct) / Double(max(a.total, 1))))"
        }
        return "{\n  \"tickets\": \(outcomes.count),\n  \"accuracy\": {\n" + fields.joined(separator: ",\n") + "\n  }\n}\n"
    }
}
