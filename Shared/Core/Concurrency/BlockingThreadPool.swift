import Dispatch
import Foundation
import Synchronization

/// Dedicated threads for work that blocks (a libpq query, a hiredis command, a curl transfer),
/// bridged to async callers so that Swift's small cooperative pool is never blocked.
///
/// A caller that is cancelled before its work starts gets `CancellationError` at once and the
/// work never runs; work that has started runs to completion (a blocking C call cannot be
/// interrupted), and its result is then discarded.
public final class BlockingThreadPool: Sendable {
    public let name: String
    public let threadCount: Int

    private struct State {
        var queue: [WorkItem] = []
        var head = 0
        var shutdown = false
        var pending: Int { queue.count - head }
    }
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    public init(name: String, threads: Int) {
        precondition(threads > 0, "a thread pool needs at least one thread")
        self.name = name
        self.threadCount = threads
        for index in 0..<threads {
            let thread = Thread { [self] in
                Thread.current.name = "\(name)-\(index)"  // Linux applies a name only from the thread itself
                self.workLoop()
            }
            thread.start()
        }
    }

    /// How many submitted work items have not started yet.
    public var queueDepth: Int { state.withLock { $0.pending } }

    /// Runs `work` on one of the pool's threads and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let item = WorkItem()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                item.prepare(
                    run: { continuation.resume(with: Result { try work() }) },
                    fail: { continuation.resume(throwing: $0) }
                )
                let accepted = state.withLock { state -> Bool in
                    guard !state.shutdown else { return false }
                    state.queue.append(item)
                    return true
                }
                if accepted { available.signal() } else { item.fail(BlockingThreadPoolError.shutDown) }
            }
        } onCancel: {
            item.fail(CancellationError())
        }
    }

    /// Stops the threads once the queued work is done; later `run` calls fail.
    public func shutdown() {
        let wake = state.withLock { state -> Bool in
            guard !state.shutdown else { return false }
            state.shutdown = true
            return true
        }
        if wake { for _ in 0..<threadCount { available.signal() } }
    }

    private func workLoop() {
        while true {
            available.wait()
            let next = state.withLock { state -> WorkItem?? in
                if state.head < state.queue.count {
                    let item = state.queue[state.head]
                    state.head += 1
                    if state.head > 1024, state.head * 2 > state.queue.count {
                        state.queue.removeFirst(state.head)
                        state.head = 0
                    }
                    return .some(item)
                }
                return state.shutdown ? .none : .some(nil)
            }
            switch next {
            case .none: return
            case .some(nil): continue
            case .some(let item?): item.start()
            }
        }
    }
}

public struct BlockingThreadPoolError: Error, CustomStringConvertible {
    public static let shutDown = BlockingThreadPoolError()
    public var description: String { "the thread pool has shut down" }
}

/// One submitted piece of work; starts or fails exactly once.
private final class WorkItem: Sendable {
    private enum State {
        case unprepared
        case ready(run: @Sendable () -> Void, fail: @Sendable (any Error) -> Void)
        case failedEarly(any Error)
        case finished
    }
    private let state = Mutex(State.unprepared)

    func prepare(run: @escaping @Sendable () -> Void, fail: @escaping @Sendable (any Error) -> Void) {
        let earlyError = state.withLock { state -> (any Error)? in
            if case .failedEarly(let error) = state { state = .finished; return error }
            state = .ready(run: run, fail: fail)
            return nil
        }
        if let earlyError { fail(earlyError) }
    }

    func start() {
        let run = state.withLock { state -> (@Sendable () -> Void)? in
            guard case .ready(let run, _) = state else { return nil }
            state = .finished
            return run
        }
        run?()
    }

    func fail(_ error: any Error) {
        let fail = state.withLock { state -> (@Sendable (any Error) -> Void)? in
            switch state {
            case .unprepared: state = .failedEarly(error); return nil
            case .ready(_, let fail): state = .finished; return fail
            case .failedEarly, .finished: return nil
            }
        }
        fail?(error)
    }
}
