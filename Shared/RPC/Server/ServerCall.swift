import TriageCore

/// Why a call stopped before its handler answered.
enum CallStopReason: Sendable {
    case handlerFinished
    case deadlineExceeded
    case cancelledByClient
    case clientDisconnected
    case serverShuttingDown

    var rpcError: RPCError? {
        switch self {
        case .handlerFinished: nil
        case .deadlineExceeded: RPCError(code: .deadlineExceeded, message: "deadline exceeded")
        case .cancelledByClient, .clientDisconnected: RPCError(code: .cancelled, message: "cancelled by the client")
        case .serverShuttingDown: RPCError(code: .unavailable, message: "server shutting down")
        }
    }
}

/// One call being served: what arrived, and the signal that stops it early.
final class ServerCall: Sendable {
    let id: UInt64
    let request: RPCRequest
    let receivedAt: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let connection: ServerConnection
    let stop: OneShot<CallStopReason>
    let deadlineTimer: EventLoop.TimerID

    init(
        id: UInt64, request: RPCRequest, receivedAt: ContinuousClock.Instant, deadline: ContinuousClock.Instant,
        connection: ServerConnection, stop: OneShot<CallStopReason>, deadlineTimer: EventLoop.TimerID
    ) {
        self.id = id
        self.request = request
        self.receivedAt = receivedAt
        self.deadline = deadline
        self.connection = connection
        self.stop = stop
        self.deadlineTimer = deadlineTimer
    }
}
