import TriageCore

/// How a call ends: its handler answered, or something stopped it first.
enum CallOutcome: Sendable {
    case handled(Result<[UInt8], RPCError>)
    case stopped(CallStopReason)
}

/// Why a call stopped before its handler answered.
enum CallStopReason: Sendable {
    case deadlineExceeded
    case cancelledByClient
    case clientDisconnected
    case serverShuttingDown

    var rpcError: RPCError {
        switch self {
        case .deadlineExceeded: RPCError(code: .deadlineExceeded, message: "deadline exceeded")
        case .cancelledByClient, .clientDisconnected: RPCError(code: .cancelled, message: "cancelled by the client")
        case .serverShuttingDown: RPCError(code: .unavailable, message: "server shutting down")
        }
    }
}

/// One call being served: what arrived, and the one-shot that decides how it ends (the handler's
/// result, or the deadline timer, a Cancel frame, a disconnect or the drain timeout, whichever
/// comes first).
final class ServerCall: Sendable {
    let id: UInt64
    let request: RPCRequest
    let receivedAt: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let connection: ServerConnection
    let outcome: OneShot<CallOutcome>
    let deadlineTimer: EventLoop.TimerID

    init(
        id: UInt64, request: RPCRequest, receivedAt: ContinuousClock.Instant, deadline: ContinuousClock.Instant,
        connection: ServerConnection, outcome: OneShot<CallOutcome>, deadlineTimer: EventLoop.TimerID
    ) {
        self.id = id
        self.request = request
        self.receivedAt = receivedAt
        self.deadline = deadline
        self.connection = connection
        self.outcome = outcome
        self.deadlineTimer = deadlineTimer
    }
}

extension ServerCall {
    func stop(_ reason: CallStopReason) { outcome.resume(.stopped(reason)) }
}
