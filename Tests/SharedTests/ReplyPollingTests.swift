import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageCore
@testable import TriageRPC

/// Which awaited replies an event loop polls for (`TRIAGE_RPC_REPLY_POLL_US`), as pure logic.
@Suite("Reply polling decisions")
struct ReplyPollingDecisionTests {
    @Test func anUnknownKindIsPolledForUntilItsRepliesProveSlow() {
        let polling = ReplyPolling(window: .microseconds(300))
        let first = polling.requestSent(kind: "slow")
        #expect(first.polled)
        #expect(polling.pollDeadline() != nil)
        // A reply that took 5 ms: the mean is now far above the window.
        polling.finished(AwaitedReply(kind: "slow", sentAt: first.sentAt - .milliseconds(5), polled: true, learns: true), answered: true)
        #expect(polling.pollDeadline() == nil, "nothing polled is awaited any more")
        #expect(!polling.requestSent(kind: "slow").polled)
        #expect(polling.pollDeadline() == nil, "a slow kind never makes the loop poll")
    }

    @Test func aFastKindStaysPolledAndTheDeadlineFollowsTheLatestRequest() throws {
        let polling = ReplyPolling(window: .microseconds(300))
        for _ in 0..<20 {
            let awaited = polling.requestSent(kind: "fast")
            #expect(awaited.polled)
            polling.finished(awaited, answered: true)  // answered at once
        }
        let awaited = polling.requestSent(kind: "fast")
        let deadline = try #require(polling.pollDeadline())
        #expect(deadline > awaited.sentAt && deadline <= awaited.sentAt + .microseconds(301))
        polling.finished(awaited, answered: true)
        #expect(polling.pollDeadline() == nil)
    }

    @Test func anAbandonedRequestTeachesNothing() {
        let polling = ReplyPolling(window: .microseconds(300))
        let awaited = polling.requestSent(kind: "timed-out")
        polling.finished(AwaitedReply(kind: "timed-out", sentAt: awaited.sentAt - .seconds(2), polled: true, learns: true), answered: false)
        #expect(polling.requestSent(kind: "timed-out").polled, "a timeout is not a reply time")
    }

    @Test func aRequestWithItsOwnWindowIsPolledForOnALoopWhoseWindowIsOff() throws {
        let polling = ReplyPolling(window: .zero)
        let rpc = polling.requestSent(kind: "rpc")
        #expect(!rpc.polled && !rpc.learns)
        let redis = polling.requestSent(kind: "redis get", window: .microseconds(300))
        #expect(redis.polled)
        let deadline = try #require(polling.pollDeadline())
        #expect(deadline > redis.sentAt && deadline <= redis.sentAt + .microseconds(301))
        // A reply that took 2 ms teaches that this kind is slow, under its own window.
        polling.finished(AwaitedReply(kind: "redis get", sentAt: redis.sentAt - .milliseconds(2), polled: true, learns: true), answered: true)
        #expect(!polling.requestSent(kind: "redis get", window: .microseconds(300)).polled)
        #expect(polling.requestSent(kind: "redis get", window: .milliseconds(5)).polled, "a wider window still covers it")
        polling.finished(rpc, answered: true)
    }

    @Test func aLongerWindowIsNotCutShortByALaterShorterOne() throws {
        let polling = ReplyPolling(window: .zero)
        let long = polling.requestSent(kind: "a", window: .milliseconds(5))
        _ = polling.requestSent(kind: "b", window: .microseconds(100))
        let deadline = try #require(polling.pollDeadline())
        #expect(deadline >= long.sentAt + .microseconds(4_999))
    }

    @Test func aZeroWindowNeverPolls() {
        let polling = ReplyPolling(window: .zero)
        let awaited = polling.requestSent(kind: "any")
        #expect(!awaited.polled)
        #expect(polling.pollDeadline() == nil)
        polling.finished(awaited, answered: true)
    }
}

/// A client whose loop polls for replies must behave like one that sleeps: answers, deadlines,
/// slow calls, and no CPU when idle.
@Suite("RPC client with reply polling", .serialized, .timeLimit(.minutes(2)))
struct ReplyPollingClientTests {
    @Test func aPollingClientGetsEveryAnswerKeepsDeadlinesAndSleepsWhenIdle() async throws {
        let loop = EventLoop(name: "test-reply-poll", replyPoll: .microseconds(300))
        let directory = try TestPaths.makeTemporaryDirectory("rpc-reply-poll")
        let server = try await ServiceProcess.startRPCService("rpc-test-server", instance: "a", socketDirectory: directory)
        let channel = ServiceChannel(service: "rpc-test-server", socketDirectory: directory,
                                     logger: Logger(service: "test", logLevel: .critical), maxFrameSize: 4 << 20, loop: loop)
        let client = EchoRPC.Client(channel: channel)
        try await withTaskExecutorPreference(loop) { () async throws -> Void in
            for index in 0..<300 {
                let payload = Array("call-\(index)".utf8)
                let response = try await client.echo(EchoRequest(payload: payload))
                #expect(response.payload == payload)
            }
            // Slow replies (a few ms) mixed with fast ones, concurrently.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let request = EchoRequest(payload: [UInt8(index)], delayMillis: UInt32(index % 3 == 0 ? 4 : 0))
                        let response = try await client.echo(request)
                        #expect(response.payload == [UInt8(index)])
                    }
                }
                try await group.waitForAll()
            }
            let code = await statusCode {
                _ = try await client.echo(EchoRequest(delayMillis: 3000), options: CallOptions(timeout: .milliseconds(200)))
            }
            #expect(code == .deadlineExceeded)
        }
        // Idle, the loop thread sleeps: (almost) no CPU over a second.
        try await Task.sleep(for: .milliseconds(300))
        let before = try loopThreadTicks("test-reply-poll")
        try await Task.sleep(for: .seconds(1))
        let after = try loopThreadTicks("test-reply-poll")
        #expect(after - before < 10, "an idle polling loop used \(after - before) of 100 ticks")
        channel.close()
        await server.stop()
    }

    /// User + system CPU time of this process's thread with that name, in clock ticks.
    private func loopThreadTicks(_ name: String) throws -> Int {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        for task in tasks {
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            guard comm.trimmingCharacters(in: .whitespacesAndNewlines) == name else { continue }
            let stat = try String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8)
            guard let close = stat.lastIndex(of: ")") else { break }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { break }
            return user + system
        }
        throw TimeoutError("no thread named \(name)")
    }
}
