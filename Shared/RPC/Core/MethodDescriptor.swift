/// One RPC method: its path on the wire and its request and response types.
public struct MethodDescriptor<Request: ProtoMessage, Response: ProtoMessage>: Sendable, CustomStringConvertible {
    /// `/triage.<Service>/<Method>`.
    public let path: String

    public init(path: String) { self.path = path }

    public var description: String { path }
}
