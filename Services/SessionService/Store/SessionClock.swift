#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Wall-clock time in Unix microseconds, and message timestamps that strictly increase within
/// this process, so that two messages stamped by the service never share a timestamp (the
/// chat_messages key in PostgreSQL is (ticket_id, created_at)).
final class SessionClock: Sendable {
    private let lastStamp = Atomic<Int64>(0)

    init() {}

    func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }

    /// A timestamp later than every one this clock handed out before.
    func nextMessageStamp() -> Int64 {
        let now = now()
        var last = lastStamp.load(ordering: .relaxed)
        while true {
            let next = max(now, last + 1)
            let (exchanged, original) = lastStamp.compareExchange(expected: last, desired: next, ordering: .relaxed)
            if exchanged { return next }
            last = original
        }
    }
}
