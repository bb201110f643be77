import Foundation
import TriageEngine

/// `triage-eval --dump-probes OUT.jsonl`: the engine's reading of every probe text of
/// `Tests/TriageEngineTests/Fixtures/*.tsv`, one JSON line per distinct text, for the learned-signal
/// experiment (`Services/TriageGateway/Engine/Tools/learned_experiment.py`).
///
/// Besides what the rules decide, each line holds the urgency and action the policy tables give for
/// every (issue type, sentiment) the text could be assigned, per plan of its decision probes: a
/// combination that overrides the rules' issue type or sentiment can then be scored in Python
/// against any engine version (the experiment runs it on the engine as it was before round 3 too),
/// with the engine's own tables deciding urgency and action. Only public API is used, so the same
/// file builds against older engines.
enum ProbeDump {
    /// Every probe file of every tuning round (`probes*.tsv`, `sentiment-probes*.tsv`,
    /// `decision-probes*.tsv`), read from the directory so that a new round's files are never left out.
    static func fixtureFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { name in
            name.hasSuffix(".tsv") && ["probes", "sentiment-probes", "decision-probes"].contains { name.hasPrefix($0) }
        }.sorted()
    }

    struct Row {
        var file: String
        var language: String
        var label: String
        var plan: String?
        var urgency: String?
        var action: String?
        var text: String
    }

    static func rows(in directory: String) throws -> [Row] {
        try fixtureFiles(in: directory).flatMap { name -> [Row] in
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> Row? in
                if name.hasPrefix("decision") {
                    let f = line.split(separator: "\t", maxSplits: 4).map(String.init)
                    guard f.count == 5 else { return nil }
                    return Row(file: name, language: f[0], label: "", plan: f[1], urgency: f[2], action: f[3], text: f[4])
                }
                let f = line.split(separator: "\t", maxSplits: 2).map(String.init)
                guard f.count == 3 else { return nil }
                return Row(file: name, language: f[0], label: f[1], text: f[2])
            }
        }
    }

    /// Ticket type of each issue type, from the taxonomy file (`legal_threat` is decided per ticket).
    static func ticketTypes(taxonomy path: String) throws -> [String: String] {
        struct File: Decodable { struct Issue: Decodable { var ticket_type: String }; var issues: [String: Issue] }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        return file.issues.mapValues(\.ticket_type)
    }

    static func run(engine: TriageEngine, fixtures: String, taxonomy: String, output: String) throws {
        let rows = try rows(in: fixtures)
        let types = try ticketTypes(taxonomy: taxonomy)
        var order = [String]()
        var byText = [String: [Row]]()
        for row in rows {
            if byText[row.text] == nil { order.append(row.text) }
            byText[row.text, default: []].append(row)
        }
        var lines = [String]()
        for text in order {
            let group = byText[text] ?? []
            let ticket = TicketText(messages: [ConversationMessage(role: .customer, content: text)])
            let analysis = engine.analyze(ticket)
            var object: [String: Any] = [
                "text": text,
                "probes": group.map { row -> [String: Any] in
                    var probe: [String: Any] = ["file": row.file, "language": row.language]
                    if let plan = row.plan { probe["plan"] = plan; probe["urgency"] = row.urgency ?? ""; probe["action"] = row.action ?? "" }
                    else { probe["label"] = row.label }
                    return probe
                },
                "rules": fields(analysis),
            ]
            var decisions = [String: Any]()
            for plan in Set(group.compactMap(\.plan)).sorted() {
                decisions[plan] = grid(engine: engine, analysis: analysis, customer: CustomerContext(plan: plan),
                                       knowledge: KnowledgeResult(hits: []), types: types)
            }
            object["decisions"] = decisions
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(lines.count) texts (\(rows.count) probe rows) to \(output)")
    }

    /// The rules' decision, and the urgency and action for every (issue type, sentiment) the ticket could be given.
    static func grid(engine: TriageEngine, analysis: TicketAnalysis, customer: CustomerContext?, knowledge: KnowledgeResult,
                     types: [String: String]) -> [String: Any] {
        let decision = engine.decide(analysis, customer: customer, knowledge: knowledge)
        func outcome(_ changed: TicketAnalysis) -> String {
            let d = engine.decide(changed, customer: customer, knowledge: knowledge)
            return "\(d.urgency.value.rawValue)|\(d.recommendedAction.value.rawValue)"
        }
        var grid = [String: String]()
        for issue in IssueType.allCases {
            let mapped = TicketType(rawValue: types[issue.rawValue] ?? "general") ?? .general
            let ticketTypes: [TicketType] = issue == .legalThreat ? [.billing, .general] : [mapped]
            for type in ticketTypes {
                for sentiment in Sentiment.allCases {
                    var changed = analysis
                    changed.issueType.value = issue
                    changed.ticketType.value = type
                    changed.sentiment.value = sentiment
                    changed.policyTone = sentiment
                    let key = issue == .legalThreat ? "\(issue.rawValue)/\(type.rawValue)|\(sentiment.rawValue)" : "\(issue.rawValue)|\(sentiment.rawValue)"
                    grid[key] = outcome(changed)
                }
            }
        }
        // The rules' own issue and ticket type with every sentiment (a ticket type need not follow
        // from the issue: an unmatched failure is technical).
        var sentimentGrid = [String: String]()
        for sentiment in Sentiment.allCases {
            var changed = analysis
            changed.sentiment.value = sentiment
            changed.policyTone = sentiment
            sentimentGrid[sentiment.rawValue] = outcome(changed)
        }
        return ["urgency": decision.urgency.value.rawValue, "action": decision.recommendedAction.value.rawValue,
                "urgency_rule": decision.urgency.rule, "action_rule": decision.recommendedAction.rule, "grid": grid,
                "sentiment_grid": sentimentGrid]
    }

    /// `--dump-dataset DATASET.jsonl OUT.jsonl`: the same for the labelled tickets of a split (never held-out),
    /// each with its own customer and the local knowledge index's hits, as `triage-eval` scores them.
    static func runDataset(engine: TriageEngine, dataset: String, index: LocalKnowledgeIndex?, taxonomy: String, output: String) throws {
        guard !dataset.hasSuffix("heldout.jsonl") else { throw EvalError("the held-out split is not dumped") }
        let types = try ticketTypes(taxonomy: taxonomy)
        var lines = [String]()
        for ticket in try LabelledTicket.load(dataset) {
            let analysis = engine.analyze(ticket.ticket)
            let knowledge = index.map { KnowledgeResult(hits: $0.search(analysis.knowledgeQuery)) } ?? KnowledgeResult(hits: [])
            let object: [String: Any] = ["id": ticket.id, "labels": ticket.labels, "rules": fields(analysis),
                                         "decision": grid(engine: engine, analysis: analysis, customer: ticket.customer,
                                                          knowledge: knowledge, types: types)]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(lines.count) tickets to \(output)")
    }

    static func fields(_ analysis: TicketAnalysis) -> [String: Any] {
        [
            "language": analysis.language.value,
            "issue_type": analysis.issueType.value.rawValue, "issue_confidence": analysis.issueType.confidence,
            "issue_rule": analysis.issueType.rule, "issue_signals": analysis.issueType.signals,
            "ticket_type": analysis.ticketType.value.rawValue, "product_area": analysis.productArea.value.rawValue,
            "sentiment": analysis.sentiment.value.rawValue, "sentiment_confidence": analysis.sentiment.confidence,
            "sentiment_rule": analysis.sentiment.rule, "sentiment_signals": analysis.sentiment.signals,
            "cues": analysis.cues.map(\.name),
        ]
    }
}
