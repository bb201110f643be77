import Synchronization
import TriageCore

/// One client's connection to the server, and the calls it has in flight (multiplexed by id).
final class ServerConnection: FramedConnectionDelegate, Sendable {
    let connection: FramedConnection
    /// Strong: the loop thread tells the server about this connection's close, possibly after `run()`
    /// has returned; the server drops the connection then, which ends the cycle.
    private let server: RPCServer
    private let calls = Mutex<[UInt64: ServerCall]>([:])

    init(connection: FramedConnection, server: RPCServer) {
        self.connection = connection
        self.server = server
    }

    func connection(_ connection: FramedConnection, received frame: RPCFrame) {
        switch frame.kind {
        case .request(let request)?:
            let call = calls.withLock { calls -> ServerCall? in
                guard calls[frame.callID] == nil else { return nil }
                let now = ContinuousClock.now
                let timeout = request.timeoutMicros == 0
                    ? server.configuration.defaultDeadline
                    : Duration.microseconds(Int64(clamping: request.timeoutMicros))
                let outcome = OneShot<CallOutcome>()
                let timer = server.loop.schedule(at: now + timeout) { outcome.resume(.stopped(.deadlineExceeded)) }
                let call = ServerCall(id: frame.callID, request: request, receivedAt: now, deadline: now + timeout,
                                      connection: self, outcome: outcome, deadlineTimer: timer)
                calls[frame.callID] = call
                return call
            }
            if let call { server.accept(call) } else { server.logProtocolViolation("duplicate call id \(frame.callID)") }
        case .cancel?:
            calls.withLock { $0[frame.callID] }?.stop(.cancelledByClient)
        case .response?, nil:
            server.logProtocolViolation("a client sent a response frame")
            connection.close()
        }
    }

    func connectionClosed(_ connection: FramedConnection, reason: ConnectionCloseReason) {
        let orphans = calls.withLock { calls -> [ServerCall] in
            defer { calls.removeAll() }
            return Array(calls.values)
        }
        for call in orphans { call.stop(.clientDisconnected) }
        server.connectionEnded(self, reason: reason)
    }

    func finished(_ call: ServerCall) {
        _ = calls.withLock { $0.removeValue(forKey: call.id) }
    }

    func respond(callID: UInt64, code: RPCError.Code, message: String, metadata: Metadata, payload: [UInt8], codec: FrameCodec) {
        let frame = RPCFrame(callID: callID, kind: .response(RPCResponse(code: code.rawValue, message: message, metadata: metadata.wire, payload: payload)))
        if let bytes = codec.encode(frame) {
            connection.send(bytes)
        } else {
            let tooBig = RPCFrame(callID: callID, kind: .response(RPCResponse(
                code: RPCError.Code.resourceExhausted.rawValue,
                message: "response of \(payload.count) bytes exceeds the frame limit of \(codec.maxFrameSize)",
                metadata: metadata.wire)))
            if let bytes = codec.encode(tooBig) { connection.send(bytes) }
        }
    }
}
