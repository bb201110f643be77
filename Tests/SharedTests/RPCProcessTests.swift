import Foundation
import Synchronization
import TestSupport
import Testing
import TriageContracts
import TriageCore
@testable import TriageRPC

/// The RPC runtime between real processes over real Unix sockets.
@Suite("RPC between processes", .serialized, .timeLimit(.minutes(2)))
struct RPCProcessTests {
    @Test func unaryCallCarriesPayloadMetadataAndDeadline() async throws {
        let fixture = try EchoFixture()
        try await fixture.start("a")
        let payload = Array("héllo 🌍".utf8)
        let response = try await fixture.client.echo(
            EchoRequest(payload: payload), options: CallOptions(timeout: .seconds(3), metadata: [Metadata.requestIDKey: "req-42"]))
        #expect(response.payload == payload)
        #expect(response.instance == "a")
        #expect(response.requestID == "req-42")
        #expect(response.remainingDeadlineMicros > 2_000_000 && response.remainingDeadlineMicros <= 3_000_000)
        await fixture.shutdown()
    }

    @Test func hundredConcurrentCallsShareOneConnectionAndCompleteOutOfOrder() async throws {
        let fixture = try EchoFixture()
        let server = try await fixture.start("a")
        // Sockets the server holds before this channel connects (the listener, and whatever the
        // process inherited from the test runner).
        try await Task.sleep(for: .milliseconds(200))
        let baseline = openSocketCount(pid: server.pid)
        let completions = Completions()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    // Later calls sleep less, so they overtake earlier ones.
                    let request = EchoRequest(payload: Array("call-\(index)".utf8), delayMillis: UInt32(300 - index * 3))
                    let response = try await fixture.client.echo(request)
                    #expect(response.payload == Array("call-\(index)".utf8))
                    completions.record(index)
                }
            }
            try await group.waitForAll()
        }
        let order = completions.order
        #expect(Set(order) == Set(0..<100))
        #expect(order != Array(0..<100), "responses came back in issue order")
        // All 100 calls used one connection.
        #expect(openSocketCount(pid: server.pid) == baseline + 1)
        await fixture.shutdown()
    }

    @Test func slowServerGivesDeadlineExceededAndTheHandlerIsCancelled() async throws {
        let fixture = try EchoFixture()
        try await fixture.start("a")
        let took = await elapsed {
            let code = await statusCode {
                _ = try await fixture.client.echo(EchoRequest(delayMillis: 3000), options: CallOptions(timeout: .milliseconds(200)))
            }
            #expect(code == .deadlineExceeded)
        }
        #expect(took >= .milliseconds(190) && took < .milliseconds(700), "took \(took)")
        try await waitUntil("the server to cancel the handler") {
            let stats = try await fixture.stats("a")
            return stats.cancelled == 1 && stats.inFlight == 0
        }
        await fixture.shutdown()
    }

    @Test func deadlineHoldsEvenWhenTheServerNeverAnswers() async throws {
        let fixture = try EchoFixture()
        let server = try await fixture.start("a")
        try await server.freeze()
        defer { server.thaw() }
        let took = await elapsed {
            let code = await statusCode { _ = try await fixture.client.echo(EchoRequest(), options: CallOptions(timeout: .milliseconds(250))) }
            #expect(code == .deadlineExceeded)
        }
        #expect(took >= .milliseconds(240) && took < .milliseconds(700), "took \(took)")
        server.thaw()
        #expect(try await fixture.client.echo(EchoRequest(payload: [1])).payload == [1])
        await fixture.shutdown()
    }

    @Test func clientCancellationReachesTheServer() async throws {
        let fixture = try EchoFixture()
        try await fixture.start("a")
        let call = Task { try await fixture.client.echo(EchoRequest(delayMillis: 10_000)) }
        try await Task.sleep(for: .milliseconds(200))
        let took = await elapsed {
            call.cancel()
            let code = await statusCode { _ = try await call.value }
            #expect(code == .cancelled)
        }
        #expect(took < .milliseconds(100))
        try await waitUntil("the server to see the cancel") { try await fixture.stats("a").cancelled == 1 }
        await fixture.shutdown()
    }

    @Test func killedServerGivesUnavailableAndIsUsedAgainAfterRestart() async throws {
        let fixture = try EchoFixture()
        let server = try await fixture.start("a")
        #expect(try await fixture.client.echo(EchoRequest(payload: [7])).payload == [7])
        let inFlight = Task { await statusCode { _ = try await fixture.client.echo(EchoRequest(delayMillis: 10_000)) } }
        try await Task.sleep(for: .milliseconds(200))
        let killedAt = ContinuousClock.now
        server.signal(SIGKILL)
        #expect(await inFlight.value == .unavailable)
        #expect(ContinuousClock.now - killedAt < .milliseconds(500))
        // While it is down: UNAVAILABLE, fast.
        let took = await elapsed { #expect(await statusCode { _ = try await fixture.client.echo(EchoRequest()) } == .unavailable) }
        #expect(took < .milliseconds(100), "took \(took)")
        // Restarted on the same socket path: the same channel uses it again.
        try await server.waitForExit()
        try server.start()
        try await server.waitUntilHealthy(service: "rpc-test-server", instance: "a", socketDirectory: fixture.directory)
        #expect(try await fixture.client.echo(EchoRequest(payload: [8])).payload == [8])
        await fixture.shutdown()
    }

    @Test func deadOrMissingSocketsAreUnavailableWellUnder100ms() async throws {
        let fixture = try EchoFixture()
        // No directory at all.
        var took = await elapsed { #expect(await statusCode { _ = try await fixture.client.echo(EchoRequest()) } == .unavailable) }
        #expect(took < .milliseconds(100), "took \(took)")
        // A socket file nobody listens on (left by a crashed process).
        let directory = "\(fixture.directory)/rpc-test-server"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = try UnixSocket.listen(path: "\(directory)/dead.sock")
        close(fd)
        took = await elapsed { #expect(await statusCode { _ = try await fixture.client.echo(EchoRequest()) } == .unavailable) }
        #expect(took < .milliseconds(100), "took \(took)")
        await fixture.shutdown()
    }

    @Test func unknownMethodIsUnimplementedAndBadPayloadIsInvalidArgument() async throws {
        let fixture = try EchoFixture()
        try await fixture.start("a")
        let unknown = MethodDescriptor<EchoRequest, EchoResponse>(path: "/triage.Echo/NoSuchMethod")
        #expect(await statusCode { _ = try await fixture.channel.unary(unknown, request: EchoRequest(), options: CallOptions()) } == .unimplemented)
        let garbage = MethodDescriptor<RawMessage, EchoResponse>(path: EchoRPC.Method.echo.path)
        #expect(await statusCode {
            _ = try await fixture.channel.unary(garbage, request: RawMessage([0x0A, 0x7F, 0x01]), options: CallOptions())
        } == .invalidArgument)
        // Application errors keep their code and message.
        do {
            _ = try await fixture.client.echo(EchoRequest(failCode: 5, failMessage: "no ticket TKT-1"))
            Issue.record("expected NOT_FOUND")
        } catch {
            #expect(error.code == .notFound && error.message == "no ticket TKT-1")
            #expect(error.metadata[Metadata.instanceKey] == "a")
        }
        await fixture.shutdown()
    }

    @Test func oversizeAndGarbageFramesCloseOnlyTheirOwnConnection() async throws {
        let fixture = try EchoFixture()
        try await fixture.start("a")
        #expect(try await fixture.client.echo(EchoRequest(payload: [1])).payload == [1])
        for bytes: [UInt8] in [[0x00, 0x50, 0x00, 0x00], [0, 0, 0, 3, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0]] {
            let fd = try UnixSocket.connect(path: fixture.socketPath("a"))
            defer { close(fd) }
            _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            try await waitUntil("the server to close the bad connection") {
                var byte: UInt8 = 0
                return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0  // 0 = orderly close by the server
            }
        }
        #expect(try await fixture.client.echo(EchoRequest(payload: [2])).payload == [2])
        // The client refuses to send a frame over the limit, without involving the server.
        let huge = EchoRequest(payload: [UInt8](repeating: 0, count: 5 << 20))
        #expect(await statusCode { _ = try await fixture.client.echo(huge) } == .resourceExhausted)
        let log = fixture.servers["a"]!.log
        #expect(log.contains("exceeds the limit"))
        #expect(log.contains("not a valid envelope"))
        #expect(log.contains("frame of length 0"))
        await fixture.shutdown()
    }

    @Test func handlersPassOnTheRemainingDeadlineAndTheRequestID() async throws {
        let fixture = try EchoFixture()
        try await fixture.start("a")
        let response = try await fixture.client.echo(
            EchoRequest(relay: true), options: CallOptions(timeout: .seconds(2), metadata: [Metadata.requestIDKey: "req-relay"]))
        let inner = try #require(response.relayed)
        #expect(inner.requestID == "req-relay")
        #expect(inner.remainingDeadlineMicros < response.remainingDeadlineMicros)
        #expect(inner.remainingDeadlineMicros > 1_000_000)
        await fixture.shutdown()
    }

    @Test func sigtermDrainsCallsInFlightThenRemovesTheSocket() async throws {
        let fixture = try EchoFixture()
        let server = try await fixture.start("a")
        let inFlight = Task { try await fixture.client.echo(EchoRequest(payload: [9], delayMillis: 800)) }
        try await Task.sleep(for: .milliseconds(200))
        server.signal(SIGTERM)
        try await waitUntil("the socket file to go") { !FileManager.default.fileExists(atPath: fixture.socketPath("a")) }
        #expect(server.isRunning, "the server should still be draining")
        #expect(try await inFlight.value.payload == [9])
        #expect(try await server.waitForExit() == 0)
        #expect(server.log.contains("\"msg\":\"draining\""))
        await fixture.shutdown()
    }

    @Test func callsSpreadOverReplicasAndFollowThemComingAndGoing() async throws {
        let fixture = try EchoFixture()
        let a = try await fixture.start("a")
        try await fixture.start("b")
        var seen: [String: Int] = [:]
        for _ in 0..<40 { seen[try await fixture.client.echo(EchoRequest()).instance, default: 0] += 1 }
        #expect(seen["a", default: 0] >= 10 && seen["b", default: 0] >= 10, "\(seen)")
        a.signal(SIGKILL)
        try await a.waitForExit()
        for _ in 0..<20 { #expect(try await fixture.client.echo(EchoRequest()).instance == "b") }
        try await fixture.start("c")
        try await waitUntil("the new replica to receive calls", timeout: .seconds(10)) {
            try await fixture.client.echo(EchoRequest()).instance == "c"
        }
        await fixture.shutdown()
    }

    @Test func staleSocketIsReplacedAndALiveOneIsNotStolen() async throws {
        let fixture = try EchoFixture()
        let first = try await fixture.start("a")
        first.signal(SIGKILL)
        try await first.waitForExit()
        #expect(FileManager.default.fileExists(atPath: fixture.socketPath("a")), "kill -9 leaves the socket file behind")
        let second = try await fixture.start("a")
        #expect(second.log.contains("removed stale socket"))
        // A third process with the same instance name must refuse, not take the socket over.
        let intruder = try ServiceProcess("rpc-test-server", name: "intruder",
                                          environment: ["TRIAGE_SOCKET_DIR": fixture.directory, "TRIAGE_INSTANCE": "a"],
                                          logDirectory: fixture.directory)
        #expect(try await intruder.waitForExit() != 0)
        #expect(intruder.log.contains("already serves"))
        #expect(try await fixture.client.echo(EchoRequest(payload: [3])).instance == "a")
        await fixture.shutdown()
    }
}

private final class Completions: Sendable {
    private let state = Mutex<[Int]>([])
    func record(_ index: Int) { state.withLock { $0.append(index) } }
    var order: [Int] { state.withLock { $0 } }
}
