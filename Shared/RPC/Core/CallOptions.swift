/// How one client call is made.
public struct CallOptions: Sendable {
    /// How long the caller waits. Inside a handler the call never outlives the handler's own
    /// deadline: the smaller of the two is sent.
    public var timeout: Duration
    public var metadata: Metadata
    /// Retry on another replica when the call failed UNAVAILABLE *after* it was sent (only for
    /// idempotent methods). Calls that never reached a server are always retried.
    public var retryUnavailableAfterSend: Bool

    public static let defaultTimeout: Duration = .seconds(5)

    public init(timeout: Duration = CallOptions.defaultTimeout, metadata: Metadata = [:], retryUnavailableAfterSend: Bool = false) {
        self.timeout = timeout
        self.metadata = metadata
        self.retryUnavailableAfterSend = retryUnavailableAfterSend
    }
}
