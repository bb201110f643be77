import Dispatch
import Foundation
import Synchronization

/// A fixed set of dedicated threads that run the engine's CPU-bound work, so that none of it runs on
/// Swift's cooperative thread pool (which has only as many threads as cores and must stay free for
/// the service's I/O). Callers `await` a job; the job is queued, a worker picks it up, and the caller's
/// continuation is resumed with the result.
///
/// Each worker owns a `Workspace` (scratch buffers reused across jobs). Jobs still waiting in the queue
/// when their task is cancelled are dropped and throw `CancellationError`; a job that already runs
/// completes. The threads exit once the pool is released and the queue is drained.
final class WorkerPool: Sendable {
    let threadCount: Int
    private let queue: JobQueue

    init(threads: Int, name: String) {
        threadCount = max(1, threads)
        queue = JobQueue(threads: threadCount)
        for index in 0..<threadCount {
            let queue = self.queue
            let threadName = "\(name)-\(index)"
            // Named from inside: on Linux a name set before `start()` is not applied to the thread.
            Thread {
                Thread.current.name = threadName
                queue.work()
            }.start()
        }
    }

    deinit { queue.close() }

    /// Runs `work` on a worker thread and returns its result.
    func submit<T: Sendable>(_ work: @escaping @Sendable (Workspace) throws -> T) async throws -> T {
        let queue = self.queue
        let id = queue.makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = JobQueue.Job(
                    id: id,
                    run: { workspace in continuation.resume(with: Result { try work(workspace) }) },
                    drop: { continuation.resume(throwing: CancellationError()) }
                )
                queue.enqueue(job)
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

    private struct State {
        var jobs: [Job] = []
        var head = 0
        var closed = false
        var nextID: UInt64 = 0

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
    }

    private let state = Mutex(State())
    private let threads: Int
    /// Counts queued jobs (and, at close, one wake-up per thread).
    private let available = DispatchSemaphore(value: 0)

    init(threads: Int) { self.threads = threads }

    func makeID() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    func enqueue(_ job: Job) {
        state.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// Drops job `id` if it is still waiting; its caller gets `CancellationError`.
    func cancel(_ id: UInt64) {
        let dropped: Job? = state.withLock { state in
            guard let index = state.jobs[state.head...].firstIndex(where: { $0.id == id }) else { return nil }
            return state.jobs.remove(at: index)
        }
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
                if let job = state.popFirst() { return .run(job) }
                return state.closed ? .exit : .idle
            }
            switch next {
            case .run(let job): job.run(workspace)
            case .idle: continue
            case .exit: return
            }
        }
    }
}
