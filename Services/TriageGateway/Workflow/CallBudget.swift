import TriageRPC

/// The ticket's deadline, shared by every downstream call made for it.
struct CallBudget: Sendable {
    let deadline: ContinuousClock.Instant
    let requestID: String
    let optionalCap: Duration

    var remaining: Duration { deadline - .now }

    /// Options for a call the ticket cannot do without: all the time that is left.
    func required() throws(WorkflowError) -> CallOptions {
        let left = remaining
        guard left > .milliseconds(1) else { throw .deadlineExceeded }
        // Every call the gateway makes is safe to repeat (session writes carry request keys that
        // session-service replays; saves and the audit record are idempotent; the rest are reads),
        // so a replica that dies mid-call costs a retry on another one, not a failed ticket.
        return CallOptions(timeout: left, metadata: [Metadata.requestIDKey: requestID], retryUnavailableAfterSend: true)
    }

    /// Options for a call the ticket can go on without: at most `optionalCap`, and never so much
    /// that nothing is left for the steps after it.
    func optional() -> CallOptions? {
        let left = remaining
        guard left > .milliseconds(20) else { return nil }
        let share = min(optionalCap, left * 0.6)
        return CallOptions(timeout: share, metadata: [Metadata.requestIDKey: requestID], retryUnavailableAfterSend: true)
    }
}
