#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Foundation
import Synchronization
import TriageCore

/// Something registered with the event loop; called on the loop's thread only.
package protocol EventHandler: AnyObject, Sendable {
    func handleEvents(readable: Bool, writable: Bool, hangup: Bool, loop: EventLoop)
}

/// One dedicated thread waiting in epoll for socket readiness and timers, so that no socket read
/// ever runs on Swift's cooperative pool. Writes do not need it: they are attempted directly,
/// non-blocking, by the thread that has something to send (see ``FramedConnection``).
package final class EventLoop: Sendable {
    /// The process's I/O thread, started on first use.
    package static let shared = EventLoop(name: "triage-io", busyPoll: EventLoop.busyPollFromEnvironment(),
                                          replyPoll: EventLoop.replyPollFromEnvironment())

    /// `TRIAGE_RPC_BUSY_POLL_US`, default 0 (off): after handling events the loop keeps polling
    /// (epoll_wait with a zero timeout) this long before it sleeps. On VMs a sleeping thread's
    /// wake-up costs tens of microseconds per hop, and a call's answer usually comes back within
    /// a few tens of microseconds, so polling spares both wake-ups of a request/response pair. It
    /// burns CPU that other processes on the host may need: measured on 2 cores, one call's
    /// latency falls from ~126 µs to ~25 µs with 50, but the whole system triages fewer tickets
    /// per second (docs/benchmarks.md), so it is for hosts with cores to spare.
    package static func busyPollFromEnvironment() -> Duration {
        microseconds("TRIAGE_RPC_BUSY_POLL_US", default: 0)
    }

    /// `TRIAGE_RPC_REPLY_POLL_US`, default 0 (off): see ``ReplyPolling``. Off by default because
    /// on the 2-vCPU machine it was measured on it made single calls faster but the whole system
    /// no faster (docs/benchmarks.md); for hosts with cores to spare.
    package static func replyPollFromEnvironment() -> Duration {
        microseconds("TRIAGE_RPC_REPLY_POLL_US", default: 0)
    }

    private static func microseconds(_ name: String, default value: Int) -> Duration {
        guard let text = ProcessInfo.processInfo.environment[name], !text.isEmpty else { return .microseconds(value) }
        guard let micros = Int(text), (0...10_000).contains(micros) else {
            FileHandle.standardError.write(Data("\(name)=\(text): expected microseconds from 0 to 10000\n".utf8))
            exit(78)
        }
        return .microseconds(micros)
    }

    private struct State {
        var handlers: [UInt64: any EventHandler] = [:]
        var nextRegistration: UInt64 = 1
        var timers = TimerHeap()
        /// When the loop's current epoll_wait returns at the latest; nil while it is not waiting.
        var sleepingUntil: ContinuousClock.Instant?
        /// Swift jobs enqueued on this loop as a task executor, run after each round of events.
        var jobs: [UnownedJob] = []
        /// Closures handed to ``execute(_:)`` from other threads, run with the jobs.
        var actions: [@Sendable () -> Void] = []
    }

    private let epollFD: Int32
    private let busyPoll: Duration
    private let replyPolling: ReplyPolling
    private let wakeFD: Int32
    private let state = Mutex(State())
    /// The loop thread's pthread id, once it runs.
    private let threadID = Atomic<UInt>(0)
    /// Read into by the loop thread only.
    private nonisolated(unsafe) let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)

    package init(name: String, busyPoll: Duration = .zero, replyPoll: Duration = .zero) {
        self.busyPoll = busyPoll
        self.replyPolling = ReplyPolling(window: replyPoll)
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll/eventfd: \(String(cString: strerror(errno)))")
        precondition(triage_epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, TRIAGE_EPOLLIN, 0) == 0)
        let thread = Thread { [self] in
            // Named with prctl in the thread itself: Foundation's `Thread.current.name` can race with
            // `start()` and leave the kernel's thread name unset, which `top -H` and tests read.
            _ = triage_name_current_thread(name)
            self.threadID.store(UInt(pthread_self()), ordering: .releasing)
            self.loop()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    // MARK: Registration (any thread)

    package struct Registration: Sendable, Hashable {
        fileprivate let id: UInt64
        package let fd: Int32
    }

    package func register(fd: Int32, handler: any EventHandler, readable: Bool = true, writable: Bool = false) -> Registration {
        let id = state.withLock { state -> UInt64 in
            let id = state.nextRegistration
            state.nextRegistration += 1
            state.handlers[id] = handler
            return id
        }
        if triage_epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, Self.mask(readable: readable, writable: writable), id) != 0 {
            preconditionFailure("epoll_ctl(ADD, \(fd)): \(String(cString: strerror(errno)))")
        }
        return Registration(id: id, fd: fd)
    }

    package func setInterest(_ registration: Registration, readable: Bool, writable: Bool) {
        _ = triage_epoll_ctl(epollFD, EPOLL_CTL_MOD, registration.fd, Self.mask(readable: readable, writable: writable), registration.id)
    }

    /// Stops delivering events; call before closing the descriptor.
    package func deregister(_ registration: Registration) {
        _ = triage_epoll_ctl(epollFD, EPOLL_CTL_DEL, registration.fd, 0, 0)
        _ = state.withLock { $0.handlers.removeValue(forKey: registration.id) }
    }

    private static func mask(readable: Bool, writable: Bool) -> UInt32 {
        var mask = TRIAGE_EPOLLRDHUP
        if readable { mask |= TRIAGE_EPOLLIN }
        if writable { mask |= TRIAGE_EPOLLOUT }
        return mask
    }

    // MARK: Running code on the loop (any thread)

    /// Whether the caller runs on the loop's thread (and so may touch loop-confined state).
    package var inLoopThread: Bool { threadID.load(ordering: .acquiring) == UInt(pthread_self()) }

    /// Runs `action` on the loop thread: at once when called there, else after the current round
    /// of events. For state that only the loop thread touches (a hiredis async context, say).
    package func execute(_ action: @escaping @Sendable () -> Void) {
        if inLoopThread { return action() }
        executeLater(action)
    }

    /// Runs `action` on the loop thread after the current round of events, even when called
    /// there: for work that must not run inside a callback the loop is in the middle of.
    package func executeLater(_ action: @escaping @Sendable () -> Void) {
        let wake = state.withLock { state -> Bool in
            state.actions.append(action)
            return state.sleepingUntil != nil
        }
        if wake { wakeUp() }
    }

    // MARK: Awaited replies (any thread)

    /// Call when a request went out whose reply will arrive on this loop; pass the result to
    /// ``replyReceived(_:)`` or ``replyAbandoned(_:)`` exactly once. `pollWindow` replaces the
    /// loop's `TRIAGE_RPC_REPLY_POLL_US` for this request (a store client's own setting).
    package func requestSent(kind: String, pollWindow: Duration? = nil) -> AwaitedReply {
        let awaited = replyPolling.requestSent(kind: kind, window: pollWindow)
        // Sent from another thread while the loop sleeps: wake it now, so that it polls when the
        // reply comes; its wake-up overlaps the time the peer takes to answer.
        if awaited.polled, !inLoopThread, state.withLock({ $0.sleepingUntil != nil }) { wakeUp() }
        return awaited
    }

    package func replyReceived(_ awaited: AwaitedReply) { replyPolling.finished(awaited, answered: true) }
    package func replyAbandoned(_ awaited: AwaitedReply) { replyPolling.finished(awaited, answered: false) }

    // MARK: Timers (any thread)

    package struct TimerID: Sendable, Hashable { fileprivate let id: UInt64 }

    /// Runs `action` on the loop thread at `deadline` (or soon after); keep it short.
    @discardableResult
    package func schedule(at deadline: ContinuousClock.Instant, _ action: @escaping @Sendable () -> Void) -> TimerID {
        let (id, wake) = state.withLock { state -> (UInt64, Bool) in
            let id = state.timers.schedule(at: deadline, action)
            // Wake the loop only if it sleeps past this deadline; it never sleeps longer than
            // `maxSleep`, so the usual call deadline of seconds needs no wake-up at all.
            guard let sleepingUntil = state.sleepingUntil, deadline < sleepingUntil else { return (id, false) }
            state.sleepingUntil = deadline
            return (id, true)
        }
        if wake { wakeUp() }
        return TimerID(id: id)
    }

    package func cancel(_ timer: TimerID) {
        state.withLock { $0.timers.cancel(timer.id) }
    }

    private func wakeUp() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// A buffer for reads on the loop thread; valid only inside `handleEvents`.
    package var readBuffer: UnsafeMutableRawBufferPointer { scratch }

    // MARK: The loop

    /// The longest epoll_wait, so that scheduling a distant timer never has to wake the loop.
    private static let maxSleep: Duration = .seconds(1)

    private func loop() {
        let capacity = 256
        let ids = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        let flagsOut = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        var pollUntil = ContinuousClock.now
        while true {
            var polling = false
            let timeout = state.withLock { state -> Int32 in
                guard state.jobs.isEmpty && state.actions.isEmpty else { return 0 }
                let now = ContinuousClock.now
                // Busy polling: not asleep, so enqueuers need not write the eventfd.
                if now < pollUntil { polling = true; return 0 }
                let next = min(state.timers.nextDeadline() ?? now + Self.maxSleep, now + Self.maxSleep)
                state.sleepingUntil = next
                let remaining = next - now
                if remaining <= .zero { return 0 }
                // Round up so a timer never fires early and never spins.
                return Int32(clamping: (remaining.inMicroseconds + 999) / 1000)
            }
            let count = triage_epoll_wait(epollFD, ids, flagsOut, Int32(capacity), timeout)
            state.withLock { $0.sleepingUntil = nil }
            // Polling with nothing to do: let any other runnable thread on this CPU go first.
            if polling && count == 0 { sched_yield() }
            if count < 0 {
                if errno == EINTR { continue }
                preconditionFailure("epoll_wait: \(String(cString: strerror(errno)))")
            }
            for index in 0..<Int(count) {
                let id = ids[index]
                if id == 0 {
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                    continue
                }
                guard let handler = state.withLock({ $0.handlers[id] }) else { continue }
                let flags = flagsOut[index]
                handler.handleEvents(
                    readable: flags & (TRIAGE_EPOLLIN | TRIAGE_EPOLLRDHUP) != 0,
                    writable: flags & TRIAGE_EPOLLOUT != 0,
                    hangup: flags & (TRIAGE_EPOLLHUP | TRIAGE_EPOLLERR) != 0,
                    loop: self
                )
            }
            let due = state.withLock { state -> [@Sendable () -> Void] in
                // Awake: timers scheduled from now on are seen before the next wait.
                state.sleepingUntil = nil
                return state.timers.popDue(now: .now)
            }
            for action in due { action() }
            let ranJobs = runJobs()
            if busyPoll > .zero && (count > 0 || ranJobs || !due.isEmpty) { pollUntil = ContinuousClock.now + busyPoll }
            if let replyDeadline = replyPolling.pollDeadline(), replyDeadline > pollUntil { pollUntil = replyDeadline }
        }
    }

    /// Runs the queued jobs, and the jobs they enqueue, for a bounded number of rounds before
    /// going back to epoll (so sockets are never starved by a chain of jobs).
    /// Whether any job ran.
    private func runJobs() -> Bool {
        let executor = asUnownedTaskExecutor()
        var ran = false
        for _ in 0..<16 {
            let (jobs, actions) = state.withLock { state -> ([UnownedJob], [@Sendable () -> Void]) in
                defer {
                    state.jobs.removeAll(keepingCapacity: true)
                    state.actions.removeAll(keepingCapacity: true)
                }
                return (state.jobs, state.actions)
            }
            if jobs.isEmpty && actions.isEmpty { return ran }
            ran = true
            for action in actions { action() }
            for job in jobs { job.runSynchronously(on: executor) }
        }
        return ran
    }
}

/// The loop is also a Swift task executor: tasks that prefer it (server handlers, clients that
/// opt in) resume on the thread that received their frame instead of hopping to the global
/// pool, which saves two context switches per call. Such work must never block.
extension EventLoop: TaskExecutor {
    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let wake = state.withLock { state -> Bool in
            state.jobs.append(job)
            return state.sleepingUntil != nil
        }
        if wake { wakeUp() }
    }
}
