import TriageRPC

/// Why a ticket could not be triaged, as the client should hear it.
struct WorkflowError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case invalid(ValidationError)
        case ticketNotFound(String)
        case conflict(String)
        /// A required dependency is down; nothing was written for this request.
        case unavailable(String)
        case deadlineExceeded
        case internalError
    }

    let kind: Kind

    static func invalid(_ error: ValidationError) -> WorkflowError { WorkflowError(kind: .invalid(error)) }
    static func ticketNotFound(_ id: String) -> WorkflowError { WorkflowError(kind: .ticketNotFound(id)) }
    static func conflict(_ message: String) -> WorkflowError { WorkflowError(kind: .conflict(message)) }
    static func unavailable(_ message: String) -> WorkflowError { WorkflowError(kind: .unavailable(message)) }
    static let deadlineExceeded = WorkflowError(kind: .deadlineExceeded)
    static let internalError = WorkflowError(kind: .internalError)

    var description: String {
        switch kind {
        case .invalid(let error): "invalid: \(error)"
        case .ticketNotFound(let id): "no active or completed ticket \(id)"
        case .conflict(let message): message
        case .unavailable(let message): message
        case .deadlineExceeded: "the triage deadline passed"
        case .internalError: "internal error"
        }
    }

    var httpResponse: HTTPResponse {
        switch kind {
        case .invalid(let error): error.response
        case .ticketNotFound(let id): .error(404, code: "ticket_not_found", message: "no active or completed ticket \(id)")
        case .conflict(let message): .error(409, code: "conflict", message: message)
        case .unavailable(let message): .error(503, code: "service_unavailable", message: message)
        case .deadlineExceeded: .error(504, code: "deadline_exceeded", message: "the ticket could not be triaged in time; retrying the same request is safe")
        case .internalError: .error(500, code: "internal", message: "internal error")
        }
    }

    var rpcError: RPCError {
        switch kind {
        case .invalid(let error): RPCError(code: .invalidArgument, message: error.description)
        case .ticketNotFound: RPCError(code: .notFound, message: description)
        case .conflict: RPCError(code: .failedPrecondition, message: description)
        case .unavailable: RPCError(code: .unavailable, message: description)
        case .deadlineExceeded: RPCError(code: .deadlineExceeded, message: description)
        case .internalError: .internalError()
        }
    }
}
