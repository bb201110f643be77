import Foundation
import Synchronization
import Testing
@testable import TriageCore
@testable import TriageRPC

@Suite("Core utilities")
struct CoreTests {
    @Test func oneShotDeliversOnlyTheFirstValue() async {
        let shot = OneShot<Int>()
        #expect(shot.resume(1))
        #expect(!shot.resume(2))
        #expect(await shot.wait() == 1)
    }

    @Test func blockingWorkNeverStarvesTheCooperativePool() async throws {
        // Six calls that each block their thread for 400 ms. On Swift's cooperative pool (two
        // threads here) they would stall every other task; on the pool's own threads they do not.
        let pool = BlockingThreadPool(name: "test-pool", threads: 6)
        defer { pool.shutdown() }
        let started = ContinuousClock.now
        async let blocked: Int = withThrowingTaskGroup(of: Int.self) { group in
            for value in 1...6 { group.addTask { try await pool.run { usleep(400_000); return value } } }
            return try await group.reduce(0, +)
        }
        try await Task.sleep(for: .milliseconds(50))
        let probeStart = ContinuousClock.now
        let probe = await Task.detached { (1...1000).reduce(0, +) }.value
        #expect(probe == 500_500)
        #expect(ContinuousClock.now - probeStart < .milliseconds(200), "the cooperative pool was blocked")
        #expect(try await blocked == 21)
        #expect(ContinuousClock.now - started < .milliseconds(1500), "the six calls should run in parallel")
        let sum = try await withThrowingTaskGroup(of: Int.self) { group in
            for value in 1...50 { group.addTask { try await pool.run { value } } }
            return try await group.reduce(0, +)
        }
        #expect(sum == 1275)
    }

    @Test func blockingPoolDropsWorkCancelledBeforeItStarts() async throws {
        let pool = BlockingThreadPool(name: "cancel-pool", threads: 1)
        defer { pool.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        let ran = Atomic<Bool>(false)
        let blocker = Task { try await pool.run { gate.wait() } }
        try await Task.sleep(for: .milliseconds(50))
        let victim = Task { try await pool.run { ran.store(true, ordering: .relaxed) } }
        try await Task.sleep(for: .milliseconds(20))
        victim.cancel()
        await #expect(throws: CancellationError.self) { try await victim.value }
        gate.signal()
        try await blocker.value
        _ = try await pool.run { 0 }  // the queue has drained past the cancelled item
        let didRun = ran.load(ordering: .relaxed)
        #expect(!didRun)
    }

    @Test func environmentParsesAndNamesBadValues() throws {
        let environment = Environment(["A": "12", "B": "", "C": "x", "D": "yes", "E": "250"])
        #expect(try environment.int("A", default: 1) == 12)
        #expect(try environment.int("B", default: 7) == 7)
        #expect(throws: ConfigurationError.self) { try environment.int("C", default: 1) }
        #expect(throws: ConfigurationError.self) { try environment.int("A", default: 1, in: 1...10) }
        #expect(try environment.bool("D", default: false))
        #expect(try environment.milliseconds("E", default: .seconds(1)) == .milliseconds(250))
        #expect(throws: ConfigurationError.self) { try Environment(["T": "-1"]).milliseconds("T", default: .seconds(1)) }
        #expect(try Environment([:]).milliseconds("T", default: .seconds(1)) == .seconds(1))
    }

    @Test func logLinesAreOneJSONObjectEach() throws {
        var line = LogLine()
        line.begin(level: .warning, service: "svc", message: "quote \" newline \n tab \t ctrl \u{1}")
        line.append(key: "n", value: 3)
        line.append(key: "ok", value: true)
        let bytes = line.finish()
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(bytes.dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["msg"] as? String == "quote \" newline \n tab \t ctrl \u{1}")
        #expect(object["n"] as? Int == 3)
    }

    @Test func metadataKeysAreLowerCaseAndReplaceable() {
        var metadata: Metadata = ["X-Request-ID": "a"]
        #expect(metadata["x-request-id"] == "a")
        metadata["x-request-id"] = "b"
        #expect(metadata.entries.count == 1 && metadata["X-REQUEST-ID"] == "b")
    }

    @Test func statusCodesHaveGRPCNumbersAndNames() {
        #expect(RPCError.Code.unavailable.rawValue == 14)
        #expect(RPCError.Code.deadlineExceeded.name == "DEADLINE_EXCEEDED")
        #expect(RPCError.Code(rawValue: 99).name == "CODE_99")
    }
}
