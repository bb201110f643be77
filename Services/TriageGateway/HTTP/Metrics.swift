import Foundation
import Synchronization

/// Counters and histograms in the Prometheus text exposition format (`GET /metrics`).
final class Metrics: Sendable {
    /// Upper bounds (seconds) shared by every latency histogram.
    static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Histogram {
        var buckets: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    private struct Family {
        let help: String
        let type: String
        var counters: [String: Double] = [:]
        var histograms: [String: Histogram] = [:]
    }

    private let families = Mutex<[String: Family]>([:])

    init() {}

    func increment(_ name: String, help: String, labels: [(String, String)] = [], by value: Double = 1) {
        let key = Self.labelText(labels)
        families.withLock { families in
            families[name, default: Family(help: help, type: "counter")].counters[key, default: 0] += value
        }
    }

    func observe(_ name: String, help: String, labels: [(String, String)] = [], seconds: Double) {
        let key = Self.labelText(labels)
        families.withLock { families in
            var family = families[name] ?? Family(help: help, type: "histogram")
            var histogram = family.histograms[key] ?? Histogram(buckets: Array(repeating: 0, count: Self.latencyBuckets.count))
            for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound { histogram.buckets[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            family.histograms[key] = histogram
            families[name] = family
        }
    }

    /// Everything, in the text format (version 0.0.4).
    func exposition() -> String {
        let snapshot = families.withLock { $0 }
        var out = ""
        for name in snapshot.keys.sorted() {
            let family = snapshot[name]!
            out += "# HELP \(name) \(family.help)\n# TYPE \(name) \(family.type)\n"
            for key in family.counters.keys.sorted() {
                out += "\(name)\(key.isEmpty ? "" : "{\(key)}") \(Self.number(family.counters[key]!))\n"
            }
            for key in family.histograms.keys.sorted() {
                let histogram = family.histograms[key]!
                let prefix = key.isEmpty ? "" : "\(key),"
                for (index, bound) in Self.latencyBuckets.enumerated() {
                    out += "\(name)_bucket{\(prefix)le=\"\(Self.number(bound))\"} \(histogram.buckets[index])\n"
                }
                out += "\(name)_bucket{\(prefix)le=\"+Inf\"} \(histogram.count)\n"
                out += "\(name)_sum\(key.isEmpty ? "" : "{\(key)}") \(Self.number(histogram.sum))\n"
                out += "\(name)_count\(key.isEmpty ? "" : "{\(key)}") \(histogram.count)\n"
            }
        }
        return out
    }

    private static func labelText(_ labels: [(String, String)]) -> String {
        labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
