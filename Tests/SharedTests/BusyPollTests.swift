import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageCore
@testable import TriageRPC

/// The event loop's optional busy polling (`TRIAGE_RPC_BUSY_POLL_US`) must not change what a call
/// does: answers, timers (deadlines) and sleeping when idle.
@Suite("RPC event loop with busy polling", .serialized, .timeLimit(.minutes(2)))
struct BusyPollTests {
    @Test func aBusyPollingServerAnswersCallsAndKeepsDeadlines() async throws {
        let fixture = try EchoFixture()
        let server = try await fixture.start("a", environment: ["TRIAGE_RPC_BUSY_POLL_US": "200"])
        for index in 0..<300 {
            let payload = Array("call-\(index)".utf8)
            let response = try await fixture.client.echo(EchoRequest(payload: payload))
            #expect(response.payload == payload)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let request = EchoRequest(payload: [UInt8(index)], delayMillis: UInt32(index % 7))
                    let response = try await fixture.client.echo(request)
                    #expect(response.payload == [UInt8(index)])
                }
            }
            try await group.waitForAll()
        }
        let code = await statusCode {
            _ = try await fixture.client.echo(EchoRequest(delayMillis: 3000), options: CallOptions(timeout: .milliseconds(200)))
        }
        #expect(code == .deadlineExceeded)

        // Idle, the loop sleeps again: the server uses (almost) no CPU over a second.
        try await Task.sleep(for: .milliseconds(300))
        let before = try cpuTicks(pid: server.pid)
        try await Task.sleep(for: .seconds(1))
        let after = try cpuTicks(pid: server.pid)
        #expect(after - before < 20, "an idle busy-polling server used \(after - before) of 100 ticks")
        await fixture.shutdown()
    }

    @Test func aBadBusyPollValueStopsTheServerWithStatus78() async throws {
        let directory = try TestPaths.makeTemporaryDirectory("rpc-busy")
        for value in ["fast", "-1", "20000"] {
            let process = try ServiceProcess("rpc-test-server", environment: ["TRIAGE_SOCKET_DIR": directory, "TRIAGE_RPC_BUSY_POLL_US": value],
                                             logDirectory: directory)
            #expect(try await process.waitForExit() == 78, "\(value)")
            #expect(process.log.contains("TRIAGE_RPC_BUSY_POLL_US"), "the message names the setting: \(process.log)")
        }
    }

    /// User + system CPU time of a process, in clock ticks (100 per second on Linux).
    private func cpuTicks(pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name in parentheses; utime and stime are fields 14 and 15.
        guard let close = stat.lastIndex(of: ")") else { throw TimeoutError("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw TimeoutError("unreadable /proc/\(pid)/stat")
        }
        return user + system
    }
}
