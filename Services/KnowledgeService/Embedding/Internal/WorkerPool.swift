import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed set of dedicated threads that run the engine's CPU-bound work, so that none of it runs on
/// Swift's cooperative thread pool (which has only as many threads as cores and must stay free for
/// the service's I/O). Callers `await` a job; the job is queued, a worker picks it up, and the caller's
/// continuation is resumed with the result.
///
/// Two lanes: `.interactive` jobs (one query's text) are always taken before `.bulk` ones (the batches
/// of an ingest), so a search does not wait behind hundreds of queued document batches.
/// Each worker owns a `Workspace` (scratch buffers reused across jobs). Jobs still waiting in the queue
/// when their task is cancelled are dropped and throw `CancellationError`; a job that already runs
/// completes. The threads exit once the pool is released and the queue is drained.
final class WorkerPool: Sendable {
    enum Lane: Sendable { case interactive, bulk }

    let threadCount: Int
    /// The pool's live threads; outlives the pool until the last thread has exited.
    let census = Census()
    private let queue: JobQueue

    init(threads: Int, name: String) {
        threadCount = max(1, threads)
        queue = JobQueue(threads: threadCount)
        for index in 0..<threadCount {
            let queue = self.queue, census = self.census
            let threadName = "\(name)-\(index)"
            Thread {
                // Named from inside (for `top -H` and debuggers): on Linux a name set before
                // `start()` is not applied. Best effort; nothing depends on it.
                Thread.current.name = threadName
                census.enter()
                queue.work()
                census.leave()
            }.start()
        }
    }

    /// Which threads are the pool's (checked by identity, not by name).
    final class Census: Sendable {
        private let threads = Mutex<[pthread_t]>([])

        fileprivate func enter() { threads.withLock { $0.append(pthread_self()) } }

        fileprivate func leave() {
            let me = pthread_self()
            threads.withLock { $0.removeAll { pthread_equal($0, me) != 0 } }
        }

        var count: Int { threads.withLock { $0.count } }

        /// True on one of the pool's worker threads.
        var includesCurrentThread: Bool {
            let me = pthread_self()
            return threads.withLock { $0.contains { pthread_equal($0, me) != 0 } }
        }
    }

    deinit { queue.close() }

    /// Runs `work` on a worker thread and returns its result.
    func submit<T: Sendable>(
        _ lane: Lane = .interactive, _ work: @escaping @Sendable (Workspace) throws -> T
    ) async throws -> T {
        let queue = self.queue
        let id = queue.makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = JobQueue.Job(
                    id: id,
                    run: { workspace in continuation.resume(with: Result { try work(workspace) }) },
                    drop: { continuation.resume(throwing: CancellationError()) }
                )
                queue.enqueue(job, lane: lane)
                // A cancellation that came before the job was queued found nothing to cancel.
                if Task.isCancelled { queue.cancel(id) }
            }
        } onCancel: {
            queue.cancel(id)
        }
    }
}

/// The pool's queue, shared by the pool and its threads (the threads do not keep the pool alive).
private final class JobQueue: Sendable {
    struct Job: Sendable {
        let id: UInt64
        let run: @Sendable (Workspace) -> Void
        let drop: @Sendable () -> Void
    }

    /// First in, first out, without shifting the array on every pop.
    private struct FIFO {
        private var jobs: [Job] = []
        private var head = 0

        mutating func append(_ job: Job) { jobs.append(job) }

        mutating func popFirst() -> Job? {
            guard head < jobs.count else { return nil }
            let job = jobs[head]
            head += 1
            if head > 64, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }

        mutating func remove(id: UInt64) -> Job? {
            guard let index = jobs[head...].firstIndex(where: { $0.id == id }) else { return nil }
            return jobs.remove(at: index)
        }
    }

    private struct State {
        var interactive = FIFO()
        var bulk = FIFO()
        var closed = false
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Counts queued jobs (and, at close, one wake-up per thread).
    private let available = DispatchSemaphore(value: 0)
    private let threads: Int

    init(threads: Int) { self.threads = threads }

    func makeID() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    func enqueue(_ job: Job, lane: WorkerPool.Lane) {
        state.withLock { state in
            switch lane {
            case .interactive: state.interactive.append(job)
            case .bulk: state.bulk.append(job)
            }
        }
        available.signal()
    }

    /// Drops job `id` if it is still waiting; its caller gets `CancellationError`.
    func cancel(_ id: UInt64) {
        let dropped = state.withLock { $0.interactive.remove(id: id) ?? $0.bulk.remove(id: id) }
        dropped?.drop()
    }

    /// Lets every worker finish the queued jobs and exit.
    func close() {
        state.withLock { $0.closed = true }
        // One extra wake-up per thread: a worker that finds the queue empty and closed exits.
        for _ in 0..<threads { available.signal() }
    }

    /// The body of each worker thread.
    func work() {
        let workspace = Workspace()
        while true {
            available.wait()
            enum Next { case run(Job), idle, exit }
            let next: Next = state.withLock { state in
                if let job = state.interactive.popFirst() ?? state.bulk.popFirst() { return .run(job) }
                return state.closed ? .exit : .idle
            }
            switch next {
            case .run(let job): job.run(workspace)
            case .idle: continue  // the job this wake-up was for has been cancelled
            case .exit: return
            }
        }
    }
}
