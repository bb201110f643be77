import TriageCore

/// Where Redis is and how the service talks to it.
struct RedisSettings: Sendable {
    /// `REDIS_HOST` (default `redis`, the compose service name); a value starting with `/` is a
    /// Unix socket path.
    var host: String
    /// `REDIS_PORT` (default 6379).
    var port: Int
    /// `REDIS_USERNAME` (optional, for Redis ACL users) and `REDIS_PASSWORD` (optional).
    var username: String?
    var password: String?
    /// `REDIS_DB` (default 0).
    var database: Int
    /// `REDIS_POOL_SIZE` (default 4): connections, shared by all calls on the RPC event loop.
    var poolSize: Int
    /// `REDIS_CONNECT_TIMEOUT_MS` (default 300).
    var connectTimeout: Duration
    /// `REDIS_COMMAND_TIMEOUT_MS` (default 500): a command without an answer by then fails
    /// UNAVAILABLE and its connection is dropped (with the other calls on it).
    var commandTimeout: Duration
    /// `REDIS_REPLY_POLL_US` (default 300, 0 = off): while a command whose replies usually come
    /// back within this window is in flight, the event loop polls for its reply instead of
    /// sleeping (``ReplyPolling``). On a VM a sleeping loop's wake-up costs tens of microseconds,
    /// a third of a session read (docs/benchmarks.md); fsync'd writes take longer than the window
    /// and are not polled for, and under load replies slow down and polling stops by itself.
    var replyPoll: Duration

    init(
        host: String = "redis", port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0,
        poolSize: Int = 4, connectTimeout: Duration = .milliseconds(300), commandTimeout: Duration = .milliseconds(500),
        replyPoll: Duration = .microseconds(300)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.replyPoll = replyPoll
    }

    init(environment: Environment) throws(ConfigurationError) {
        self.init(
            host: environment.string("REDIS_HOST", default: "redis"),
            port: try environment.int("REDIS_PORT", default: 6379, in: 1...65535),
            username: environment["REDIS_USERNAME"],
            password: environment["REDIS_PASSWORD"],
            database: try environment.int("REDIS_DB", default: 0, in: 0...1023),
            poolSize: try environment.int("REDIS_POOL_SIZE", default: 4, in: 1...64),
            connectTimeout: try Self.timeout(environment, "REDIS_CONNECT_TIMEOUT_MS", default: .milliseconds(300)),
            commandTimeout: try Self.timeout(environment, "REDIS_COMMAND_TIMEOUT_MS", default: .milliseconds(500)),
            replyPoll: .microseconds(try environment.int("REDIS_REPLY_POLL_US", default: 300, in: 0...10_000))
        )
        if username != nil, password == nil {
            throw ConfigurationError(key: "REDIS_USERNAME", message: "needs REDIS_PASSWORD as well")
        }
    }

    private static func timeout(_ environment: Environment, _ key: String, default value: Duration) throws(ConfigurationError) -> Duration {
        let timeout = try environment.milliseconds(key, default: value)
        guard timeout >= .milliseconds(10), timeout <= .seconds(60) else {
            throw ConfigurationError(key: key, message: "must be between 10 and 60000 ms")
        }
        return timeout
    }

    var isUnixSocket: Bool { host.hasPrefix("/") }

    /// `host:port` or the socket path, for logs.
    var address: String { isUnixSocket ? host : "\(host):\(port)" }
}

extension RedisSettings: CustomStringConvertible {
    /// For logs: never the password.
    var description: String {
        "redis \(address) db \(database)\(username.map { " user \($0)" } ?? "")\(password == nil ? "" : " (password set)"), "
            + "pool \(poolSize), timeouts \(connectTimeout.inMilliseconds)/\(commandTimeout.inMilliseconds) ms, "
            + "reply polling \(replyPoll.inMicroseconds) µs"
    }
}
