#if canImport(Glibc)
import Glibc
#endif

/// Waiting for a libpq socket with a deadline: the only place a connection's thread sleeps.
enum SocketWait {
    struct Readiness {
        var readable: Bool
        var writable: Bool
    }

    /// Returns when `fd` is ready (or has an error to report); nil when `deadline` passed first.
    static func wait(fd: Int32, read: Bool, write: Bool, until deadline: ContinuousClock.Instant) -> Readiness? {
        var events: Int16 = 0
        if read { events |= Int16(POLLIN) }
        if write { events |= Int16(POLLOUT) }
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return nil }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let timeout = Int32(clamping: remaining.inMillisecondsRoundedUp)
            let count = poll(&descriptor, 1, timeout)
            if count < 0 {
                if errno == EINTR { continue }
                // An unusable descriptor: report it ready so libpq's next call surfaces the error.
                return Readiness(readable: true, writable: true)
            }
            if count == 0 { continue }  // re-check the deadline; poll may wake a little early
            let failed = descriptor.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0
            return Readiness(readable: failed || descriptor.revents & Int16(POLLIN) != 0,
                             writable: failed || descriptor.revents & Int16(POLLOUT) != 0)
        }
    }

    /// Whether `fd` has input right now (without waiting).
    static func hasInput(fd: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }
}
