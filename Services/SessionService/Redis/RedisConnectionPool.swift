import Synchronization
import TriageCore

/// A fixed set of hiredis connections, each used by one dedicated thread at a time, so that no
/// blocking hiredis call ever runs on Swift's cooperative pool or on the RPC event loop.
///
/// As a ``Service`` it only waits for shutdown: connections open lazily on first use and reopen
/// after a failure. It logs when Redis becomes unreachable and when it is back, once each.
final class RedisConnectionPool: Service {
    let settings: RedisSettings
    private let threads: BlockingThreadPool
    private let idle: Mutex<[RedisConnection]>
    private let reachable = Mutex(true)
    private let logger: Logger

    init(settings: RedisSettings, scripts: [RedisScript], logger: Logger) {
        self.settings = settings
        self.logger = logger
        threads = BlockingThreadPool(name: "redis", threads: settings.poolSize)
        idle = Mutex((0..<settings.poolSize).map { _ in RedisConnection(settings: settings, scripts: scripts) })
    }

    /// Runs `body` with a connection of its own on a pool thread.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (RedisConnection) throws(RedisError) -> T) async throws -> T {
        do {
            let result = try await threads.run { () throws(RedisError) -> T in
                // As many connections as threads: a running work item finds one until shutdown.
                guard let connection = self.idle.withLock({ $0.popLast() }) else {
                    throw RedisError.connection("the connection pool has shut down")
                }
                defer { self.idle.withLock { $0.append(connection) } }
                return try body(connection)
            }
            markReachable()
            return result
        } catch let error as RedisError {
            if error.isTransient { markUnreachable(error) } else { markReachable() }
            throw error
        }
    }

    func execute(_ commands: [RedisCommand], idempotent: Bool = false) async throws -> [RedisReply] {
        try await withConnection { connection throws(RedisError) in try connection.execute(commands, idempotent: idempotent) }
    }

    func evaluate(_ script: RedisScript, _ arguments: [RedisArgument], idempotent: Bool) async throws -> RedisReply {
        try await withConnection { connection throws(RedisError) in
            try connection.evaluate(script, arguments, idempotent: idempotent)
        }
    }

    /// The health probe: nil when Redis answers PING, else why not.
    func ping() async -> String? {
        do {
            let reply = try await execute([RedisCommand("PING")], idempotent: true)[0]
            if case .error(let message) = reply { return message }
            return reply.text == "PONG" ? nil : "unexpected answer to PING"
        } catch {
            return "\(error)"
        }
    }

    func run() async throws {
        try? await gracefulShutdown()
        // Queued work finishes first; then each of these takes one connection out for good and closes it.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<settings.poolSize {
                group.addTask {
                    _ = try? await self.threads.run { self.idle.withLock { $0.popLast() }?.close() }
                }
            }
        }
        threads.shutdown()
    }

    private func markReachable() {
        guard reachable.withLock({ state in defer { state = true }; return !state }) else { return }
        logger.notice("redis is reachable again", ["redis": .string(settings.address)])
    }

    private func markUnreachable(_ error: RedisError) {
        guard reachable.withLock({ state in defer { state = false }; return state }) else { return }
        logger.warning("redis is unreachable", ["redis": .string(settings.address), "error": .string(error.description)])
    }
}
