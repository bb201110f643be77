/// What went wrong talking to Redis. Descriptions name the failure, never a password or a value.
struct RedisError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        /// No usable connection: refused, reset, closed. A write's fate is unknown.
        case connection
        /// No answer within the command timeout; the connection was dropped. A write's fate is unknown.
        case timeout
        /// Redis answered with an error reply.
        case reply
        /// A reply that does not have the shape the caller expects.
        case unexpectedReply
    }

    var kind: Kind
    var message: String

    static func connection(_ message: String) -> RedisError { RedisError(kind: .connection, message: message) }
    static func timeout(_ message: String) -> RedisError { RedisError(kind: .timeout, message: message) }
    static func reply(_ message: String) -> RedisError { RedisError(kind: .reply, message: message) }
    static func unexpectedReply(_ message: String) -> RedisError { RedisError(kind: .unexpectedReply, message: message) }

    /// Whether a later attempt may succeed without anyone changing anything: the connection is
    /// gone, or Redis says it cannot serve right now (loading its data, a busy script, a failing
    /// disk, a replica, out of memory, authentication not yet accepted).
    var isTransient: Bool {
        switch kind {
        case .connection, .timeout: return true
        case .unexpectedReply: return false
        case .reply:
            let code = message.prefix { $0 != " " }
            return Self.transientReplyCodes.contains(String(code))
        }
    }

    private static let transientReplyCodes: Set<String> = [
        "LOADING", "BUSY", "MISCONF", "READONLY", "MASTERDOWN", "OOM", "NOAUTH", "WRONGPASS", "TRYAGAIN", "CLUSTERDOWN",
    ]

    var description: String {
        switch kind {
        case .connection: "redis connection: \(message)"
        case .timeout: "redis timeout: \(message)"
        case .reply: "redis error reply: \(message)"
        case .unexpectedReply: "unexpected redis reply: \(message)"
        }
    }
}
