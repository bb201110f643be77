import Foundation
import Synchronization
import TriageCore
import TriageJSON

/// Qdrant's REST API over libcurl: a fixed set of easy handles (each with its keep-alive
/// connection) used by dedicated threads, so no transfer ever blocks the RPC event loop or Swift's
/// cooperative pool. Decodes Qdrant's envelope and classifies failures (see ``QdrantError``).
///
/// Retries: a 429 waits for `Retry-After` (bounded by the settings and the caller's deadline) up to
/// `maxRetries` times; a kept-alive connection that turns out to be closed is retried once on a
/// fresh one (every request this service sends is idempotent). Refused connections, timeouts and
/// 5xx answers fail at once as UNAVAILABLE: the caller decides whether to retry.
final class QdrantHTTP: Service {
    let settings: QdrantSettings
    private let threads: BlockingThreadPool
    private let idle: Mutex<[CurlHandle]>
    private let reachable = Mutex(true)
    private let logger: Logger

    init(settings: QdrantSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        threads = BlockingThreadPool(name: "qdrant", threads: settings.poolSize)
        idle = Mutex((0..<settings.poolSize).map { _ in
            CurlHandle(baseURL: settings.baseURL, apiKey: settings.apiKey, connectTimeout: settings.connectTimeout)
        })
    }

    /// Sends a request and returns the envelope's `result`.
    /// - Parameters:
    ///   - timeout: the longest this request may take (the deadline may cut it shorter).
    ///   - deadline: when the caller stops waiting (its RPC deadline), if any.
    func call(_ method: String, _ path: String, body: JSON? = nil, timeout: Duration,
              deadline: ContinuousClock.Instant? = nil) async throws -> JSON {
        let response = try await send(HTTPRequest(method: method, path: path, body: body?.serialized(), timeout: timeout), deadline: deadline)
        guard (200..<300).contains(response.status) else {
            throw QdrantError.fromStatus(response.status, serverMessage: Self.errorText(response.body))
        }
        guard let envelope = try? JSONParser.parse(response.body), let result = envelope["result"] else {
            throw QdrantError(.malformedResponse, "an answer without a result", status: response.status)
        }
        return result
    }

    /// Sends a request and returns the raw answer, whatever its status (for `/readyz`).
    func send(_ request: HTTPRequest, deadline: ContinuousClock.Instant? = nil) async throws -> HTTPResponse {
        var request = request
        var rateLimitedAttempts = 0
        var retriedBrokenConnection = false
        while true {
            if let deadline {
                let left = deadline - .now
                guard left > .milliseconds(1) else { throw QdrantError(.unavailable, "no time left for the knowledge store") }
                request.timeout = min(request.timeout, left)
            }
            let response: HTTPResponse
            do {
                response = try await perform(request)
            } catch let failure as CurlFailure {
                if failure.isBrokenConnection && failure.reusedConnection && !retriedBrokenConnection {
                    retriedBrokenConnection = true
                    continue
                }
                let error = QdrantError(.unavailable, failure.isTimeout
                    ? "the knowledge store did not answer within \(request.timeout.inMilliseconds) ms"
                    : "the knowledge store is unreachable: \(failure.message)")
                markUnreachable(error)
                throw error
            }
            if response.status == 429 && rateLimitedAttempts < settings.maxRetries {
                let wait = min(response.retryAfter ?? .milliseconds(100 << rateLimitedAttempts), settings.maxRetryWait)
                if let deadline, ContinuousClock.now + wait >= deadline { return response }
                rateLimitedAttempts += 1
                try await Task.sleep(for: wait)
                continue
            }
            if response.status >= 500 || response.status == 401 || response.status == 403 {
                markUnreachable(QdrantError.fromStatus(response.status, serverMessage: Self.errorText(response.body)))
            } else {
                markReachable()
            }
            return response
        }
    }

    private func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await threads.run { () throws(CurlFailure) -> HTTPResponse in
            // As many handles as threads: a running work item always finds one.
            guard let handle = self.idle.withLock({ $0.popLast() }) else {
                throw CurlFailure(code: 0, message: "the client has shut down", reusedConnection: false)
            }
            defer { self.idle.withLock { $0.append(handle) } }
            return try handle.perform(request)
        }
    }

    /// Qdrant's error text: `status.error` of the envelope, else the body itself (401/403 are plain text).
    static func errorText(_ body: [UInt8]) -> String {
        if let envelope = try? JSONParser.parse(body), let text = envelope["status"]?["error"]?.stringValue { return text }
        return String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func run() async throws {
        try? await gracefulShutdown()
        threads.shutdown()
    }

    /// Stops the threads (for a command that never ran the service).
    func shutdownThreads() { threads.shutdown() }

    private func markReachable() {
        guard reachable.withLock({ state in defer { state = true }; return !state }) else { return }
        logger.notice("qdrant is reachable again", ["qdrant": .string(settings.baseURL)])
    }

    private func markUnreachable(_ error: QdrantError) {
        guard reachable.withLock({ state in defer { state = false }; return state }) else { return }
        logger.warning("qdrant is unreachable", ["qdrant": .string(settings.baseURL), "error": .string(error.description)])
    }
}
