import Foundation
import Synchronization
import TestSupport
import Testing

/// Sustained load while services are killed and restarted: every answer is a 200 or a refusal the
/// contract documents (503 while nothing can be checkpointed, 504 past the deadline, 409 for new
/// messages on a completed ticket), client retries of the same request land once, nothing a 200
/// accepted is lost or stored twice, and full service returns without restarting the gateway.
///
/// A short run (about 12 s of load) is part of every test run; `TRIAGE_SOAK=1` makes it the long one
/// (5 minutes, or `TRIAGE_SOAK_SECONDS`), which also checks that the gateway's memory levels off.
@Suite("Gateway soak: load while services die and return", .serialized, .timeLimit(.minutes(60)))
struct SoakTests {
    static let long = ProcessInfo.processInfo.environment["TRIAGE_SOAK"] == "1"
    static let seconds = ProcessInfo.processInfo.environment["TRIAGE_SOAK_SECONDS"].flatMap(Int.init) ?? (long ? 300 : 12)

    @Test func nothingAcceptedIsLostOrDuplicatedWhileServicesDieAndReturn() async throws {
        try await withSystem(sessionReplicas: 2) { system in
            let ledger = SoakLedger()
            let start = ContinuousClock.now
            let loadEnds = start + .seconds(Self.seconds)
            let gatewayPID = system.gateway.pid
            try await Task.sleep(for: .seconds(1))
            let residentAtStart = residentKilobytes(gatewayPID)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<6 {
                    group.addTask { try await SoakClient(worker: worker, http: system.http, ledger: ledger).run(until: loadEnds) }
                }
                group.addTask { try await Self.killAndRestart(system, until: loadEnds) }
                try await group.waitForAll()
            }
            let residentAtEnd = residentKilobytes(gatewayPID)

            // Everything is back: the system is ready and answers in full.
            try await waitUntil("the system to be ready again", timeout: .seconds(30)) { (try? await system.http.get("/ready").status) == 200 }
            let after = try await system.http.post("/api/triage", json: ticket("customer_050", "How do I export my data to CSV?", info: ["plan": "free"]))
            #expect(after.status == 200, "\(after.text)")
            #expect((after.json?["degraded"] as? [String]) == [], "\(after.text)")

            let summary = ledger.summary
            #expect(summary.unexpected.isEmpty, "answers outside the contract: \(summary.unexpected.prefix(5))")
            if Self.seconds >= 6 {
                // The first outage (both session-service replicas) starts after 1 s and lasts 3 s.
                #expect(summary.refusalCodes[503, default: 0] > 0, "no request met session-service down: \(summary.refusalCodes)")
            }
            // A retry lands where the request did, also when the request joined another ticket by
            // meaning and completed it (the ticket is then found by the request's own id, an alias).
            #expect(summary.retriesElsewhere.isEmpty, "\(summary.retriesElsewhere.prefix(3))")
            let everywhere = summary.messagesByTicket.values.flatMap { $0 }
            #expect(everywhere.count == Set(everywhere).count, "a message accepted under two tickets")
            #expect(summary.accepted > Self.seconds * 3, "only \(summary.accepted) requests accepted in \(Self.seconds) s")
            for (ticketID, expected) in summary.messagesByTicket {
                let stored = try await system.http.get("/api/tickets/\(ticketID)")
                #expect(stored.status == 200, "\(ticketID): \(stored.text)")
                let customerMessages = ((stored.json?["messages"] as? [[String: Any]]) ?? [])
                    .filter { $0["role"] as? String == "customer" }.compactMap { $0["content"] as? String }
                #expect(customerMessages.sorted() == expected.sorted(), "\(ticketID): stored \(customerMessages), accepted \(expected)")
                if summary.lastStatus[ticketID] == "completed" {
                    #expect(stored.json?["status"] as? String == "completed", "\(ticketID) was answered as completed: \(stored.text)")
                }
            }
            for (ticketID, refused) in summary.refusedByTicket {
                let stored = try await system.http.get("/api/tickets/\(ticketID)")
                let contents = ((stored.json?["messages"] as? [[String: Any]]) ?? []).compactMap { $0["content"] as? String }
                #expect(Set(contents).isDisjoint(with: refused), "\(ticketID) stored a message it refused with 409")
            }
            if Self.long, let residentAtStart, let residentAtEnd {
                #expect(residentAtEnd < residentAtStart * 2 + 64_000, "gateway RSS \(residentAtStart) kB -> \(residentAtEnd) kB")
            }
            print("soak: \(Self.seconds) s, \(summary.accepted) accepted, \(summary.retried) client retries, "
                  + "\(summary.refusals) refusals (\(summary.refusalCodes)), \(summary.messagesByTicket.count) tickets, "
                  + "gateway RSS \(residentAtStart ?? 0) -> \(residentAtEnd ?? 0) kB")
        }
    }

    /// Kills processes (a session-service replica, knowledge-service, both session-service
    /// replicas at once, customer-service, the other replica) and restarts them after a pause, until
    /// the load ends; all are running after.
    private static func killAndRestart(_ system: TriageSystem, until end: ContinuousClock.Instant) async throws {
        // Both session-service replicas first, and each outage longer than the 2 s deadline, so that
        // even the short run sees requests refused with 503 and retried.
        let victims: [[(String, String)]] = [
            [("session-service", "s1"), ("session-service", "s2")], [("knowledge-service", "k1")],
            [("customer-service", "c1")], [("session-service", "s1")], [("session-service", "s2")],
        ]
        let pause: Duration = long ? .seconds(8) : .seconds(1)
        let outage: Duration = .seconds(3)
        var turn = 0
        while ContinuousClock.now + pause + outage < end {
            try await Task.sleep(for: pause)
            let processes = victims[turn % victims.count]
            turn += 1
            for (service, instance) in processes { system.process(service, instance)?.kill9() }
            try await Task.sleep(for: outage)
            for (service, instance) in processes { try await system.startService(service, instance: instance) }
        }
    }
}

/// One client: new tickets and follow-ups for its own five customers, each request retried with
/// the same body until it is answered, and now and then sent twice on purpose.
private struct SoakClient {
    let worker: Int
    let http: HTTPTestClient
    let ledger: SoakLedger

    private static let texts = [
        "How do I export my project data to CSV?",
        "We were charged twice for the Pro plan this month, please refund the duplicate charge",
        "The Slack integration stopped posting task notifications to our channel since yesterday",
        "I get error 403 when I open the shared board, my colleague says I am an editor",
        "Is there a dark mode in the mobile app?",
        "The dashboard takes about a minute to load since the last update",
    ]

    func run(until end: ContinuousClock.Instant) async throws {
        var active: [String] = []
        var number = 0
        while ContinuousClock.now < end {
            number += 1
            let text = "\(Self.texts[(worker + number) % Self.texts.count]) (client \(worker), message \(number))"
            // A unique timestamp per message: the same body sent again is a retry, never a new message.
            let sent = Date(timeIntervalSince1970: 1_796_428_800 + Double(worker * 1_000_000 + number))
            var body = ticket("customer_0\(10 + worker * 5 + number % 5)", text)
            body["messages"] = [["role": "customer", "content": text, "timestamp": ISO8601DateFormatter().string(from: sent)]]
            let followUp = number % 3 == 0 ? active.last : nil
            if let followUp { body["ticket_id"] = followUp }
            guard let answer = try await sendUntilAnswered(body, text: text, ticketID: followUp) else { continue }
            if answer.status == "active" { active.append(answer.ticketID) } else { active.removeAll { $0 == answer.ticketID } }
            if number % 7 == 0, let again = try await sendUntilAnswered(body, text: text, ticketID: followUp, retry: true) {
                ledger.expectSameTicket(again.ticketID, as: answer.ticketID, text: text)
            }
        }
    }

    /// Sends until a 200 or a 409; 503 and 504 are retried after a pause, as a client should.
    private func sendUntilAnswered(_ body: [String: Any], text: String, ticketID: String?, retry: Bool = false) async throws
        -> (ticketID: String, status: String)? {
        let giveUp = ContinuousClock.now + .seconds(60)
        var first = true
        while ContinuousClock.now < giveUp {
            let response = try await http.post("/api/triage", json: body)
            switch response.status {
            case 200:
                guard let id = response.string("ticket_id"), let status = response.string("status") else {
                    ledger.unexpected("200 without ticket_id or status: \(response.text)")
                    return nil
                }
                ledger.accepted(text, ticketID: id, status: status, retry: retry || !first)
                return (id, status)
            case 409 where ticketID != nil:
                // The follow-up's ticket was completed meanwhile: nothing may be written.
                ledger.refused(text, ticketID: ticketID!, code: 409)
                return nil
            case 503, 504:
                ledger.refused(text, ticketID: nil, code: response.status)
                first = false
                try await Task.sleep(for: .milliseconds(200))
            default:
                ledger.unexpected("\(response.status): \(response.text)")
                return nil
            }
        }
        ledger.unexpected("no answer in 60 s for \(text)")
        return nil
    }
}

/// What the clients were told, to compare with what the stores hold at the end.
private final class SoakLedger: Sendable {
    struct Summary {
        var messagesByTicket: [String: [String]] = [:]
        var lastStatus: [String: String] = [:]
        var refusedByTicket: [String: Set<String>] = [:]
        var unexpected: [String] = []
        var retriesElsewhere: [String] = []
        var accepted = 0
        var retried = 0
        var refusals = 0
        var refusalCodes: [Int: Int] = [:]
    }

    private let state = Mutex(Summary())

    var summary: Summary { state.withLock { $0 } }

    func accepted(_ text: String, ticketID: String, status: String, retry: Bool) {
        state.withLock { summary in
            summary.accepted += 1
            if retry { summary.retried += 1 }
            if !summary.messagesByTicket[ticketID, default: []].contains(text) { summary.messagesByTicket[ticketID, default: []].append(text) }
            summary.lastStatus[ticketID] = status
        }
    }

    func refused(_ text: String, ticketID: String?, code: Int) {
        state.withLock { summary in
            summary.refusals += 1
            summary.refusalCodes[code, default: 0] += 1
            if let ticketID { summary.refusedByTicket[ticketID, default: []].insert(text) }
        }
    }

    func expectSameTicket(_ ticketID: String, as original: String, text: String) {
        if ticketID != original { state.withLock { $0.retriesElsewhere.append("a retry of \(text) landed on \(ticketID), not \(original)") } }
    }

    func unexpected(_ what: String) {
        state.withLock { $0.unexpected.append(what) }
    }
}

/// The resident set size of a process in kB (Linux /proc), nil if it cannot be read.
private func residentKilobytes(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
    return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
}
