import Synchronization
import TriageCore

/// A request whose reply an event loop is waiting for (see ``EventLoop/requestSent(kind:)``).
package struct AwaitedReply: Sendable {
    let kind: String
    let sentAt: ContinuousClock.Instant
    /// Whether the loop polls for this reply rather than sleeping.
    let polled: Bool
    /// Whether its reply time is learned (polling is on for its kind of request).
    let learns: Bool
}

/// When an event loop polls for a reply instead of going to sleep.
///
/// On a VM, waking a sleeping thread costs tens of microseconds on both sides (an interrupt to
/// an idle vCPU; docs/benchmarks.md), which is more than a fast peer needs to answer. So while a
/// reply that usually comes back within the window is awaited, the loop polls for up to the
/// window after the latest such request, and reads the reply the moment it lands. Replies that
/// usually take longer (an fsync'd write, a search) are not polled for: spinning through them
/// would only burn CPU, and on a small VM it slows the host's I/O for everyone. How long a kind
/// of reply takes is learned per kind (an RPC method, a store command) as a moving average.
/// Nothing is polled for when nothing is awaited, so an idle or purely serving process sleeps.
///
/// The window is the loop's (for RPC replies) unless a request brings its own: session-service
/// polls for Redis' replies by default (`REDIS_REPLY_POLL_US`) while its loop's RPC window is off.
package final class ReplyPolling: Sendable {
    let window: Duration
    private let polledReplies = Atomic<Int>(0)
    /// The end of the latest window opened by a polled request, in µs since ``epoch``.
    private let pollUntil = Atomic<Int64>(0)
    /// Mean reply time per kind, in microseconds (exponentially weighted, 1/8 per sample).
    private let means = Mutex<[String: Int64]>([:])

    init(window: Duration) {
        self.window = window
    }

    /// `window` overrides the loop's for this request.
    func requestSent(kind: String, window: Duration? = nil) -> AwaitedReply {
        let now = ContinuousClock.now
        let window = window ?? self.window
        guard window > .zero else { return AwaitedReply(kind: kind, sentAt: now, polled: false, learns: false) }
        let mean = means.withLock { $0[kind] }
        // Unknown kinds are polled for once, to learn them.
        let polled = mean.map { $0 < window.inMicroseconds } ?? true
        if polled {
            polledReplies.add(1, ordering: .relaxed)
            pollUntil.max((now + window - Self.epoch).inMicroseconds, ordering: .relaxed)
        }
        return AwaitedReply(kind: kind, sentAt: now, polled: polled, learns: true)
    }

    /// `answered` is false for a reply that will never come (a timeout, a lost connection),
    /// which teaches nothing about how long replies take.
    func finished(_ awaited: AwaitedReply, answered: Bool) {
        if awaited.polled { polledReplies.add(-1, ordering: .relaxed) }
        guard awaited.learns, answered else { return }
        let elapsed = (ContinuousClock.now - awaited.sentAt).inMicroseconds
        means.withLock { means in
            let mean = means[awaited.kind] ?? elapsed
            means[awaited.kind] = mean + (elapsed - mean) / 8
        }
    }

    /// Until when the loop should poll rather than sleep; nil when no polled reply is awaited.
    func pollDeadline() -> ContinuousClock.Instant? {
        guard polledReplies.load(ordering: .relaxed) > 0 else { return nil }
        return Self.epoch + .microseconds(pollUntil.load(ordering: .relaxed))
    }

    private static let epoch = ContinuousClock.now
}
