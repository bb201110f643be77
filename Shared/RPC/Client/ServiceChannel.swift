import Foundation
import Synchronization
import TriageCore

/// The client side of one service: every replica socket in `<socketDirectory>/<service>/`.
///
/// Each call goes to the connected replica with the fewest calls outstanding (round robin on
/// ties). The directory is rescanned every couple of seconds and after failures, so replicas
/// that appear are used and replicas that die are skipped, with no restart. A call that never
/// reached a server (nobody listening, connection refused, a draining server that refused it)
/// moves on to the next replica within the same deadline; a replica that was dead is tried
/// again later, so a restarted server is used again by itself.
public final class ServiceChannel: RPCChannel {
    public let service: String
    public let directory: String
    private let codec: FrameCodec
    private let loop: EventLoop
    private let logger: Logger

    private struct Replica {
        let path: String
        var connection: ClientConnection?
        var consecutiveFailures = 0
        var retryAfter: ContinuousClock.Instant?
    }

    private struct State {
        var replicas: [String: Replica] = [:]
        /// When set, only these sockets count (a channel to one specific instance).
        var onlyPaths: Set<String>?
        var lastScan: ContinuousClock.Instant?
        var rotation = 0
        var closed = false
    }
    private let state = Mutex(State())

    static let rescanInterval: Duration = .seconds(2)

    public convenience init(service: String, socketDirectory: String, logger: Logger,
                            maxFrameSize: Int = RPCServerConfiguration.defaultMaxFrameSize) {
        self.init(service: service, socketDirectory: socketDirectory, logger: logger, maxFrameSize: maxFrameSize, loop: .shared)
    }

    package init(service: String, socketDirectory: String, logger: Logger, maxFrameSize: Int, loop: EventLoop) {
        self.service = service
        self.directory = "\(socketDirectory)/\(service)"
        self.codec = FrameCodec(maxFrameSize: maxFrameSize)
        self.loop = loop
        var logger = logger
        logger[metadataKey: "target"] = .string(service)
        self.logger = logger
    }

    /// A channel to `service` in `TRIAGE_SOCKET_DIR`.
    public convenience init(service: String, environment: Environment, logger: Logger) throws(ConfigurationError) {
        let maxFrame = try environment.int("TRIAGE_RPC_MAX_FRAME_BYTES", default: RPCServerConfiguration.defaultMaxFrameSize, in: 1024...(256 << 20))
        self.init(service: service, socketDirectory: RPCServerConfiguration.socketDirectory(environment), logger: logger, maxFrameSize: maxFrame)
    }

    /// A channel to one instance only (e.g. a process probing its own socket).
    public convenience init(instanceSocket path: String, logger: Logger) {
        let directory = (path as NSString).deletingLastPathComponent
        let service = (directory as NSString).lastPathComponent
        let parent = (directory as NSString).deletingLastPathComponent
        self.init(service: service, socketDirectory: parent, logger: logger)
        // Built like the paths the directory scan produces, so the two always compare equal.
        let only = "\(self.directory)/\((path as NSString).lastPathComponent)"
        state.withLock { $0.onlyPaths = [only] }
    }

    /// The replica sockets known right now.
    public var replicaPaths: [String] {
        state.withLock { state in
            rescanIfDue(&state, force: false)
            return state.replicas.keys.sorted()
        }
    }

    public func close() {
        let connections = state.withLock { state -> [ClientConnection] in
            state.closed = true
            defer { state.replicas.removeAll() }
            return state.replicas.values.compactMap(\.connection)
        }
        for connection in connections { connection.close() }
    }

    public func unary<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        request: Request,
        options: CallOptions
    ) async throws(RPCError) -> Response {
        let inherited = ServerContext.current
        var deadline = ContinuousClock.now + options.timeout
        if let inherited, inherited.deadline < deadline { deadline = inherited.deadline }
        var metadata = options.metadata
        if metadata[Metadata.requestIDKey] == nil, let requestID = inherited?.requestID {
            metadata[Metadata.requestIDKey] = requestID
        }
        let payload = request.serializedBytes()

        var tried = Set<String>()
        var lastError: RPCError?
        var rescanned = false
        while true {
            if Task.isCancelled { throw RPCError(code: .cancelled, message: "cancelled by the caller") }
            if ContinuousClock.now >= deadline {
                throw RPCError(code: .deadlineExceeded, message: "deadline exceeded calling \(method.path)")
            }
            guard let connection = connection(excluding: &tried, lastError: &lastError) else {
                if !rescanned {
                    rescanned = true
                    state.withLock { rescanIfDue(&$0, force: true) }
                    continue
                }
                throw lastError ?? RPCError(code: .unavailable, message: "no replica of \(service) is listening in \(directory)")
            }
            switch await connection.call(method: method.path, payload: payload, metadata: metadata, deadline: deadline) {
            case .response(let response) where response.code == RPCError.Code.ok.rawValue:
                do {
                    return try Response(serializedBytes: response.payload)
                } catch {
                    throw RPCError(code: .internalError, message: "\(service) sent a response that is not a valid \(Response.self)")
                }
            case .response(let response):
                let error = RPCError(code: RPCError.Code(rawValue: response.code), message: response.message,
                                     metadata: Metadata(wire: response.metadata))
                let refused = error.metadata[Metadata.notProcessedKey] != nil
                if error.code == .unavailable, refused || options.retryUnavailableAfterSend {
                    lastError = error
                    continue
                }
                throw error
            case .failed(let error, let sent):
                if error.code == .unavailable {
                    markFailed(connection.path)
                    if !sent || options.retryUnavailableAfterSend {
                        lastError = error
                        continue
                    }
                }
                throw error
            }
        }
    }

    // MARK: Replicas

    /// A connected replica not in `tried`, connecting if needed; every replica attempted is
    /// added to `tried`.
    private func connection(excluding tried: inout Set<String>, lastError: inout RPCError?) -> ClientConnection? {
        state.withLock { state -> ClientConnection? in
            guard !state.closed else { return nil }
            rescanIfDue(&state, force: false)
            let now = ContinuousClock.now
            state.rotation &+= 1
            let rotation = state.rotation
            let excluded = tried
            // Stable order by path, rotated by one per call: round robin among equals.
            let ordered = state.replicas.values.sorted { $0.path < $1.path }
            let count = max(ordered.count, 1)
            let candidates = ordered.enumerated()
                .filter { !excluded.contains($0.element.path) }
                .map { (index, replica) -> (rank: (Int, Int, Int), replica: Replica) in
                    // A replica in back-off after a failure goes last; connected or not yet
                    // connected, healthy replicas are equals (connecting is immediate).
                    let waiting = replica.retryAfter.map { $0 > now } ?? false
                    let tier = waiting ? 1 : 0
                    return ((tier, replica.connection?.outstandingCalls ?? 0, (index &+ rotation) % count), replica)
                }
                .sorted { $0.rank < $1.rank }
                .map(\.replica)
            for candidate in candidates {
                tried.insert(candidate.path)
                if let live = candidate.connection, !live.isClosed { return live }
                do {
                    let fd = try UnixSocket.connect(path: candidate.path)
                    let connection = ClientConnection(path: candidate.path, fd: fd, codec: codec, loop: loop)
                    state.replicas[candidate.path]?.connection = connection
                    state.replicas[candidate.path]?.consecutiveFailures = 0
                    state.replicas[candidate.path]?.retryAfter = nil
                    return connection
                } catch {
                    lastError = RPCError(code: .unavailable, message: "\(service) at \(candidate.path) is not answering")
                    recordFailure(&state, candidate.path)
                }
            }
            return nil
        }
    }

    private func markFailed(_ path: String) {
        state.withLock { recordFailure(&$0, path) }
    }

    private func recordFailure(_ state: inout State, _ path: String) {
        guard var replica = state.replicas[path] else { return }
        replica.consecutiveFailures += 1
        let backoff = min(Duration.milliseconds(50) * (1 << min(replica.consecutiveFailures, 6)), .seconds(2))
        replica.retryAfter = .now + backoff
        if replica.connection?.isClosed ?? false { replica.connection = nil }
        state.replicas[path] = replica
        state.lastScan = nil  // look again at the directory on the next call
    }

    private func rescanIfDue(_ state: inout State, force: Bool) {
        let now = ContinuousClock.now
        if !force, let last = state.lastScan, now - last < Self.rescanInterval { return }
        state.lastScan = now
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var present = Set(names.filter { $0.hasSuffix(".sock") }.map { "\(directory)/\($0)" })
        if let only = state.onlyPaths { present.formIntersection(only) }
        for path in present where state.replicas[path] == nil {
            state.replicas[path] = Replica(path: path)
            logger.debug("replica found", ["path": .string(path)])
        }
        for path in state.replicas.keys where !present.contains(path) {
            // A draining server removes its socket first: send it nothing new. Calls in flight
            // keep their connection until the server closes it.
            state.replicas.removeValue(forKey: path)
            logger.debug("replica gone", ["path": .string(path)])
        }
    }
}
