// triage-eval: runs the triage engine over a labelled dataset and reports how well it does.
//   swift run triage-eval [DATASET.jsonl] [--show-errors] [--kb DIR] [--json] [--resources DIR] [--rules-only]
// --rules-only turns the learned issue-type model off (the lexicon rules alone, for comparison).
//   swift run triage-eval --dump-probes OUT.jsonl   (the probes' readings for the learned-signal experiment)
//   swift run triage-eval DATASET.jsonl --dump-dataset OUT.jsonl   (the same for a labelled split, never held-out)
// --resources reads the engine's data files from DIR instead of the bundled ones (e.g. to measure
// the rules with an older lexicon: an ablation of what phrasing coverage contributes).
// Without a dataset argument it reads Tests/Fixtures/tickets/train.jsonl. Knowledge hits come from
// a local keyword index over the demo knowledge base (deploy/demo/kb by default) when it exists.

import Foundation
import TriageEngine

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
    usage: triage-eval [DATASET.jsonl] [--show-errors] [--json] [--rules-only] [--kb DIR] [--resources DIR]
           triage-eval --text TEXT [--plan free|pro|enterprise|unknown] [--resources DIR]
           triage-eval --dump-probes OUT.jsonl | DATASET.jsonl --dump-dataset OUT.jsonl | --time-file FILE
    Per-field accuracy, urgency and action confusion matrices, per-language accuracy and (with
    --show-errors) every wrong ticket; the dataset defaults to Tests/Fixtures/tickets/train.jsonl.
    """)
    exit(0)
}
@MainActor func take(_ flag: String) -> Bool {
    guard let index = arguments.firstIndex(of: flag) else { return false }
    arguments.remove(at: index)
    return true
}
@MainActor func value(_ flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
    return value
}
let showErrors = take("--show-errors")
let rulesOnly = take("--rules-only")
let textPlan = value("--plan")
let asJSON = take("--json")
let kbDirectory = value("--kb") ?? "deploy/demo/kb"
let explain = value("--text")
let resources = value("--resources")
let dumpProbes = value("--dump-probes")
let dumpDataset = value("--dump-dataset")
let dataset = arguments.first ?? "Tests/Fixtures/tickets/train.jsonl"

do {
    let engine = try TriageEngine(configuration: TriageEngine.Configuration(resourceDirectory: resources.map { URL(fileURLWithPath: $0) },
                                                                            learnedSignal: !rulesOnly))
    if let dumpProbes {
        // Experiment aid: every probe text's reading and its urgency/action grid (ProbeDump.swift).
        try ProbeDump.run(engine: engine, fixtures: "Tests/TriageEngineTests/Fixtures",
                          taxonomy: (resources ?? "Services/TriageGateway/Engine/Resources") + "/taxonomy.json", output: dumpProbes)
        exit(0)
    }
    if let file = value("--time-file") {
        // Development aid: analyse and decide one file's text many times, for profiling.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        for _ in 0..<20 {
            let elapsed = clock.measure { _ = engine.triage(TicketText(messages: [ConversationMessage(role: .customer, content: text)]),
                                                            customer: nil, knowledge: KnowledgeResult(hits: [])) }
            best = min(best, elapsed)
        }
        print("best of 20: \(best)")
        exit(0)
    }
    if let explain {
        let decision = engine.triage(TicketText(messages: [ConversationMessage(role: .customer, content: explain)]),
                                     customer: textPlan.flatMap { $0 == "unknown" ? nil : CustomerContext(plan: $0) },
                                     knowledge: KnowledgeResult(hits: []))
        print("urgency = \(decision.urgency.value.rawValue)  action = \(decision.recommendedAction.value.rawValue)")
        for detail in decision.reasoningDetails {
            print("\(detail.field) = \(detail.value)  [\(detail.rule)]")
            for signal in detail.signals { print("    \(signal)") }
        }
        print(decision.reasoning)
        print(decision.suggestedResponse.text)
        exit(0)
    }
    let tickets = try LabelledTicket.load(dataset)
    let index = FileManager.default.fileExists(atPath: kbDirectory) ? try LocalKnowledgeIndex(directory: kbDirectory) : nil
    if let dumpDataset {
        try ProbeDump.runDataset(engine: engine, dataset: dataset, index: index,
                                 taxonomy: (resources ?? "Services/TriageGateway/Engine/Resources") + "/taxonomy.json", output: dumpDataset)
        exit(0)
    }
    let outcomes = tickets.map { ticket -> Report.Outcome in
        let analysis = engine.analyze(ticket.ticket)
        let knowledge = index.map { KnowledgeResult(hits: $0.search(analysis.knowledgeQuery)) } ?? KnowledgeResult(hits: [])
        return Report.Outcome(ticket: ticket, decision: engine.decide(analysis, customer: ticket.customer, knowledge: knowledge))
    }
    let report = Report(outcomes: outcomes)
    if asJSON {
        FileHandle.standardOutput.write(Data(report.json().utf8))
    } else {
        let source = index.map { "local keyword index over \(kbDirectory) (\($0.articles.count) articles)" } ?? "none (no \(kbDirectory))"
        report.print(showErrors: showErrors, dataset: dataset, knowledge: source)
    }
} catch {
    FileHandle.standardError.write(Data("triage-eval: \(error)\n".utf8))
    exit(1)
}
