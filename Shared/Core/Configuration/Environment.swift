import Foundation

/// The process environment, read once at start-up into each service's typed configuration.
///
/// Tests pass a dictionary instead of mutating the real environment. An empty value counts
/// as unset, so `FOO= service` behaves like leaving `FOO` out.
public struct Environment: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public static var process: Environment { Environment(ProcessInfo.processInfo.environment) }

    public subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    public func string(_ key: String, default defaultValue: String) -> String {
        self[key] ?? defaultValue
    }

    /// A value parsed by `parse`; a value that does not parse is an error naming the key.
    public func value<T>(_ key: String, default defaultValue: T, parse: (String) -> T?) throws(ConfigurationError) -> T {
        guard let raw = self[key] else { return defaultValue }
        guard let value = parse(raw) else {
            throw ConfigurationError(key: key, message: "'\(raw)' is not a valid value")
        }
        return value
    }

    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>? = nil) throws(ConfigurationError) -> Int {
        let value = try self.value(key, default: defaultValue) { Int($0.trimmingCharacters(in: .whitespaces)) }
        if let range, !range.contains(value) {
            throw ConfigurationError(key: key, message: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        try value(key, default: defaultValue) { raw in
            switch raw.lowercased() {
            case "1", "true", "yes", "on": true
            case "0", "false", "no", "off": false
            default: nil
            }
        }
    }

    /// A duration given in milliseconds, e.g. `TRIAGE_DRAIN_TIMEOUT_MS=5000`.
    public func milliseconds(_ key: String, default defaultValue: Duration) throws(ConfigurationError) -> Duration {
        guard let raw = self[key] else { return defaultValue }
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError(key: key, message: "'\(raw)' is not a whole number of milliseconds")
        }
        guard value >= 0 else { throw ConfigurationError(key: key, message: "must not be negative") }
        return .milliseconds(value)
    }
}
