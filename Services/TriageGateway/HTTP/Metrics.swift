import Synchronization

/// Counters and histograms in the Prometheus text exposition format (`GET /metrics`).
final class Metrics: Sendable {
    /// Upper bounds (seconds) shared by every latency histogram.
    static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Histogram {
        var buckets = [UInt64](repeating: 0, count: Metrics.latencyBuckets.count)
        var sum: Double = 0
        var count: UInt64 = 0

        mutating func add(_ seconds: Double) {
            for (index, bound) in Metrics.latencyBuckets.enumerated() where seconds <= bound { buckets[index] += 1 }
            sum += seconds
            count += 1
        }
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
            // In place: copying the family out and back would copy its dictionary on every call.
            families[name, default: Family(help: help, type: "histogram")].histograms[key, default: Histogram()].add(seconds)
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

    static func labelText(_ labels: [(String, String)]) -> String {
        var text = ""
        for (index, (name, value)) in labels.enumerated() {
            if index > 0 { text += "," }
            text += name
            text += "=\""
            text += escape(value)
            text += "\""
        }
        return text
    }

    /// The exposition format's escapes for a label value: backslash, double quote, line feed.
    /// Called on every observation, so the usual value (none of the three) is returned as it is.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
