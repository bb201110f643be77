import Synchronization
import Testing
@testable import TriageRPC

@Suite("Timer heap")
struct TimerHeapTests {
    @Test func firesInDeadlineOrderAndSkipsCancelled() {
        var heap = TimerHeap()
        let fired = Mutex<[Int]>([])
        let base = ContinuousClock.now
        var ids: [Int: UInt64] = [:]
        for offset in [50, 10, 40, 20, 30] {
            ids[offset] = heap.schedule(at: base + .milliseconds(offset)) { fired.withLock { $0.append(offset) } }
        }
        heap.cancel(ids[40]!)
        #expect(heap.nextDeadline() == base + .milliseconds(10))
        for action in heap.popDue(now: base + .milliseconds(35)) { action() }
        #expect(fired.withLock { $0 } == [10, 20, 30])
        for action in heap.popDue(now: base + .seconds(1)) { action() }
        #expect(fired.withLock { $0 } == [10, 20, 30, 50])
        #expect(heap.isEmpty)
        #expect(heap.nextDeadline() == nil)
    }

    @Test func cancellingMostTimersKeepsTheHeapSmall() {
        var heap = TimerHeap()
        let base = ContinuousClock.now
        for index in 0..<10_000 {
            let id = heap.schedule(at: base + .seconds(5) + .microseconds(index)) {}
            if index % 100 != 0 { heap.cancel(id) }
        }
        #expect(heap.count == 100)
        #expect(heap.popDue(now: base + .seconds(10)).count == 100)
    }
}
