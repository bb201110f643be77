import Synchronization
import Testing
@testable import TriageGateway

@Suite("Per-ticket serialisation in the gateway")
struct TicketLocksTests {
    /// What the holders saw, shared between the test's tasks.
    final class Record: Sendable {
        struct State { var inside = 0, most = 0, entered = 0, waited = 0 }
        let state = Mutex(State())
    }

    @Test func requestsForOneTicketRunOneAtATime() async throws {
        let locks = TicketLocks()
        let record = Record()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await locks.holding("TKT-1") { waited in
                        record.state.withLock { state in
                            state.inside += 1
                            state.most = max(state.most, state.inside)
                            state.entered += 1
                            if waited { state.waited += 1 }
                        }
                        try await Task.sleep(for: .milliseconds(2))
                        record.state.withLock { $0.inside -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seen = record.state.withLock { $0 }
        #expect(seen.most == 1, "two requests held the same ticket at once")
        #expect(seen.entered == 20)
        #expect(seen.waited >= 1, "some requests found the ticket held")
        #expect(locks.heldCount == 0, "nothing stays held")
    }

    @Test func differentTicketsDoNotWaitAndAFailureReleases() async throws {
        let locks = TicketLocks()
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await locks.holding("TKT-A") { _ in throw Failure() }
        }
        let waited = try await locks.holding("TKT-A") { waitedA in
            try await locks.holding("TKT-B") { waitedB in waitedA || waitedB }
        }
        #expect(!waited)
        #expect(locks.heldCount == 0)
    }
}
