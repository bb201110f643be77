import TriageCore

/// How sessions are kept: key prefix, lifetime and size limits.
struct SessionStoreSettings: Sendable {
    /// `REDIS_KEY_PREFIX` (default `triage`): every key starts with `<prefix>:`.
    var keyPrefix: String
    /// `SESSION_TTL_SECONDS` (default 7 days): a session expires this long after its last write.
    var defaultTTLSeconds: Int
    /// `SESSION_MAX_BYTES` (default 1 MiB): the largest stored session (state plus messages).
    var maxSessionBytes: Int
    /// The most session bytes one ListActiveSessions answer carries, to stay below the RPC frame limit.
    var listByteBudget: Int

    static let maximumTTLSeconds = 365 * 24 * 3600

    init(keyPrefix: String = "triage", defaultTTLSeconds: Int = 7 * 24 * 3600, maxSessionBytes: Int = 1 << 20, listByteBudget: Int = 3 << 20) {
        self.keyPrefix = keyPrefix
        self.defaultTTLSeconds = defaultTTLSeconds
        self.maxSessionBytes = maxSessionBytes
        self.listByteBudget = listByteBudget
    }

    /// `maxFrameSize` is the RPC server's frame limit; a session and a list answer must fit in one.
    init(environment: Environment, maxFrameSize: Int) throws(ConfigurationError) {
        let prefix = environment.string("REDIS_KEY_PREFIX", default: "triage")
        guard !prefix.isEmpty, prefix.utf8.count <= 64, prefix.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ConfigurationError(key: "REDIS_KEY_PREFIX", message: "must be 1 to 64 printable ASCII characters without spaces")
        }
        let budget = maxFrameSize * 3 / 4
        self.init(
            keyPrefix: prefix,
            defaultTTLSeconds: try environment.int("SESSION_TTL_SECONDS", default: 7 * 24 * 3600, in: 1...Self.maximumTTLSeconds),
            maxSessionBytes: try environment.int("SESSION_MAX_BYTES", default: min(1 << 20, budget), in: 1024...max(1024, budget)),
            listByteBudget: budget
        )
    }
}
