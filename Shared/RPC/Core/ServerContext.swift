/// What a handler knows about the call it serves.
public struct ServerContext: Sendable {
    public let method: String
    public let callID: UInt64
    /// When the caller stops waiting; the server cancels the handler then.
    public let deadline: ContinuousClock.Instant
    public let metadata: Metadata

    public init(method: String, callID: UInt64, deadline: ContinuousClock.Instant, metadata: Metadata) {
        self.method = method
        self.callID = callID
        self.deadline = deadline
        self.metadata = metadata
    }

    /// The request id the gateway assigned, passed on by every hop.
    public var requestID: String? { metadata[Metadata.requestIDKey] }

    public var timeRemaining: Duration { deadline - .now }

    /// The call being served by the current task, if any. Client calls made inside a handler
    /// read it to pass on the remaining deadline and the request id.
    @TaskLocal public static var current: ServerContext?
}
