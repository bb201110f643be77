import CMicroHTTPD
import Foundation
import Synchronization
import TriageCore

/// The gateway's HTTP server on libmicrohttpd.
///
/// MHD's own threads parse HTTP (keep-alive, body limit, idle timeouts). Each complete request is
/// suspended inside MHD and handed to a child task of `run()`; when the task has the answer, the
/// connection is resumed and MHD sends it. A slow downstream call therefore never holds an HTTP
/// thread, and no MHD thread ever waits on Swift. A graceful shutdown answers new requests with 503
/// and waits for the requests in flight before it closes the listening socket.
final class HTTPServer: Service, @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let router: HTTPRouter
    let logger: Logger
    let metrics: Metrics

    /// MHD's daemon handle; MHD's calls on it are thread-safe.
    private struct Daemon: @unchecked Sendable { let pointer: OpaquePointer }

    private struct State {
        var daemon: Daemon?
        var incoming: AsyncStream<HTTPExchange>.Continuation?
        var inFlight = 0
        var draining = false
        var port = 0
    }
    private let state = Mutex(State())
    private let mhdLogger = UnsafeMutablePointer<triage_mhd_logger>.allocate(capacity: 1)
    private let ready = OneShot<Result<Int, HTTPServerError>>()

    init(configuration: HTTPServerConfiguration, router: HTTPRouter, logger: Logger, metrics: Metrics) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.metrics = metrics
    }

    deinit { mhdLogger.deallocate() }

    /// The port it listens on, once `run()` has started it.
    func boundPort() async throws -> Int { try await ready.wait().get() }

    func run() async throws {
        let (stream, continuation) = AsyncStream<HTTPExchange>.makeStream()
        do {
            try start(incoming: continuation)
        } catch let error as HTTPServerError {
            ready.resume(.failure(error))
            throw error
        }
        defer { stop() }
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for await exchange in stream {
                    group.addTask { await self.handle(exchange) }
                }
            }
        } onGracefulShutdown: { [self] in
            beginDrain()
        }
    }

    // MARK: Start and stop

    private func start(incoming: AsyncStream<HTTPExchange>.Continuation) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(configuration.port).bigEndian)
        guard inet_pton(AF_INET, configuration.bindAddress, &address.sin_addr) == 1 else {
            throw HTTPServerError("TRIAGE_HTTP_BIND '\(configuration.bindAddress)' is not an IPv4 address")
        }
        state.withLock { $0.incoming = incoming }
        let me = Unmanaged.passUnretained(self).toOpaque()
        mhdLogger.pointee = triage_mhd_logger(callback: { context, message in
            let server = Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue()
            server.logger.warning("libmicrohttpd", ["detail": .string(message.map { String(cString: $0) } ?? "")])
        }, context: me)
        let daemon = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                triage_mhd_start(socketAddress, UInt32(configuration.threads), UInt32(configuration.idleTimeoutSeconds),
                                 UInt32(configuration.maxConnections), 256 * 1024,
                                 Self.accessHandler, me, Self.completedHandler, me, mhdLogger)
            }
        }
        guard let daemon else {
            throw HTTPServerError("cannot listen on \(configuration.bindAddress):\(configuration.port) (in use, or not permitted)")
        }
        let port = Int(triage_mhd_bound_port(daemon))
        state.withLock {
            $0.daemon = Daemon(pointer: daemon)
            $0.port = port
        }
        ready.resume(.success(port))
        logger.notice("http listening", ["address": .string("\(configuration.bindAddress):\(port)")])
    }

    private func beginDrain() {
        // The listening socket stays open until `stop()`: new requests are answered 503 meanwhile.
        // MHD_quiesce_daemon would refuse them sooner, but with epoll and MHD's own threads it races
        // those threads' removal of the socket from their epoll sets and libmicrohttpd 0.9.75 aborts
        // the process when it loses ("Failed to remove listen FD from epoll set"; HTTPServerShutdownTests).
        let idle = state.withLock { state -> Bool in
            state.draining = true
            if state.inFlight == 0 { state.incoming?.finish(); state.incoming = nil }
            return state.inFlight == 0
        }
        logger.notice("http draining", ["idle": .bool(idle)])
    }

    private func stop() {
        let daemon = state.withLock { state -> Daemon? in
            state.incoming?.finish()
            state.incoming = nil
            defer { state.daemon = nil }
            return state.daemon
        }
        if let daemon { MHD_stop_daemon(daemon.pointer) }
        logger.notice("http stopped")
    }

    // MARK: Requests

    /// A request is complete (on an MHD thread): queue it for a handler, or refuse it.
    func enqueue(_ exchange: HTTPExchange) -> Bool {
        state.withLock { state in
            guard !state.draining, let incoming = state.incoming else { return false }
            state.inFlight += 1
            exchange.markQueued()
            MHD_suspend_connection(exchange.connection)
            incoming.yield(exchange)
            return true
        }
    }

    /// MHD has written a queued request's answer (or lost its connection). A drain ends only then:
    /// ending it when the handler answered let `stop()` close connections whose answers were
    /// still unsent ("Empty reply from server" for the last requests before a SIGTERM).
    func completed() {
        state.withLock { state in
            state.inFlight -= 1
            if state.draining, state.inFlight == 0 { state.incoming?.finish(); state.incoming = nil }
        }
    }

    private func handle(_ exchange: HTTPExchange) async {
        let requestID = Self.requestID(from: exchange.headers)
        let request = exchange.request(requestID: requestID)
        let (response, routeLabel) = await dispatch(request, bodyTooLarge: exchange.bodyTooLarge)
        var answered = response
        answered.headers.append(("X-Request-ID", requestID))
        exchange.answer(answered)
        record(request: request, route: routeLabel, status: response.status, since: exchange.receivedAt)
    }

    private func dispatch(_ request: HTTPRequest, bodyTooLarge: Bool) async -> (HTTPResponse, String) {
        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            return (.error(404, code: "not_found", message: "no route for \(request.method) \(request.path)"), "unmatched")
        case .methodNotAllowed(let allowed):
            var response = HTTPResponse.error(405, code: "method_not_allowed", message: "\(request.method) is not allowed here; use \(allowed.joined(separator: ", "))")
            response.headers.append(("Allow", allowed.joined(separator: ", ")))
            return (response, "unmatched")
        case .found(let route, let parameters):
            if bodyTooLarge {
                return (.error(413, code: "payload_too_large", message: "the body exceeds \(configuration.maxBodyBytes) bytes"), route.pattern)
            }
            if ["POST", "PUT", "PATCH"].contains(request.method), !request.hasJSONBody {
                return (.error(415, code: "unsupported_media_type", message: "the body must be JSON (Content-Type: application/json)"), route.pattern)
            }
            return (await route.handler(request, parameters), route.pattern)
        }
    }

    private func record(request: HTTPRequest, route: String, status: Int, since start: ContinuousClock.Instant) {
        let seconds = (ContinuousClock.now - start).seconds
        metrics.increment("triage_http_requests_total", help: "HTTP requests by route, method and status.",
                          labels: [("route", route), ("method", request.method), ("status", String(status))])
        metrics.observe("triage_http_request_duration_seconds", help: "HTTP request latency by route.",
                        labels: [("route", route)], seconds: seconds)
        let level: LogLevel = status >= 500 ? .error : (route == "/health" || route == "/metrics" ? .debug : .info)
        logger.log(level, "http", [
            "method": .string(request.method), "path": .string(request.path), "status": LogValue(status),
            "duration_ms": .double(seconds * 1000), "request_id": .string(request.requestID),
        ])
    }

    /// The client's `X-Request-ID` if it is sane, else a new one.
    private static func requestID(from headers: [String: String]) -> String {
        if let given = headers["x-request-id"], (1...128).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return given
        }
        return UUID().uuidString.lowercased()
    }
}

struct HTTPServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
