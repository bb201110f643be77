import TriageRPC

/// A failed Qdrant request, already classified by what the caller can do about it.
///
/// Messages carry Qdrant's own error text (which names fields and values, never credentials) so
/// that a rejected request can be diagnosed from the caller's side; they never carry the API key.
struct QdrantError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        /// Not reachable: connection refused or reset, timed out, 5xx, refused credentials.
        case unavailable
        /// 404: the collection (or point) does not exist.
        case notFound
        /// 400 or 422: the server rejected the request's content.
        case invalidRequest
        /// 409: it exists already (collection creation racing another replica).
        case conflict
        /// 429 after the allowed retries.
        case rateLimited
        /// A 2xx answer that is not the envelope the client expects.
        case malformedResponse
    }

    var kind: Kind
    var message: String
    /// The HTTP status, 0 when there was no answer.
    var status: Int

    init(_ kind: Kind, _ message: String, status: Int = 0) {
        self.kind = kind
        self.message = message
        self.status = status
    }

    var description: String { status == 0 ? message : "HTTP \(status): \(message)" }

    /// The error for an HTTP answer that is not a success.
    static func fromStatus(_ status: Int, serverMessage: String) -> QdrantError {
        let text = serverMessage.isEmpty ? "no error text" : String(serverMessage.prefix(300))
        switch status {
        case 400, 422: return QdrantError(.invalidRequest, "the knowledge store rejected the request: \(text)", status: status)
        case 401, 403: return QdrantError(.unavailable, "the knowledge store refused the credentials (QDRANT_API_KEY)", status: status)
        case 404: return QdrantError(.notFound, text, status: status)
        case 409: return QdrantError(.conflict, text, status: status)
        case 429: return QdrantError(.rateLimited, "the knowledge store is rate limiting: \(text)", status: status)
        default: return QdrantError(.unavailable, "the knowledge store failed: \(text)", status: status)
        }
    }
}

extension QdrantError: RPCErrorConvertible {
    var rpcError: RPCError {
        switch kind {
        case .unavailable: RPCError(code: .unavailable, message: message)
        case .notFound: RPCError(code: .notFound, message: message)
        case .invalidRequest: RPCError(code: .invalidArgument, message: message)
        case .conflict: RPCError(code: .alreadyExists, message: message)
        case .rateLimited: RPCError(code: .resourceExhausted, message: message)
        case .malformedResponse: RPCError(code: .internalError, message: "the knowledge store answered in an unexpected form")
        }
    }
}
