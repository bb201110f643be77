import Synchronization
import Testing
import TriageContracts
import TriageEngine
@testable import TriageGateway

@Suite("Lookups started while a ticket is resolved")
struct PrefetchedLookupsTests {
    static let text = TicketText(messages: [ConversationMessage(role: .customer, content: "We were charged twice")])
    static let lookups = TicketLookups(customer: (nil, SessionCustomerContext(source: .default), false),
                                       knowledge: (.unavailable, true))

    /// Whether the lookups saw their cancellation, and whether they ended.
    final class Seen: Sendable {
        let state = Mutex((cancelled: false, ended: false))
    }

    /// Lookups that take a minute unless cancelled.
    static func slow(_ seen: Seen) -> PrefetchedLookups {
        PrefetchedLookups(text: text) {
            try? await Task.sleep(for: .seconds(60))
            seen.state.withLock { $0 = (Task.isCancelled, true) }
            return lookups
        }
    }

    @Test func theResultIsTheLookups() async {
        let prefetched = PrefetchedLookups(text: Self.text) { Self.lookups }
        let value = await prefetched.value()
        #expect(value.knowledge.degraded)
        #expect(value.customer.stored.source == .default)
        #expect(prefetched.text == Self.text)
    }

    @Test func cancellingStopsLookupsNobodyWaitsFor() async throws {
        let seen = Seen()
        let prefetched = Self.slow(seen)
        let start = ContinuousClock.now
        prefetched.cancel()
        _ = await prefetched.value()
        #expect(ContinuousClock.now - start < .seconds(10), "the lookups ran on after being cancelled")
        #expect(seen.state.withLock { $0 } == (cancelled: true, ended: true))
    }

    @Test func aCancelledWaiterCancelsTheLookups() async throws {
        let seen = Seen()
        let prefetched = Self.slow(seen)
        let waiter = Task { await prefetched.value() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        _ = await waiter.value
        #expect(seen.state.withLock { $0 } == (cancelled: true, ended: true))
    }
}
