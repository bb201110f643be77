/// What went wrong talking to PostgreSQL, with enough detail for the log and for choosing a
/// status code. Its description is for operators: it may name the server's host (libpq's
/// connection messages do) but never holds SQL text or the password.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection broke (the statement's outcome is unknown).
        case connection
        /// No answer within the statement's time limit; the connection was dropped.
        case timeout
        /// The server refused the statement; `sqlState` says why.
        case server
        /// A result this code did not expect (a missing column, a value that does not parse).
        case decoding
    }

    var kind: Kind
    /// The five-character SQLSTATE for `.server` errors, e.g. `23505`.
    var sqlState: String?
    /// The constraint a violation names, e.g. `chk_plan`.
    var constraint: String?
    /// The column a not-null violation names.
    var column: String?
    /// The server's or libpq's primary message (for the log only).
    var detail: String

    static func connection(_ detail: String) -> PostgresError { PostgresError(kind: .connection, detail: detail) }
    static func timeout(_ detail: String) -> PostgresError { PostgresError(kind: .timeout, detail: detail) }
    static func decoding(_ detail: String) -> PostgresError { PostgresError(kind: .decoding, detail: detail) }

    var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " \(sqlState)" }
        if let constraint { text += " (constraint \(constraint))" }
        return text + ": " + detail
    }

    /// Whether the server (or the network) is unavailable rather than the request being wrong:
    /// connection failures, time-outs, and the SQLSTATEs of a server that is shutting down,
    /// starting up, or out of connections.
    var isUnavailable: Bool {
        switch kind {
        case .connection, .timeout: return true
        case .decoding: return false
        case .server:
            guard let sqlState else { return false }
            return sqlState.hasPrefix("08")          // connection exception
                || sqlState.hasPrefix("53")          // insufficient resources (too many connections)
                || sqlState.hasPrefix("57P")         // admin/crash shutdown, cannot connect now
                || sqlState == "57014"               // statement_timeout fired
        }
    }
}
