import TriageRPC

/// A PostgreSQL failure as the caller sees it: a status code and a message that names the
/// field at fault where there is one, and never SQL, a connection string or a password.
struct StoreError: Error, RPCErrorConvertible, CustomStringConvertible {
    let underlying: PostgresError

    var description: String { underlying.description }

    var rpcError: RPCError {
        if underlying.isUnavailable {
            let timedOut = underlying.kind == .timeout || underlying.sqlState == "57014"
            return .unavailable(timedOut ? "PostgreSQL did not answer in time" : "PostgreSQL is unavailable")
        }
        let state = underlying.sqlState ?? ""
        switch state {
        case "23505":
            return RPCError(code: .alreadyExists, message: ConstraintMessages.message(for: underlying.constraint) ?? "already exists")
        case "23514":
            return .invalidArgument(ConstraintMessages.message(for: underlying.constraint) ?? "a value is not allowed")
        case "23502":
            return .invalidArgument("\(underlying.column ?? "a field"): is required")
        case "22001":
            return .invalidArgument("a value is too long")
        case "40001", "40P01":
            return RPCError(code: .aborted, message: "a concurrent change conflicted with this one; retry")
        default:
            if state.hasPrefix("22") { return .invalidArgument("a value is not valid") }
            return .internalError()
        }
    }
}
