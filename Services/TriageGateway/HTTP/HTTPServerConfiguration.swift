import TriageCore

/// The HTTP front's settings, read once from the environment.
struct HTTPServerConfiguration: Sendable {
    /// `TRIAGE_HTTP_BIND`: 127.0.0.1 locally; containers set 0.0.0.0.
    var bindAddress: String
    /// `TRIAGE_HTTP_PORT`, default 8080 (0 picks a free port, for tests).
    var port: Int
    /// `TRIAGE_HTTP_MAX_BODY_BYTES`, default 1 MiB; larger bodies get 413.
    var maxBodyBytes: Int
    /// `TRIAGE_HTTP_THREADS`, default 2: MHD's polling threads (they never wait on a request).
    var threads: Int
    /// `TRIAGE_HTTP_IDLE_TIMEOUT_S`, default 30: an idle or stalled connection is closed.
    var idleTimeoutSeconds: Int
    /// `TRIAGE_HTTP_MAX_CONNECTIONS`, default 1024.
    var maxConnections: Int
    /// `TRIAGE_HTTP_SERVER_TIMING`, default true: triage answers say where their time went in a
    /// `Server-Timing` header (step and downstream call durations; no data). Off hides them from
    /// clients an operator does not trust with the system's internal timings.
    var serverTiming: Bool

    init(bindAddress: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, threads: Int = 2,
         idleTimeoutSeconds: Int = 30, maxConnections: Int = 1024, serverTiming: Bool = true) {
        self.bindAddress = bindAddress
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.threads = threads
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxConnections = maxConnections
        self.serverTiming = serverTiming
    }

    init(environment: Environment) throws(ConfigurationError) {
        self.init(
            bindAddress: environment.string("TRIAGE_HTTP_BIND", default: "127.0.0.1"),
            port: try environment.int("TRIAGE_HTTP_PORT", default: 8080, in: 0...65535),
            maxBodyBytes: try environment.int("TRIAGE_HTTP_MAX_BODY_BYTES", default: 1 << 20, in: 1024...(64 << 20)),
            threads: try environment.int("TRIAGE_HTTP_THREADS", default: 2, in: 1...64),
            idleTimeoutSeconds: try environment.int("TRIAGE_HTTP_IDLE_TIMEOUT_S", default: 30, in: 1...3600),
            maxConnections: try environment.int("TRIAGE_HTTP_MAX_CONNECTIONS", default: 1024, in: 1...100_000),
            serverTiming: try environment.bool("TRIAGE_HTTP_SERVER_TIMING", default: true)
        )
    }
}
