import Foundation
import Testing
import TestSupport
import TriageCore
@testable import TriageGateway

/// A graceful stop of the HTTP server, in process. An end-to-end test's SIGTERM once ended the
/// gateway with libmicrohttpd's "Failed to remove listen FD from epoll set" (exit 134): the drain
/// called MHD_quiesce_daemon, which with epoll and MHD's own threads races those threads (and could
/// also run after `run()` had stopped the daemon). The first test aborted the test process within
/// 1,000 stops with that code, every time it was run; the drain no longer quiesces. The second
/// failed in 5 of 8 runs before a drain waited for MHD to have written the answers in flight.
@Suite("HTTP server shutdown")
struct HTTPServerShutdownTests {
    /// Ends when `signal` fires, which makes the group stop the server gracefully.
    struct StopWhen: Service {
        let signal: @Sendable () async throws -> Void
        func run() async throws { try await signal() }
    }

    static let logger = Logger(service: "test", logLevel: .critical)

    static func server(_ router: HTTPRouter) -> HTTPServer {
        HTTPServer(configuration: HTTPServerConfiguration(port: 0, threads: 2), router: router, logger: logger, metrics: Metrics())
    }

    @Test func stopsCleanlyOverAndOver() async throws {
        let rounds = Int(ProcessInfo.processInfo.environment["HTTP_SHUTDOWN_ROUNDS"] ?? "") ?? 300
        for _ in 0..<rounds {
            var router = HTTPRouter()
            router.add("GET", "/health") { _, _ in .text("ok") }
            let server = Self.server(router)
            let group = ServiceGroup(services: [server, StopWhen { _ = try await server.boundPort() }],
                                     gracefulShutdownSignals: [], shutdownTimeout: .seconds(10), logger: Self.logger)
            try await group.run()
        }
    }

    @Test func answersNewRequestsWith503WhileItFinishesTheOnesInFlight() async throws {
        let started = OneShot<Bool>()
        let release = OneShot<Bool>()
        var router = HTTPRouter()
        router.add("GET", "/slow") { _, _ in
            started.resume(true)
            _ = await release.wait()
            return .text("finished")
        }
        router.add("GET", "/fast") { _, _ in .text("fast") }
        let server = Self.server(router)
        let group = ServiceGroup(services: [server, StopWhen { _ = await started.wait() }],
                                 gracefulShutdownSignals: [], shutdownTimeout: .seconds(10), logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let base = "http://127.0.0.1:\(try await server.boundPort())"
            async let slow = HTTPTestClient(baseURL: base).get("/slow")
            // The slow request's start ends the other service, so the server begins to drain.
            var refused: HTTPTestClient.Response?
            for _ in 0..<200 {
                let answer = try await HTTPTestClient(baseURL: base).get("/fast")
                if answer.status == 503 { refused = answer; break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(refused?.text.contains("\"shutting_down\"") == true,
                    "a new request while draining is answered 503 shutting_down: \(refused?.text ?? "never refused")")
            release.resume(true)
            let finished = try await slow
            #expect(finished.status == 200 && finished.text == "finished", "the request in flight is answered")
            try await tasks.waitForAll()
        }
    }
}
