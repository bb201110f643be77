import TriageRPC

/// One pipeline of commands in flight on a ``RedisLoopConnection``: it collects the replies in
/// order and reports once, with all of them or with the first failure.
///
/// Loop-confined: created, fed and finished on the event loop's thread only, which is what makes
/// the `@unchecked Sendable` sound (it travels to hiredis as callback data, not across threads).
final class RedisPendingCall: @unchecked Sendable {
    let commands: [RedisCommand]
    let idempotent: Bool
    /// Whether it went out on a connection that was already open (a closed one may then simply
    /// have been stale); set when it is sent.
    private(set) var reused = false
    /// Whether it has been sent once more after its connection turned out to be gone.
    private(set) var retried = false
    /// Between its connection's end and its second sending: the old pipeline's callbacks are ignored.
    private(set) var isAwaitingRetry = false
    var timer: EventLoop.TimerID?
    private(set) var isFinished = false
    private var replies: [RedisReply] = []
    private let completion: (Result<[RedisReply], RedisError>) -> Void

    /// What the request is, for learning how long its replies take.
    let kind: String
    /// Set while it is on the wire; the loop may poll for its reply.
    private var awaited: AwaitedReply?

    init(_ commands: [RedisCommand], idempotent: Bool, kind: String? = nil,
         completion: @escaping (Result<[RedisReply], RedisError>) -> Void) {
        self.commands = commands
        self.idempotent = idempotent
        self.kind = kind ?? "redis \(commands.first?.name ?? "nothing")"
        self.completion = completion
        replies.reserveCapacity(commands.count)
    }

    /// The name for timeouts and logs: the first command's (never an argument).
    var name: String { commands.first?.name ?? "nothing" }

    func prepareToSend(reused: Bool, loop: EventLoop, pollWindow: Duration) {
        self.reused = reused
        isAwaitingRetry = false
        if let awaited { loop.replyAbandoned(awaited) }
        awaited = loop.requestSent(kind: kind, pollWindow: pollWindow)
    }

    func startRetry() {
        retried = true
        isAwaitingRetry = true
        replies.removeAll(keepingCapacity: true)
    }

    func receive(_ reply: RedisReply, loop: EventLoop) {
        guard !isFinished else { return }
        replies.append(reply)
        if replies.count == commands.count { finish(.success(replies), loop: loop) }
    }

    func finish(_ result: Result<[RedisReply], RedisError>, loop: EventLoop) {
        guard !isFinished else { return }
        isFinished = true
        if let timer { loop.cancel(timer) }
        if let awaited {
            if case .success = result { loop.replyReceived(awaited) } else { loop.replyAbandoned(awaited) }
            self.awaited = nil
        }
        completion(result)
    }
}
