import Synchronization
import TriageCore

/// One connection to one replica, carrying many calls at once (multiplexed by call id).
final class ClientConnection: FramedConnectionDelegate, Sendable {
    enum Outcome: Sendable {
        case response(RPCResponse)
        /// `sent` is false when the server cannot have seen the call, so it is safe to retry.
        case failed(RPCError, sent: Bool)
    }

    private struct PendingCall: Sendable {
        let result: OneShot<Outcome>
        let timer: EventLoop.TimerID
        let awaited: AwaitedReply
    }

    let path: String
    private let connection: FramedConnection
    private let loop: EventLoop
    private let codec: FrameCodec
    private let nextCallID = Atomic<UInt64>(0)
    private let pending = Mutex<[UInt64: PendingCall]>([:])
    private let closed = Atomic<Bool>(false)

    init(path: String, fd: Int32, codec: FrameCodec, loop: EventLoop) {
        self.path = path
        self.codec = codec
        self.loop = loop
        self.connection = FramedConnection(fd: fd, codec: codec, loop: loop)
        connection.start(delegate: self)
    }

    var isClosed: Bool { closed.load(ordering: .acquiring) }
    var outstandingCalls: Int { pending.withLock { $0.count } }

    func close() { connection.close() }

    func call(method: String, payload: [UInt8], metadata: Metadata, deadline: ContinuousClock.Instant) async -> Outcome {
        let remaining = deadline - .now
        guard remaining > .zero else {
            return .failed(RPCError(code: .deadlineExceeded, message: "deadline exceeded before \(method) was sent"), sent: false)
        }
        let id = nextCallID.add(1, ordering: .relaxed).newValue
        let request = RPCRequest(method: method, timeoutMicros: UInt64(remaining.inMicroseconds), metadata: metadata.wire, payload: payload)
        guard let bytes = codec.encode(RPCFrame(callID: id, kind: .request(request))) else {
            return .failed(RPCError(code: .resourceExhausted,
                                    message: "request of \(payload.count) bytes exceeds the frame limit of \(codec.maxFrameSize)"), sent: false)
        }
        let result = OneShot<Outcome>()
        let timer = loop.schedule(at: deadline) { [weak self] in
            guard let self, self.take(id) != nil else { return }
            result.resume(.failed(RPCError(code: .deadlineExceeded, message: "deadline exceeded waiting for \(method)"), sent: true))
            self.sendCancel(id)
        }
        pending.withLock { $0[id] = PendingCall(result: result, timer: timer, awaited: loop.requestSent(kind: method)) }
        if isClosed || !connection.send(bytes) {
            if let call = take(id) {
                loop.cancel(call.timer)
                result.resume(.failed(RPCError(code: .unavailable, message: "connection to \(path) closed"), sent: false))
            }
        }
        return await withTaskCancellationHandler {
            await result.wait()
        } onCancel: {
            if let call = self.take(id) {
                self.loop.cancel(call.timer)
                result.resume(.failed(RPCError(code: .cancelled, message: "cancelled by the caller"), sent: true))
                self.sendCancel(id)
            }
        }
    }

    /// Removes a call that has ended without an answer (timed out, cancelled, not sent).
    private func take(_ id: UInt64) -> PendingCall? {
        let call = pending.withLock { $0.removeValue(forKey: id) }
        if let call { loop.replyAbandoned(call.awaited) }
        return call
    }

    private func sendCancel(_ id: UInt64) {
        if let bytes = codec.encode(RPCFrame(callID: id, kind: .cancel(RPCCancel()))) { connection.send(bytes) }
    }

    // MARK: FramedConnectionDelegate (loop thread)

    func connection(_ connection: FramedConnection, received frame: RPCFrame) {
        guard case .response(let response)? = frame.kind else {
            connection.close()  // a server only ever sends responses
            return
        }
        if let call = pending.withLock({ $0.removeValue(forKey: frame.callID) }) {
            loop.replyReceived(call.awaited)
            loop.cancel(call.timer)
            call.result.resume(.response(response))
        }
        // else: a late answer to a call that already timed out or was cancelled.
    }

    func connectionClosed(_ connection: FramedConnection, reason: ConnectionCloseReason) {
        closed.store(true, ordering: .releasing)
        let calls = pending.withLock { pending -> [PendingCall] in
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        for call in calls {
            loop.replyAbandoned(call.awaited)
            loop.cancel(call.timer)
            call.result.resume(.failed(RPCError(code: .unavailable, message: "connection to \(path) lost (\(reason))"), sent: true))
        }
    }
}
