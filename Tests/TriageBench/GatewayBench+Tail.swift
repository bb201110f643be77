import Foundation

/// One answer's end-to-end latency, as its client measured it, with the gateway's account of where
/// the time went (its `Server-Timing` header).
struct TimedAnswer: Sendable {
    let latency: Duration
    /// How late the request was sent against its schedule (open loop): its client was still
    /// waiting for its previous answer, or woke up late.
    let behindSchedule: Duration
    let serverTiming: String

    /// The header's durations in milliseconds, by name (`resolve`, `session-service.UpdateSession`, …).
    var durations: [(name: String, milliseconds: Double)] {
        serverTiming.split(separator: ",").compactMap { metric in
            let parts = metric.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first,
                  let duration = parts.dropFirst().first(where: { $0.hasPrefix("dur=") }).flatMap({ Double($0.dropFirst(4)) })
            else { return nil }
            return (name, duration)
        }
    }
}

extension GatewayBench {
    /// Where the slowest answers' time went, beside the typical answer's: the /metrics breakdown
    /// gives means over every request, which hide what makes the p99.
    static func printTail(_ rows: [(Int, [TimedAnswer])]) {
        for (clients, answers) in rows where answers.count >= 200 {
            let sorted = answers.sorted { $0.latency < $1.latency }
            let middle = Array(sorted[(sorted.count * 45 / 100)..<(sorted.count * 55 / 100)])
            let slowest = Array(sorted[(sorted.count * 99 / 100)...])
            let groups = [("all", sorted), ("p45–p55", middle), ("slowest 1%", slowest)]
            print("\nWhere one answer's time goes at \(clients) clients: mean ms per answer, from each answer's Server-Timing header")
            print("(steps contain the calls made in them; concurrent calls overlap; \"outside the workflow\" is the client's latency minus the gateway's total: HTTP, queueing, and, in an open loop, a request sent late because its client was still waiting for its previous answer)")
            print("| step or call | " + groups.map { "\($0.0) (\($0.1.count))" }.joined(separator: " | ") + " |")
            print("|---|" + String(repeating: "---|", count: groups.count))
            let sums = groups.map { _, answers in
                answers.reduce(into: [String: Double]()) { sums, answer in
                    for (name, milliseconds) in answer.durations { sums[name, default: 0] += milliseconds }
                }
            }
            var names: [String] = []
            for answer in sorted.prefix(500) {
                for (name, _) in answer.durations where !names.contains(name) { names.append(name) }
            }
            for name in names.filter({ $0 != "total" }) + ["total"] {
                let cells = zip(groups, sums).map { group, sum in String(format: "%.2f", (sum[name] ?? 0) / Double(group.1.count)) }
                print("| \(name) | " + cells.joined(separator: " | ") + " |")
            }
            let latency = groups.map { _, answers in answers.reduce(0.0) { $0 + $1.latency.milliseconds } / Double(answers.count) }
            let outside = zip(latency, zip(groups, sums)).map { latency, group in latency - (group.1["total"] ?? 0) / Double(group.0.1.count) }
            let behind = groups.map { _, answers in answers.reduce(0.0) { $0 + $1.behindSchedule.milliseconds } / Double(answers.count) }
            print("| outside the workflow | " + outside.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " |")
            print("| of which sent behind schedule | " + behind.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " |")
            print("| client latency | " + latency.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " |")
        }
    }
}

private extension Duration {
    var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
