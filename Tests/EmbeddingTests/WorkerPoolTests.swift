import Dispatch
import Synchronization
import Foundation
import XCTest
@testable import Embedding

final class WorkerPoolTests: XCTestCase {
    func testJobsRunOnThePoolsOwnThreadsNotOnTheCooperativePool() async throws {
        let pool = WorkerPool(threads: 2, name: "test-pool")
        let census = pool.census
        let onWorker = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { try await pool.submit { _ in census.includesCurrentThread } } }
            var all: [Bool] = []
            for try await result in group { all.append(result) }
            return all
        }
        XCTAssertEqual(onWorker, [Bool](repeating: true, count: 8))
        XCTAssertFalse(census.includesCurrentThread, "the test itself runs elsewhere")
    }

    func testErrorsAreThrownToTheCaller() async {
        let pool = WorkerPool(threads: 1, name: "test-errors")
        do {
            _ = try await pool.submit { _ -> Int in throw EmbeddingError(.invalidModel, "boom") }
            XCTFail("no error")
        } catch {
            XCTAssertEqual(error as? EmbeddingError, EmbeddingError(.invalidModel, "boom"))
        }
    }

    /// A job still waiting in the queue when its task is cancelled is dropped with CancellationError.
    func testCancelledQueuedJobIsDropped() async throws {
        let pool = WorkerPool(threads: 1, name: "test-cancel")
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        async let blocker: Void = pool.submit { _ in
            started.signal()
            gate.wait()  // occupies the only worker (a dedicated thread, so this blocks nothing else)
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { started.wait(); continuation.resume() }
        }
        let ran = ManagedAtomicFlag()
        let queued = Task { try await pool.submit { _ in ran.set() } }
        try await Task.sleep(for: .milliseconds(50))
        queued.cancel()
        do {
            try await queued.value
            XCTFail("the cancelled job ran")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        gate.signal()
        try await blocker
        _ = try await pool.submit { _ in }
        XCTAssertFalse(ran.isSet)
    }

    func testWorkspaceBuffersGrowAndAreReused() {
        let workspace = Workspace()
        let small = workspace.floats(0, count: 10)
        small[9] = 42
        XCTAssertEqual(workspace.floats(0, count: 5), small, "a smaller request reuses the buffer")
        let large = workspace.floats(0, count: 10_000)
        large[9_999] = 1  // would crash under a memory checker if the buffer had not grown
        XCTAssertEqual(workspace.floats(0, count: 10_000), large)
        XCTAssertNotEqual(workspace.floats(1, count: 10), large, "slots are separate buffers")
    }
}

/// A flag set from a worker thread and read by the test.
final class ManagedAtomicFlag: Sendable {
    private let state = DispatchSemaphore(value: 0)
    func set() { state.signal() }
    var isSet: Bool { state.wait(timeout: .now()) == .success }
}

final class WorkerPoolLaneTests: XCTestCase {
    /// With the only worker busy, a queued interactive job runs before bulk jobs queued earlier.
    func testInteractiveJobsGoFirst() async throws {
        let pool = WorkerPool(threads: 1, name: "test-lanes")
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let order = OrderRecorder()
        async let blocker: Void = pool.submit(.bulk) { _ in
            started.signal()
            gate.wait()
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { started.wait(); continuation.resume() }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<3 { group.addTask { try await pool.submit(.bulk) { _ in order.append("bulk\(index)") } } }
            try await Task.sleep(for: .milliseconds(50))
            group.addTask { try await pool.submit(.interactive) { _ in order.append("query") } }
            try await Task.sleep(for: .milliseconds(50))
            gate.signal()
            try await group.waitForAll()
        }
        try await blocker
        XCTAssertEqual(order.items.first, "query", "\(order.items)")
        XCTAssertEqual(order.items.count, 4)
    }
}

final class OrderRecorder: Sendable {
    private let state = Mutex<[String]>([])
    func append(_ item: String) { state.withLock { $0.append(item) } }
    var items: [String] { state.withLock { $0 } }
}

final class WorkerPoolLifetimeTests: XCTestCase {
    /// Releasing the pool lets its threads finish and exit (no thread is leaked per engine).
    func testThreadsExitWhenThePoolIsReleased() async throws {
        var pool: WorkerPool? = WorkerPool(threads: 3, name: "test-exit")
        let census = pool!.census
        for _ in 0..<6 { _ = try await pool!.submit { _ in } }
        var deadline = ContinuousClock.now + .seconds(5)
        while census.count < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(census.count, 3)
        pool = nil
        deadline = ContinuousClock.now + .seconds(5)
        while census.count > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(census.count, 0)
    }
}
