import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageCore
@testable import TriageRPC

/// A server stopped while clients hold connections: `run()` returns while the I/O thread may still
/// be closing them, and what it tells the server then must not reach a server being freed (seen as
/// "Attempted to read an unowned reference" and SIGABRT when a benchmark stopped knowledge-service,
/// whose large lexicons take a while to free, under a gateway's open connections).
@Suite("RPC server shutdown", .serialized, .timeLimit(.minutes(3)))
struct RPCShutdownTests {
    @Test func sigtermWithOpenConnectionsExitsCleanlyEveryTime() async throws {
        for round in 0..<20 {
            let fixture = try EchoFixture()
            let server = try await fixture.start("a", environment: ["RPC_TEST_TEARDOWN_MS": "200"])
            let channels = (0..<8).map { _ in
                ServiceChannel(instanceSocket: fixture.socketPath("a"), logger: Logger(service: "test", logLevel: .critical))
            }
            for channel in channels { _ = try await EchoRPC.Client(channel: channel).echo(EchoRequest(payload: [1])) }
            server.signal(SIGTERM)
            let status = try await server.waitForExit()
            for channel in channels { channel.close() }
            await fixture.shutdown()
            #expect(status == 0, "round \(round): exit status \(status)\n\(server.log.suffix(1500))")
            if status != 0 { break }
        }
    }
}
