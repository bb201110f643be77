#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TriageCore

/// Serves RPCs on `<TRIAGE_SOCKET_DIR>/<service>/<instance>.sock`.
///
/// Every call runs as a child task of `run()`, cancelled at its deadline or when the client
/// cancels or disconnects. A graceful shutdown stops accepting, removes the socket file, answers
/// new calls on open connections with UNAVAILABLE, and waits up to the drain timeout for the
/// calls in flight before cancelling them.
public final class RPCServer: Service {
    public let configuration: RPCServerConfiguration
    let codec: FrameCodec
    let router: RPCRouter
    let logger: Logger
    let loop: EventLoop

    private enum Phase { case idle, serving, draining, stopped }

    private struct State {
        var phase = Phase.idle
        var listener: Listener?
        var connections: [ObjectIdentifier: ServerConnection] = [:]
        var calls: [ObjectIdentifier: ServerCall] = [:]
        var incoming: AsyncStream<ServerCall>.Continuation?
        var drainTimer: EventLoop.TimerID?
    }
    private let state = Mutex(State())

    public convenience init(configuration: RPCServerConfiguration, services: [any RegistrableRPCService], logger: Logger) {
        self.init(configuration: configuration, services: services, logger: logger, loop: .shared)
    }

    package init(configuration: RPCServerConfiguration, services: [any RegistrableRPCService], logger: Logger, loop: EventLoop) {
        self.configuration = configuration
        self.codec = FrameCodec(maxFrameSize: configuration.maxFrameSize)
        var router = RPCRouter()
        for service in services { service.registerMethods(with: &router) }
        self.router = router
        var logger = logger
        logger[metadataKey: "instance"] = .string(configuration.instance)
        self.logger = logger
        self.loop = loop
    }

    public var socketPath: String { configuration.socketPath }

    public func run() async throws {
        let (stream, continuation) = AsyncStream<ServerCall>.makeStream()
        try startListening(incoming: continuation)
        defer { stopped() }
        await withGracefulShutdownHandler {
            await withTaskExecutorPreference(loop) {
                await withDiscardingTaskGroup { group in
                    for await call in stream {
                        group.addTask { await self.execute(call) }
                    }
                }
            }
        } onGracefulShutdown: { [self] in
            beginDrain()
        }
    }

    // MARK: Listening

    private func startListening(incoming: AsyncStream<ServerCall>.Continuation) throws {
        let path = configuration.socketPath
        let directory = "\(configuration.socketDirectory)/\(configuration.serviceName)"
        try SocketDirectory.prepare(directory)
        if access(path, F_OK) == 0 {
            if UnixSocket.isAlive(path: path) {
                throw RPCServerError("another process already serves \(path); give this replica its own TRIAGE_INSTANCE")
            }
            unlink(path)
            logger.notice("removed stale socket", ["path": .string(path)])
        }
        for stale in SocketDirectory.removeDeadSockets(in: directory, except: path) {
            logger.notice("removed dead replica's socket", ["path": .string(stale)])
        }
        let fd: Int32
        do {
            fd = try UnixSocket.listen(path: path)
        } catch {
            throw RPCServerError("cannot listen: \(error)")
        }
        let listener = Listener(fd: fd, path: path, server: self)
        state.withLock { state in
            state.phase = .serving
            state.incoming = incoming
            state.listener = listener
        }
        listener.start(loop: loop)
        logger.notice("listening", ["socket": .string(path), "methods": .string(router.methods.joined(separator: ","))])
    }

    func accepted(_ fd: Int32) {
        let connection = ServerConnection(connection: FramedConnection(fd: fd, codec: codec, loop: loop), server: self)
        let open = state.withLock { state -> Bool in
            guard state.phase == .serving else { return false }
            state.connections[ObjectIdentifier(connection)] = connection
            return true
        }
        if open { connection.connection.start(delegate: connection) } else { close(fd) }
    }

    func connectionEnded(_ connection: ServerConnection, reason: ConnectionCloseReason) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
        switch reason {
        case .peerClosed, .closedLocally: logger.debug("connection closed", ["reason": .string(reason.description)])
        default: logger.warning("connection closed", ["reason": .string(reason.description)])
        }
    }

    func logProtocolViolation(_ what: String) {
        logger.warning("protocol violation", ["detail": .string(what)])
    }

    // MARK: Calls

    /// A request arrived (on the loop thread): start it, or refuse it at once.
    func accept(_ call: ServerCall) {
        let refusal = state.withLock { state -> RPCError? in
            guard state.phase == .serving, let incoming = state.incoming else {
                return RPCError(code: .unavailable, message: "server shutting down", metadata: [Metadata.notProcessedKey: "1"])
            }
            guard state.calls.count < configuration.maxConcurrentCalls else {
                return RPCError(code: .resourceExhausted, message: "too many calls in flight (limit \(configuration.maxConcurrentCalls))")
            }
            state.calls[ObjectIdentifier(call)] = call
            incoming.yield(call)
            return nil
        }
        if let refusal {
            call.connection.respond(callID: call.id, code: refusal.code, message: refusal.message,
                                    metadata: responseMetadata(refusal.metadata), payload: [], codec: codec)
            call.connection.finished(call)
            loop.cancel(call.deadlineTimer)
        }
    }

    /// The call's handler has stopped (its response, if any, was already sent).
    func finished(_ call: ServerCall) {
        loop.cancel(call.deadlineTimer)
        call.connection.finished(call)
        state.withLock { state in
            state.calls.removeValue(forKey: ObjectIdentifier(call))
            if state.phase == .draining, state.calls.isEmpty {
                state.incoming?.finish()
                state.incoming = nil
                if let timer = state.drainTimer { loop.cancel(timer) }
            }
        }
    }

    func responseMetadata(_ extra: Metadata = [:]) -> Metadata {
        var metadata = extra
        metadata[Metadata.instanceKey] = configuration.instance
        return metadata
    }

    // MARK: Shutdown

    private func beginDrain() {
        let (listener, inFlight) = state.withLock { state -> (Listener?, Int) in
            guard state.phase == .serving else { return (nil, -1) }
            state.phase = .draining
            defer { state.listener = nil }
            if state.calls.isEmpty {
                state.incoming?.finish()
                state.incoming = nil
            }
            return (state.listener, state.calls.count)
        }
        guard inFlight >= 0 else { return }
        listener?.close(loop: loop)
        logger.notice("draining", ["in_flight": LogValue(inFlight), "timeout_ms": LogValue(configuration.drainTimeout.inMilliseconds)])
        guard inFlight > 0 else { return }
        let timer = loop.schedule(at: .now + configuration.drainTimeout) { [self] in
            let left = state.withLock { Array($0.calls.values) }
            logger.warning("drain timeout; cancelling calls in flight", ["in_flight": LogValue(left.count)])
            for call in left { call.stop(.serverShuttingDown) }
        }
        state.withLock { $0.drainTimer = timer }
    }

    private func stopped() {
        let (listener, connections) = state.withLock { state -> (Listener?, [ServerConnection]) in
            state.phase = .stopped
            state.incoming?.finish()
            state.incoming = nil
            defer { state.listener = nil }
            return (state.listener, Array(state.connections.values))
        }
        listener?.close(loop: loop)
        for connection in connections { connection.connection.close() }
        logger.notice("stopped")
    }
}

/// Why a server could not start.
public struct RPCServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Metadata {
    /// On an UNAVAILABLE response: the server refused the call before running it, so a client
    /// may send it to another replica even when the method is not idempotent.
    static let notProcessedKey = "x-not-processed"
}
