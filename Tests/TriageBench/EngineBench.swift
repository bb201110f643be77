import Foundation
import TriageEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `triage-bench engine [--iterations N] [--rules-only]`: the triage engine's time per ticket (analyze + decide),
/// single thread, for a 1-message and a 10-message ticket, with knowledge hits and a known customer.
/// Wall-clock and thread CPU time are both reported: on a shared machine the CPU time is the
/// engine's own cost, the wall clock adds the waiting for a core.
enum EngineBench {
    static let oneMessage = TicketText(messages: [ConversationMessage(role: .customer, content:
        "Hi, I was charged twice for my Pro subscription this month (invoice INV-2024-0117, $49.99 each). Can you refund one of them? Thanks")])

    /// No lexicon phrase matches it, so the learned issue-type model is read (the other two cases are
    /// decided by the rules with confidence, and the model is not consulted).
    static let unmatched = TicketText(messages: [ConversationMessage(role: .customer, content:
        "Ciao, vorrei avere indietro i soldi dell'ultimo mese, non ho mai usato il servizio perché il mio team ha cambiato strumento.")])

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
        // --rules-only: without the learned issue-type model, to see what it costs.
        let engine = try TriageEngine(configuration: .init(learnedSignal: !arguments.contains("--rules-only")))
        let load = clock.now - loadStart
        let customer = CustomerContext(plan: "pro", tenureMonths: 14, seats: 12, region: "EU", previousTickets: 3)
        print("triage-bench engine: data \(engine.version), loaded in \(format(load)); \(iterations) iterations per case, single thread")
        print("case          wall p50   wall p99   cpu p50    cpu p99    mean (wall)")
        for (name, ticket) in [("1 message", oneMessage), ("10 messages", tenMessages), ("unmatched", unmatched)] {
            for _ in 0..<200 { _ = engine.triage(ticket, customer: customer, knowledge: KnowledgeResult(hits: hits)) }
            var samples = [Duration]()
            var cpu = [Duration]()
            samples.reserveCapacity(iterations)
            cpu.reserveCapacity(iterations)
            for _ in 0..<iterations {
                let start = clock.now
                let cpuStart = threadCPUTime()
                let decision = engine.decide(engine.analyze(ticket), customer: customer, knowledge: KnowledgeResult(hits: hits))
                cpu.append(threadCPUTime() - cpuStart)
                samples.append(clock.now - start)
                precondition(!decision.suggestedResponse.text.isEmpty)
            }
            samples.sort()
            cpu.sort()
            let mean = samples.reduce(Duration.zero, +) / samples.count
            let columns = [percentile(samples, 50), percentile(samples, 99), percentile(cpu, 50), percentile(cpu, 99)].map {
                format($0).padding(toLength: 10, withPad: " ", startingAt: 0)
            }
            print("\(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(columns.joined(separator: " ")) \(format(mean))")
        }
    }

    static func percentile(_ sorted: [Duration], _ p: Int) -> Duration {
        sorted[min(sorted.count - 1, sorted.count * p / 100)]
    }

    static func threadCPUTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
        return micros >= 1000 ? String(format: "%.2f ms", micros / 1000) : String(format: "%.1f µs", micros)
    }
}
