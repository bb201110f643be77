import TriageRPC

/// A failure the caller should see as it is: its status code and a message without internal detail.
struct SessionError: Error, RPCErrorConvertible, CustomStringConvertible {
    var code: RPCError.Code
    var message: String

    var rpcError: RPCError { RPCError(code: code, message: message) }
    var description: String { "\(code): \(message)" }

    static func invalidArgument(_ message: String) -> SessionError { SessionError(code: .invalidArgument, message: message) }

    static func notFound(ticket: String) -> SessionError {
        SessionError(code: .notFound, message: "no active session for ticket \(ticket)")
    }

    static func alreadyExists(ticket: String) -> SessionError {
        SessionError(code: .alreadyExists, message: "ticket \(ticket) already has an active session")
    }

    static func versionConflict(ticket: String, expected: UInt64, current: Int64) -> SessionError {
        SessionError(code: .aborted, message: "session \(ticket) is at version \(current), not \(expected): read it again")
    }

    static func tooLarge(ticket: String, bytes: Int64, limit: Int) -> SessionError {
        SessionError(code: .resourceExhausted, message: "session \(ticket) would hold \(bytes) bytes; the limit is \(limit)")
    }

    static let unavailable = SessionError(code: .unavailable, message: "the session store is unavailable")

    static func unreadable(ticket: String) -> SessionError {
        SessionError(code: .dataLoss, message: "the stored session of ticket \(ticket) cannot be read")
    }

    static func newerSchema(ticket: String, schema: Int) -> SessionError {
        SessionError(code: .failedPrecondition, message: "session \(ticket) was stored by a newer release (schema \(schema))")
    }
}
