import Foundation
import TriageEngine

/// `triage-bench engine [--iterations N]`: the triage engine's CPU time per ticket (analyze + decide),
/// single thread, for a 1-message and a 10-message ticket, with knowledge hits and a known customer.
enum EngineBench {
    static let oneMessage = TicketText(messages: [ConversationMessage(role: .customer, content:
        "Hi, I was charged twice for my Pro subscription this month (invoice INV-2024-0117, $49.99 each). Can you refund one of them? Thanks")])

    static let tenMessages: TicketText = {
        let turns: [(MessageRole, String)] = [
            (.customer, "The CSV export of our Q3 report keeps failing with \"Export failed\" since this morning."),
            (.agent, "Sorry about that! Which project are you exporting, and roughly how many rows?"),
            (.customer, "Project Apollo, about 120,000 rows. We tried Chrome and Firefox."),
            (.agent, "Thanks. Could you try a shorter date range to see if a smaller file works?"),
            (.customer, "A single month works, but we need the whole quarter for the board."),
            (.agent, "Understood. I've asked our engineers to look at the large export."),
            (.customer, "El equipo de finanzas también lo necesita, ¿hay alguna novedad?"),
            (.agent, "Not yet, the team is investigating the export job."),
            (.customer, "It's still failing. Our board meeting is in 3 hours and the whole team is blocked."),
            (.customer, "Please, this is urgent: we need the export today or we have nothing to present!"),
        ]
        return TicketText(messages: turns.map { ConversationMessage(role: $0.0, content: $0.1) }, subject: "Export failing")
    }()

    static let hits = [
        KnowledgeHit(id: "kb_013", title: "Exports that fail, time out or are incomplete", category: "technical", score: 0.78,
                     snippet: "Large exports run in the background.\n1. Check the export limits of your plan.\n2. Reduce the size."),
        KnowledgeHit(id: "kb_002", title: "Double charges", category: "billing", score: 0.81,
                     snippet: "If you see two charges, open Settings > Billing > Invoices and compare the invoice numbers."),
    ]

    static func run(_ arguments: [String]) async throws {
        var iterations = 5_000
        if let index = arguments.firstIndex(of: "--iterations"), index + 1 < arguments.count, let n = Int(arguments[index + 1]) {
            iterations = n
        }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let engine = try TriageEngine()
        let load = clock.now - loadStart
        let customer = CustomerContext(plan: "pro", tenureMonths: 14, seats: 12, region: "EU", previousTickets: 3)
        print("triage-bench engine: data \(engine.version), loaded in \(format(load)); \(iterations) iterations per case, single thread")
        print("case          p50        p99        mean")
        for (name, ticket) in [("1 message", oneMessage), ("10 messages", tenMessages)] {
            for _ in 0..<200 { _ = engine.triage(ticket, customer: customer, knowledge: KnowledgeResult(hits: hits)) }
            var samples = [Duration]()
            samples.reserveCapacity(iterations)
            for _ in 0..<iterations {
                let start = clock.now
                let decision = engine.decide(engine.analyze(ticket), customer: customer, knowledge: KnowledgeResult(hits: hits))
                samples.append(clock.now - start)
                precondition(!decision.suggestedResponse.text.isEmpty)
            }
            samples.sort()
            let p50 = samples[samples.count / 2]
            let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
            let mean = samples.reduce(Duration.zero, +) / samples.count
            print("\(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(format(p50).padding(toLength: 10, withPad: " ", startingAt: 0)) \(format(p99).padding(toLength: 10, withPad: " ", startingAt: 0)) \(format(mean))")
        }
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
        return micros >= 1000 ? String(format: "%.2f ms", micros / 1000) : String(format: "%.1f µs", micros)
    }
}
