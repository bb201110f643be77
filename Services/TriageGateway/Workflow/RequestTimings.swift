import Synchronization

/// Where one request's time went: every workflow step and downstream call it made, summed by name.
/// The gateway returns it in a `Server-Timing` header (W3C Server Timing), because `/metrics` only
/// has means and buckets over all requests, and the slow answers a client sees are the ones to
/// explain. The workflow finds the record through a task local, which child tasks (the concurrent
/// calls of one step) inherit.
final class RequestTimings: Sendable {
    @TaskLocal static var current: RequestTimings?

    private struct Entry {
        var name: String
        var seconds: Double
        var count: Int
    }

    private let entries = Mutex<[Entry]>([])

    /// Adds `seconds` under `name` (a token: letters, digits, `-`, `.`, `_`), in first-seen order.
    func add(_ name: String, seconds: Double) {
        entries.withLock { entries in
            if let index = entries.firstIndex(where: { $0.name == name }) {
                entries[index].seconds += seconds
                entries[index].count += 1
            } else {
                entries.append(Entry(name: name, seconds: seconds, count: 1))
            }
        }
    }

    /// The header's value, e.g. `resolve;dur=1.52, session-service.UpdateSession;dur=3.10;desc="3 calls"`
    /// (durations in milliseconds, as the format specifies).
    var headerValue: String {
        entries.withLock { entries in
            entries.map { entry in
                let milliseconds = (entry.seconds * 1_000_000).rounded() / 1000
                let description = entry.count > 1 ? ";desc=\"\(entry.count) calls\"" : ""
                return "\(entry.name);dur=\(milliseconds)\(description)"
            }.joined(separator: ", ")
        }
    }
}
