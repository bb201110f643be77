/// A structured logger: one JSON object per line on standard error.
///
/// Loggers are cheap values; copy one and add metadata for a narrower scope
/// (`var log = logger; log[metadataKey: "call_id"] = "7"`). Writing never blocks the caller:
/// lines go to a background thread (see ``LogSink``).
public struct Logger: Sendable {
    public typealias Metadata = [String: LogValue]

    /// The process that logs, e.g. `customer-service`; every line carries it.
    public var service: String
    public var logLevel: LogLevel
    public var metadata: Metadata
    private let sink: LogSink

    public init(service: String, logLevel: LogLevel = .info, metadata: Metadata = [:], sink: LogSink = .standardError) {
        self.service = service
        self.logLevel = logLevel
        self.metadata = metadata
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> LogValue? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func isEnabled(_ level: LogLevel) -> Bool { level >= logLevel }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        guard level >= logLevel else { return }
        var line = LogLine()
        line.begin(level: level, service: service, message: message())
        let extra = extra()
        for (key, value) in metadata.merging(extra, uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            line.append(key: key, value: value)
        }
        sink.write(line.finish())
    }

    public func trace(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.trace, message(), extra())
    }
    public func debug(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.debug, message(), extra())
    }
    public func info(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.info, message(), extra())
    }
    public func notice(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.notice, message(), extra())
    }
    public func warning(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.warning, message(), extra())
    }
    public func error(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.error, message(), extra())
    }
    public func critical(_ message: @autoclosure () -> String, _ extra: @autoclosure () -> Metadata = [:]) {
        log(.critical, message(), extra())
    }
}

extension Logger {
    /// A logger configured from `TRIAGE_LOG_LEVEL` (default `info`).
    public init(service: String, environment: Environment) throws(ConfigurationError) {
        let level = try environment.value("TRIAGE_LOG_LEVEL", default: LogLevel.info) { LogLevel(name: $0) }
        self.init(service: service, logLevel: level)
    }
}
