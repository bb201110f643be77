#if canImport(Glibc)
import Glibc
#endif
import CHiredis
import TriageCore

/// One blocking hiredis connection with connect and command timeouts.
///
/// Not thread-safe: ``RedisConnectionPool`` hands each connection to one pool thread at a time,
/// which is what makes the `@unchecked Sendable` sound. It reconnects on its next use after a
/// failure, at most every few hundred milliseconds while Redis stays away, so that a dead Redis
/// costs callers an immediate UNAVAILABLE rather than a connect timeout each.
final class RedisConnection: @unchecked Sendable {
    private let settings: RedisSettings
    private let scripts: [RedisScript]
    private var context: UnsafeMutablePointer<redisContext>?
    private var scriptSHAs: [String: String] = [:]
    private var retryAt: ContinuousClock.Instant?
    private var backoff = RedisConnection.minimumBackoff
    private var lastFailure = ""

    private static let minimumBackoff: Duration = .milliseconds(25)
    private static let maximumBackoff: Duration = .milliseconds(400)

    init(settings: RedisSettings, scripts: [RedisScript]) {
        self.settings = settings
        self.scripts = scripts
    }

    deinit { close() }

    /// Sends `commands` as one pipeline and returns their replies in order. An error reply is a
    /// reply (the caller checks it); a lost connection throws. `idempotent` commands are sent
    /// once more on a fresh connection when a reused one turns out to be closed (never after a
    /// timeout: a Redis that does not answer would cost the caller a second timeout).
    func execute(_ commands: [RedisCommand], idempotent: Bool = false) throws(RedisError) -> [RedisReply] {
        let (current, reused) = try usableContext()
        return try send(commands, on: current, reused: reused, idempotent: idempotent)
    }

    /// Runs `script` with no declared keys (see SessionScripts) and `arguments` as ARGV.
    func evaluate(_ script: RedisScript, _ arguments: [RedisArgument], idempotent: Bool) throws(RedisError) -> RedisReply {
        let (current, reused) = try usableContext()
        let evalArguments: [RedisArgument] = ["0"] + arguments
        let eval = RedisCommand("EVAL", [RedisArgument(script.source)] + evalArguments)
        guard let sha = scriptSHAs[script.name] else {
            return try send([eval], on: current, reused: reused, idempotent: idempotent)[0]
        }
        let reply = try send([RedisCommand("EVALSHA", [RedisArgument(sha)] + evalArguments)], on: current, reused: reused, idempotent: idempotent)[0]
        guard case .error(let message) = reply, message.hasPrefix("NOSCRIPT") else { return reply }
        // The script cache was flushed behind our back: EVAL runs the source and caches it again.
        return try execute([eval], idempotent: idempotent)[0]
    }

    private func usableContext() throws(RedisError) -> (UnsafeMutablePointer<redisContext>, reused: Bool) {
        if let context, !Self.hasPendingInput(context) { return (context, true) }
        close()  // a socket that is readable while idle has been closed by the server
        return (try connect(), false)
    }

    private func send(
        _ commands: [RedisCommand], on current: UnsafeMutablePointer<redisContext>, reused: Bool, idempotent: Bool
    ) throws(RedisError) -> [RedisReply] {
        do throws(RedisError) {
            return try pipeline(current, commands)
        } catch where error.kind == .connection && reused && idempotent {
            return try pipeline(try connect(), commands)
        }
    }

    func close() {
        if let context { redisFree(context) }
        context = nil
        scriptSHAs = [:]
    }

    // MARK: Connecting

    private func connect() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let retryAt, ContinuousClock.now < retryAt {
            throw .connection("\(lastFailure) (reconnecting)")
        }
        do throws(RedisError) {
            let connected = try open()
            retryAt = nil
            backoff = Self.minimumBackoff
            return connected
        } catch {
            close()
            lastFailure = error.message
            retryAt = .now + backoff
            backoff = min(backoff * 2, Self.maximumBackoff)
            throw error
        }
    }

    private func open() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        let timeout = Self.timeval(settings.connectTimeout)
        let opened = settings.isUnixSocket
            ? redisConnectUnixWithTimeout(settings.host, timeout)
            : redisConnectWithTimeout(settings.host, Int32(settings.port), timeout)
        guard let opened else { throw .connection("cannot allocate a connection") }
        context = opened
        if opened.pointee.err != 0 { throw .connection("cannot connect to \(settings.address): \(Self.errorText(opened))") }
        guard redisSetTimeout(opened, Self.timeval(settings.commandTimeout)) == REDIS_OK else {
            throw .connection("cannot set the command timeout: \(Self.errorText(opened))")
        }
        if !settings.isUnixSocket { _ = redisEnableKeepAlive(opened) }
        try handshake(opened)
        return opened
    }

    /// Authenticates, selects the database and loads the scripts, all in one round trip.
    private func handshake(_ context: UnsafeMutablePointer<redisContext>) throws(RedisError) {
        var commands: [RedisCommand] = []
        if let password = settings.password {
            let credentials = settings.username.map { [RedisArgument($0), RedisArgument(password)] } ?? [RedisArgument(password)]
            commands.append(RedisCommand("AUTH", credentials))
        }
        if settings.database != 0 { commands.append(RedisCommand("SELECT", RedisArgument(settings.database))) }
        let scriptsStart = commands.count
        commands += scripts.map { RedisCommand("SCRIPT", "LOAD", RedisArgument($0.source)) }
        guard !commands.isEmpty else { return }
        let replies = try pipeline(context, commands)
        for (index, reply) in replies.enumerated() {
            if case .error(let message) = reply { throw .reply(message) }
            if index >= scriptsStart {
                guard let sha = reply.text else { throw .unexpectedReply("SCRIPT LOAD answered \(reply)") }
                scriptSHAs[scripts[index - scriptsStart].name] = sha
            }
        }
    }

    // MARK: Sending and receiving

    private func pipeline(_ context: UnsafeMutablePointer<redisContext>, _ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        for command in commands where Self.append(command, to: context) != REDIS_OK {
            throw failure(context, while: "sending \(command.name)")
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw failure(context, while: "waiting for \(command.name)")
            }
            replies.append(RedisReply(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return replies
    }

    /// The error for a failed call; the connection is unusable afterwards and is dropped.
    private func failure(_ context: UnsafeMutablePointer<redisContext>, while action: String) -> RedisError {
        let code = errno
        let text = Self.errorText(context)
        let timedOut = context.pointee.err == REDIS_ERR_IO && (code == EAGAIN || code == EWOULDBLOCK || text.contains("temporarily unavailable"))
        close()
        if timedOut { return .timeout("no answer within \(settings.commandTimeout.inMilliseconds) ms while \(action)") }
        return .connection("\(text) while \(action)")
    }

    private static func append(_ command: RedisCommand, to context: UnsafeMutablePointer<redisContext>) -> Int32 {
        // One contiguous copy of the arguments, so that every argv pointer stays valid for the call.
        let lengths = command.arguments.map(\.count)
        var blob: [UInt8] = []
        blob.reserveCapacity(lengths.reduce(0, +))
        for argument in command.arguments { blob.append(contentsOf: argument) }
        return blob.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return REDIS_ERR }
            var offset = 0
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(lengths.count)
            for length in lengths {
                pointers.append((base + offset).assumingMemoryBound(to: CChar.self))
                offset += length
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    redisAppendCommandArgv(context, Int32(lengths.count), argv.baseAddress, argvlen.baseAddress)
                }
            }
        }
    }

    /// Whether an idle connection has something to read: the server closed it (EOF) or broke the
    /// protocol. Either way it must not be used for the next command.
    private static func hasPendingInput(_ context: UnsafeMutablePointer<redisContext>) -> Bool {
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        let text = withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "connection error \(context.pointee.err)" : text
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let micros = duration.inMicroseconds
        return Glibc.timeval(tv_sec: Int(micros / 1_000_000), tv_usec: Int(micros % 1_000_000))
    }
}
