import Synchronization

/// One request at a time per ticket in this gateway. Requests for the same ticket (a follow-up
/// sent while the first message is still being triaged, or two messages matched to the same
/// active ticket) would otherwise race their compare-and-set checkpoints and retry; under load
/// they could lose every retry. Waiting here costs at most the holder's own deadline. Replicas of
/// the gateway do not share these locks: between them the compare-and-set writes and retries keep
/// a ticket correct.
final class TicketLocks: Sendable {
    /// A key is present while its ticket is held; its value is who waits, in arrival order.
    private let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` holding `ticketID`; `waited` tells it whether another request held the ticket
    /// first (so what it read about the ticket before may be stale).
    func holding<T>(_ ticketID: String, _ body: (_ waited: Bool) async throws -> T) async throws -> T {
        let waited = await acquire(ticketID)
        defer { release(ticketID) }
        return try await body(waited)
    }

    private func acquire(_ ticketID: String) async -> Bool {
        let free = waiters.withLock { table -> Bool in
            guard table[ticketID] == nil else { return false }
            table[ticketID] = []
            return true
        }
        if free { return false }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let handedOver = waiters.withLock { table -> Bool in
                // Released between the check above and now: take it.
                guard table[ticketID] != nil else {
                    table[ticketID] = []
                    return true
                }
                table[ticketID]!.append(continuation)
                return false
            }
            if handedOver { continuation.resume() }
        }
        return true
    }

    private func release(_ ticketID: String) {
        let next = waiters.withLock { table -> CheckedContinuation<Void, Never>? in
            guard var queue = table[ticketID] else { return nil }
            guard !queue.isEmpty else {
                table[ticketID] = nil
                return nil
            }
            let first = queue.removeFirst()
            table[ticketID] = queue
            return first
        }
        // Ownership passes straight to the next waiter (the key stays present).
        next?.resume()
    }

    /// Tickets held or waited for (for tests).
    var heldCount: Int { waiters.withLock { $0.count } }
}
