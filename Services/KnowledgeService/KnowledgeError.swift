import TriageRPC

/// A failure the caller should see as it is: its status code and a message without internal detail.
struct KnowledgeError: Error, Sendable, RPCErrorConvertible, CustomStringConvertible {
    var code: RPCError.Code
    var message: String

    var rpcError: RPCError { RPCError(code: code, message: message) }
    var description: String { "\(code): \(message)" }

    static func invalidArgument(_ message: String) -> KnowledgeError { KnowledgeError(code: .invalidArgument, message: message) }
    static func notFound(article id: String) -> KnowledgeError { KnowledgeError(code: .notFound, message: "no article \(id)") }
    static func refused(_ message: String) -> KnowledgeError { KnowledgeError(code: .failedPrecondition, message: message) }
    static func unavailable(_ message: String) -> KnowledgeError { KnowledgeError(code: .unavailable, message: message) }
}
