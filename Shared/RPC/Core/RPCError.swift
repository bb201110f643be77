/// The one error type that crosses a process boundary: a gRPC status code and a message.
///
/// Domain errors convert to it (see ``RPCErrorConvertible``); anything else a handler throws
/// leaves the server as `internalError` with a generic message, never its internal detail.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Code
    public var message: String
    public var metadata: Metadata

    public init(code: Code, message: String, metadata: Metadata = [:]) {
        self.code = code
        self.message = message
        self.metadata = metadata
    }

    public var description: String { "\(code): \(message)" }

    /// gRPC's status codes, with gRPC's numbering. A struct, not an enum, so a peer's unknown
    /// code survives a round trip.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt32

        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let ok = Code(rawValue: 0)
        public static let cancelled = Code(rawValue: 1)
        public static let unknown = Code(rawValue: 2)
        public static let invalidArgument = Code(rawValue: 3)
        public static let deadlineExceeded = Code(rawValue: 4)
        public static let notFound = Code(rawValue: 5)
        public static let alreadyExists = Code(rawValue: 6)
        public static let permissionDenied = Code(rawValue: 7)
        public static let resourceExhausted = Code(rawValue: 8)
        public static let failedPrecondition = Code(rawValue: 9)
        public static let aborted = Code(rawValue: 10)
        public static let outOfRange = Code(rawValue: 11)
        public static let unimplemented = Code(rawValue: 12)
        public static let internalError = Code(rawValue: 13)
        public static let unavailable = Code(rawValue: 14)
        public static let dataLoss = Code(rawValue: 15)
        public static let unauthenticated = Code(rawValue: 16)

        private static let names = [
            "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
            "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
            "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
            "UNAUTHENTICATED",
        ]

        /// The canonical upper-case name, e.g. `NOT_FOUND`.
        public var name: String { rawValue < Self.names.count ? Self.names[Int(rawValue)] : "CODE_\(rawValue)" }
        public var description: String { name }
    }
}

/// A domain error that knows which status it should reach the caller as.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError {
    public static func invalidArgument(_ message: String) -> RPCError { RPCError(code: .invalidArgument, message: message) }
    public static func notFound(_ message: String) -> RPCError { RPCError(code: .notFound, message: message) }
    public static func unavailable(_ message: String) -> RPCError { RPCError(code: .unavailable, message: message) }
    public static func internalError(_ message: String = "internal error") -> RPCError {
        RPCError(code: .internalError, message: message)
    }
}
