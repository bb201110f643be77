#if canImport(Glibc)
import Glibc
#endif
import CHiredis
import TriageCore
import TriageRPC

/// One hiredis async connection, driven by the RPC event loop: commands are written the moment
/// they are queued, replies are read when epoll says so, and the callbacks resume the waiting
/// handlers on the same thread. A call therefore costs no thread hop of its own (a blocking
/// connection on a pool thread cost two wake-ups per call), and many calls share one connection
/// as a pipeline.
///
/// Loop-confined: every method runs on the loop's thread (``RedisClient`` hops there), and
/// hiredis calls back only from inside them, which is what makes the `@unchecked Sendable` sound.
/// It connects on first use and again after a failure, at most every 25–400 ms while Redis stays
/// away, so that a dead Redis costs callers an immediate UNAVAILABLE rather than a timeout each.
final class RedisLoopConnection: EventHandler, @unchecked Sendable {
    private let settings: RedisSettings
    private let scripts: RedisScriptCache
    private let loop: EventLoop
    private let resolver: BlockingThreadPool

    private var context: UnsafeMutablePointer<redisAsyncContext>?
    private var registration: EventLoop.Registration?
    private var registeredInterest = (read: false, write: false)
    /// What hiredis asked for through its event hooks; applied to epoll by ``syncInterest()``.
    fileprivate var wantsRead = false
    fileprivate var wantsWrite = false
    /// Connected, authenticated, database selected, scripts loaded.
    private var isReady = false
    private var connectTimer: EventLoop.TimerID?
    /// Why the current context is going away; its pending calls fail with it.
    private var failure: RedisError?
    /// Calls waiting for the host name to resolve; nil when not resolving.
    private var waitingForAddress: [RedisPendingCall]?

    private var retryAt: ContinuousClock.Instant?
    private var backoff = RedisLoopConnection.minimumBackoff
    private var lastFailure = ""
    private static let minimumBackoff: Duration = .milliseconds(25)
    private static let maximumBackoff: Duration = .milliseconds(400)

    /// Calls sent on this connection that have not been answered.
    private(set) var inFlight = 0

    init(settings: RedisSettings, scripts: RedisScriptCache, loop: EventLoop, resolver: BlockingThreadPool) {
        self.settings = settings
        self.scripts = scripts
        self.loop = loop
        self.resolver = resolver
    }

    // MARK: Calls

    func submit(_ call: RedisPendingCall) {
        if let context, inFlight == 0, Self.hasPendingInput(context) {
            // A socket that is readable while idle has been closed by the server (Redis restarted).
            drop(.connection("closed by \(settings.address) while idle"))
        }
        if let failure, context != nil {
            return call.finish(.failure(failure), loop: loop)  // only inside a hiredis callback, which never submits
        }
        if context == nil && waitingForAddress == nil {
            do throws(RedisError) { try open() } catch { return call.finish(.failure(error), loop: loop) }
        }
        if waitingForAddress != nil {
            waitingForAddress?.append(call)
            return armTimer(call, connecting: true)
        }
        send(call)
    }

    private func send(_ call: RedisPendingCall) {
        guard let context else { return call.finish(.failure(.connection("no connection to \(settings.address)")), loop: loop) }
        call.prepareToSend(reused: isReady, loop: loop, pollWindow: settings.replyPoll)
        for command in call.commands {
            let data = Unmanaged.passRetained(call)
            if Self.append(command, to: context, data: data.toOpaque()) != REDIS_OK {
                data.release()
                return call.finish(.failure(.connection("cannot queue \(command.name): \(Self.errorText(context))")), loop: loop)
            }
        }
        inFlight += 1
        armTimer(call, connecting: !isReady)
        // Write now rather than on the next round of epoll; before the connection is established
        // hiredis writes once the socket becomes writable.
        if context.pointee.c.flags & REDIS_CONNECTED != 0 { redisAsyncHandleWrite(context) }
        syncInterest()
    }

    private func armTimer(_ call: RedisPendingCall, connecting: Bool) {
        guard call.timer == nil else { return }  // a retried call keeps its first deadline
        let timeout = settings.commandTimeout + (connecting ? settings.connectTimeout : .zero)
        call.timer = loop.schedule(at: .now + timeout) { [weak self, weak call] in
            guard let self, let call, !call.isFinished else { return }
            let error = RedisError.timeout("no answer from \(self.settings.address) within \(timeout.inMilliseconds) ms while \(call.name)")
            if self.context == nil {
                call.finish(.failure(error), loop: self.loop)  // still resolving the host name
            } else {
                self.drop(error)  // the connection's state is unknown now: its other calls fail too
            }
        }
    }

    /// A reply (nil: the context is going away) for one command of `call`, from hiredis.
    fileprivate func deliver(_ reply: UnsafeMutableRawPointer?, to call: RedisPendingCall, context: UnsafeMutablePointer<redisAsyncContext>) {
        let wasFinished = call.isFinished
        if call.isAwaitingRetry { return }  // the rest of a pipeline that is being sent again
        if let reply {
            call.receive(RedisReply(reply.assumingMemoryBound(to: redisReply.self)), loop: loop)
        } else {
            let error = failure(of: context)
            if !wasFinished, error.kind == .connection, call.reused, call.idempotent, !call.retried {
                // It went out on a connection that turned out to be closed: once more on a fresh one.
                call.startRetry()
                inFlight -= 1
                loop.executeLater { [self] in self.submit(call) }
                return
            }
            call.finish(.failure(error), loop: loop)
        }
        if !wasFinished && call.isFinished { inFlight -= 1 }
    }

    /// Closes the connection; calls still waiting fail.
    func close() {
        drop(.connection("the connection to \(settings.address) was closed (shutting down)"))
        for call in waitingForAddress ?? [] { call.finish(.failure(.connection("shutting down")), loop: loop) }
        waitingForAddress = nil
    }

    // MARK: Connecting

    private func open() throws(RedisError) {
        if let retryAt, ContinuousClock.now < retryAt { throw .connection("\(lastFailure) (reconnecting)") }
        if settings.isUnixSocket || Self.isNumericAddress(settings.host) { return try connect(to: settings.host) }
        // getaddrinfo blocks (DNS): on a resolver thread, never on the loop.
        waitingForAddress = []
        let host = settings.host
        Task { [resolver, loop] in
            let address: Result<String, RedisError>
            do { address = try await resolver.run { Self.resolve(host) } } catch { address = .failure(.connection("cannot resolve \(host): \(error)")) }
            loop.execute { self.resolved(address) }
        }
    }

    private func resolved(_ address: Result<String, RedisError>) {
        let waiting = (waitingForAddress ?? []).filter { !$0.isFinished }
        waitingForAddress = nil
        do throws(RedisError) {
            try connect(to: address.get())
        } catch {
            noteConnectFailure(error)
            for call in waiting { call.finish(.failure(error), loop: loop) }
            return
        }
        for call in waiting { send(call) }
    }

    private func connect(to address: String) throws(RedisError) {
        let opened = settings.isUnixSocket ? redisAsyncConnectUnix(address) : redisAsyncConnect(address, Int32(settings.port))
        guard let opened else { throw noteConnectFailure(.connection("cannot allocate a connection")) }
        if opened.pointee.err != 0 {
            let error = RedisError.connection("cannot connect to \(settings.address): \(Self.errorText(opened))")
            redisAsyncFree(opened)
            throw noteConnectFailure(error)
        }
        context = opened
        failure = nil
        isReady = false
        let this = Unmanaged.passUnretained(self).toOpaque()
        opened.pointee.data = this
        opened.pointee.ev.data = this
        opened.pointee.ev.addRead = { RedisLoopConnection.from($0).wantsRead = true }
        opened.pointee.ev.delRead = { RedisLoopConnection.from($0).wantsRead = false }
        opened.pointee.ev.addWrite = { RedisLoopConnection.from($0).wantsWrite = true }
        opened.pointee.ev.delWrite = { RedisLoopConnection.from($0).wantsWrite = false }
        opened.pointee.ev.cleanup = { RedisLoopConnection.from($0).contextFreed() }
        if !settings.isUnixSocket { _ = redisEnableKeepAlive(&opened.pointee.c) }
        // The first writable event tells that the connection is established (or why not).
        wantsRead = false
        wantsWrite = true
        registration = loop.register(fd: opened.pointee.c.fd, handler: self, readable: false, writable: true)
        registeredInterest = (false, true)
        let identity = Int(bitPattern: opened)
        connectTimer = loop.schedule(at: .now + settings.connectTimeout) { [weak self] in
            guard let self, let context = self.context, Int(bitPattern: context) == identity, !self.isReady else { return }
            self.drop(.connection("cannot connect to \(self.settings.address): no answer within \(self.settings.connectTimeout.inMilliseconds) ms"))
        }
        sendHandshake()
    }

    /// Authenticates, selects the database and loads the scripts, queued ahead of any call.
    private func sendHandshake() {
        var commands: [RedisCommand] = []
        if let password = settings.password {
            let credentials = settings.username.map { [RedisArgument($0), RedisArgument(password)] } ?? [RedisArgument(password)]
            commands.append(RedisCommand("AUTH", credentials))
        }
        if settings.database != 0 { commands.append(RedisCommand("SELECT", RedisArgument(settings.database))) }
        let scriptsStart = commands.count
        let all = scripts.scripts
        commands += all.map { RedisCommand("SCRIPT", "LOAD", RedisArgument($0.source)) }
        guard !commands.isEmpty else { return becameReady() }
        send(RedisPendingCall(commands, idempotent: false) { [weak self] result in
            guard let self, case .success(let replies) = result else { return }  // a failure drops the connection anyway
            for (index, reply) in replies.enumerated() {
                if case .error(let message) = reply { return self.drop(.reply(message)) }
                guard index >= scriptsStart else { continue }
                guard let sha = reply.text else { return self.drop(.unexpectedReply("SCRIPT LOAD answered \(reply.kindName)")) }
                self.scripts.store(sha: sha, for: all[index - scriptsStart].name)
            }
            self.becameReady()
        })
    }

    private func becameReady() {
        isReady = true
        if let connectTimer { loop.cancel(connectTimer) }
        connectTimer = nil
        retryAt = nil
        backoff = Self.minimumBackoff
    }

    @discardableResult
    private func noteConnectFailure(_ error: RedisError) -> RedisError {
        lastFailure = error.message
        retryAt = .now + backoff
        backoff = min(backoff * 2, Self.maximumBackoff)
        return error
    }

    /// Frees the context; hiredis fails its pending callbacks with `reason`, then calls cleanup.
    /// Inside a hiredis callback the free happens as soon as the callback returns.
    private func drop(_ reason: RedisError) {
        guard let context, failure == nil else { return }
        failure = reason
        if !isReady { noteConnectFailure(reason) }
        redisAsyncFree(context)
    }

    /// The error for the pending calls of a context that hiredis is tearing down.
    private func failure(of context: UnsafeMutablePointer<redisAsyncContext>) -> RedisError {
        if let failure { return failure }
        let text = Self.errorText(context)
        let error: RedisError = isReady ? .connection("\(text) (\(settings.address))") : .connection("cannot connect to \(settings.address): \(text)")
        failure = error
        if !isReady { noteConnectFailure(error) }
        return error
    }

    /// hiredis' cleanup hook: the context is about to be freed (its callbacks have all run).
    private func contextFreed() {
        if let registration { loop.deregister(registration) }
        if let connectTimer { loop.cancel(connectTimer) }
        registration = nil
        connectTimer = nil
        context = nil
        failure = nil
        isReady = false
        inFlight = 0
        wantsRead = false
        wantsWrite = false
    }

    // MARK: Events

    func handleEvents(readable: Bool, writable: Bool, hangup: Bool, loop: EventLoop) {
        if writable, let context { redisAsyncHandleWrite(context) }
        if readable || hangup, let context { redisAsyncHandleRead(context) }
        syncInterest()
    }

    private func syncInterest() {
        guard let registration, registeredInterest != (wantsRead, wantsWrite) else { return }
        loop.setInterest(registration, readable: wantsRead, writable: wantsWrite)
        registeredInterest = (wantsRead, wantsWrite)
    }

    fileprivate static func from(_ pointer: UnsafeMutableRawPointer?) -> RedisLoopConnection {
        Unmanaged<RedisLoopConnection>.fromOpaque(pointer!).takeUnretainedValue()
    }
}

/// hiredis calls this for every reply (or with nil when the context goes away); `data` is the
/// call, retained once per command.
private let replyCallback: @convention(c) (UnsafeMutablePointer<redisAsyncContext>?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = {
    context, reply, data in
    guard let context, let data else { return }
    let call = Unmanaged<RedisPendingCall>.fromOpaque(data).takeRetainedValue()
    RedisLoopConnection.from(context.pointee.data).deliver(reply, to: call, context: context)
}

extension RedisLoopConnection {
    fileprivate static func append(_ command: RedisCommand, to context: UnsafeMutablePointer<redisAsyncContext>, data: UnsafeMutableRawPointer) -> Int32 {
        command.withArgv { count, argv, lengths in
            redisAsyncCommandArgv(context, replyCallback, data, count, argv, lengths)
        }
    }

    /// Whether an idle connection has something to read: the server closed it (EOF) or broke the
    /// protocol. Either way it must not be used for the next command.
    fileprivate static func hasPendingInput(_ context: UnsafeMutablePointer<redisAsyncContext>) -> Bool {
        var descriptor = pollfd(fd: context.pointee.c.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    fileprivate static func errorText(_ context: UnsafeMutablePointer<redisAsyncContext>) -> String {
        let text = withUnsafeBytes(of: context.pointee.c.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "connection error \(context.pointee.c.err)" : text
    }

    fileprivate static func isNumericAddress(_ host: String) -> Bool {
        var buffer = in6_addr()
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }

    /// The host's address (IPv4 preferred, as Redis listens on 127.0.0.1 by default); blocks.
    fileprivate static func resolve(_ host: String) -> Result<String, RedisError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, list != nil else {
            return .failure(.connection("cannot resolve \(host): \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(list) }
        var candidates: [UnsafeMutablePointer<addrinfo>] = []
        var next = list
        while let entry = next {
            candidates.append(entry)
            next = entry.pointee.ai_next
        }
        guard let chosen = candidates.first(where: { $0.pointee.ai_family == AF_INET }) ?? candidates.first else {
            return .failure(.connection("cannot resolve \(host): no address"))
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = chosen.pointee.ai_family
        guard let socketAddress = chosen.pointee.ai_addr.map(UnsafeRawPointer.init) else {
            return .failure(.connection("cannot resolve \(host): no address"))
        }
        let converted: Bool
        if family == AF_INET {
            var address = socketAddress.load(as: sockaddr_in.self).sin_addr
            converted = inet_ntop(family, &address, &text, socklen_t(text.count)) != nil
        } else {
            var address = socketAddress.load(as: sockaddr_in6.self).sin6_addr
            converted = inet_ntop(family, &address, &text, socklen_t(text.count)) != nil
        }
        guard converted else { return .failure(.connection("cannot resolve \(host): unusable address")) }
        let length = text.firstIndex(of: 0) ?? text.count
        return .success(String(decoding: text[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
