import Synchronization
import TriageCore
import TriageRPC

/// The session service's Redis: `REDIS_POOL_SIZE` hiredis async connections on the RPC event
/// loop (see ``RedisLoopConnection``); each call goes to the connection with the fewest calls in
/// flight, so one in flight always uses the same warm connection and many share them as pipelines.
///
/// As a ``Service`` it only waits for shutdown: connections open on first use and reopen after a
/// failure. It logs when Redis becomes unreachable and when it is back, once each.
final class RedisClient: Service {
    let settings: RedisSettings
    private let loop: EventLoop
    private let scripts: RedisScriptCache
    /// Used on the loop thread only.
    private let connections: [RedisLoopConnection]
    private nonisolated(unsafe) var isClosed = false
    private let reachable = Mutex(true)
    private let logger: Logger

    init(settings: RedisSettings, scripts: [RedisScript], logger: Logger, loop: EventLoop = .shared) {
        self.settings = settings
        self.logger = logger
        self.loop = loop
        let cache = RedisScriptCache(scripts)
        self.scripts = cache
        // Host names resolve on this thread, so that getaddrinfo never blocks the loop.
        let resolver = BlockingThreadPool(name: "redis-resolver", threads: 1)
        connections = (0..<settings.poolSize).map { _ in
            RedisLoopConnection(settings: settings, scripts: cache, loop: loop, resolver: resolver)
        }
    }

    /// Sends `commands` as one pipeline and returns their replies in order. An error reply is a
    /// reply (the caller checks it); a lost connection throws. `idempotent` commands are sent
    /// once more on a fresh connection when an open one turns out to be closed (never after a
    /// timeout: a Redis that does not answer would cost the caller a second timeout).
    /// `kind` names the request for learning how long its replies take (default: the first
    /// command's name).
    func execute(_ commands: [RedisCommand], idempotent: Bool = false, kind: String? = nil) async throws -> [RedisReply] {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<[RedisReply], RedisError>, Never>) in
            let call = RedisPendingCall(commands, idempotent: idempotent, kind: kind) { continuation.resume(returning: $0) }
            loop.execute { self.submit(call) }
        }
        switch result {
        case .success(let replies):
            markReachable()
            return replies
        case .failure(let error):
            if error.isTransient { markUnreachable(error) } else { markReachable() }
            throw error
        }
    }

    /// Runs `script` with no declared keys (see SessionScripts) and `arguments` as ARGV.
    func evaluate(_ script: RedisScript, _ arguments: [RedisArgument], idempotent: Bool) async throws -> RedisReply {
        let evalArguments: [RedisArgument] = ["0"] + arguments
        let eval = RedisCommand("EVAL", [RedisArgument(script.source)] + evalArguments)
        guard let sha = scripts.sha(for: script.name) else { return try await execute([eval], idempotent: idempotent)[0] }
        let reply = try await execute([RedisCommand("EVALSHA", [RedisArgument(sha)] + evalArguments)], idempotent: idempotent,
                                      kind: "redis script \(script.name)")[0]
        guard case .error(let message) = reply, message.hasPrefix("NOSCRIPT") else { return reply }
        // The script cache was flushed behind our back: EVAL runs the source and caches it again.
        return try await execute([eval], idempotent: idempotent)[0]
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

    /// On the loop thread.
    private func submit(_ call: RedisPendingCall) {
        guard !isClosed else { return call.finish(.failure(.connection("the redis client has shut down")), loop: loop) }
        var chosen = connections[0]
        for connection in connections.dropFirst() where connection.inFlight < chosen.inFlight { chosen = connection }
        chosen.submit(call)
    }

    func run() async throws {
        try? await gracefulShutdown()
        // Calls already sent get their answers (each within its timeout); then the connections close.
        let deadline = ContinuousClock.now + settings.commandTimeout + settings.connectTimeout
        while ContinuousClock.now < deadline, await onLoop({ self.connections.contains { $0.inFlight > 0 } }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        await onLoop {
            self.isClosed = true
            for connection in self.connections { connection.close() }
        }
    }

    private func onLoop<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in loop.execute { continuation.resume(returning: body()) } }
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
