import Foundation
import Synchronization
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

/// `triage-bench session`: CreateSession, GetSession, AppendMessages and UpdateSession over the
/// RPC hop to session-service, against a private redis-server (loopback TCP, AOF on), at 1 and
/// 16 calls in flight, with `appendfsync always` and `everysec`.
///
///     triage-bench session [--seconds 3] [--fsync always|everysec] [--in-flight N]
enum SessionBench {
    static func run(_ arguments: [String]) async throws {
        let options = BenchOptions(arguments)
        let duration = options.seconds("seconds", default: 3)
        let modes = options.string("fsync").map { [$0] } ?? ["always", "everysec"]
        let levels = options.string("in-flight").map { [Int($0) ?? 1] } ?? [1, 16]

        printMachine()
        print("session-service over one Unix-socket connection, Redis on loopback TCP with AOF; \(duration.seconds) s per row")
        print("| operation | appendfsync | in flight | p50 | p99 | calls/s |")
        print("|---|---|---|---|---|---|")
        for mode in modes {
            try await withSessionService(appendfsync: mode) { client in
                let operations = operations(client, seeded: try await seed(client, "S", count: 1000),
                                            forUpdates: try await seed(client, "U", count: 1000))
                for concurrency in levels {
                    for (name, operation) in operations {
                        let summary = try await measure(concurrency: concurrency, duration: duration, executor: EventLoop.shared, operation)
                        print("| \(name) | \(mode) | \(concurrency) | \(summary.p50.formatted) | \(summary.p99.formatted) | \(Int(summary.perSecond)) |")
                    }
                }
            }
        }
    }

    /// The four measured calls. Updates check a ticket of their own out of a pool that remembers
    /// its version, so that no two run on the same ticket at once: every one is a compare-and-set
    /// that wins.
    private static func operations(
        _ client: SessionRPC.Client, seeded: [String], forUpdates: [String]
    ) -> [(String, @Sendable () async throws -> Void)] {
        let counter = Atomic<Int>(0)
        let next: @Sendable () -> Int = { counter.add(1, ordering: .relaxed).newValue }
        let free = Mutex(forUpdates.map { ($0, UInt64(1)) })
        let message = SessionMessage(role: .customer, content: "Ainda não consigo acessar o painel depois da atualização.")
        return [
            ("CreateSession", {
                let index = next()
                _ = try await client.createSession(CreateSessionRequest(
                    ticketID: "BENCH-C\(index)", customerID: "bench-\(index % 100)", state: benchState, messages: [message]))
            }),
            ("GetSession", {
                let session = try await client.getSession(GetSessionRequest(ticketID: seeded[next() % seeded.count])).session
                precondition(session != nil)
            }),
            ("AppendMessages", {
                _ = try await client.appendMessages(AppendMessagesRequest(ticketID: seeded[next() % seeded.count], messages: [message]))
            }),
            ("UpdateSession", {
                guard let (ticket, version) = free.withLock({ $0.popLast() }) else { throw BenchError("no free ticket") }
                let updated = try await client.updateSession(UpdateSessionRequest(ticketID: ticket, expectedVersion: version, state: benchState))
                guard let session = updated.session else { throw BenchError("UpdateSession answered without the session") }
                free.withLock { $0.insert((ticket, session.version), at: 0) }
            }),
        ]
    }

    private static let benchState = SessionState(
        status: .active, step: .classified, language: "pt",
        customer: SessionCustomerContext(plan: "pro", tenureMonths: 14, seats: 12, region: "LATAM", source: .lookup),
        triage: SessionTriageResult(decision: [UInt8](repeating: 0x42, count: 400), decisionType: "triage.TriageDecision",
                                    ticketType: "technical", urgency: "high", action: "route_specialist"),
        metadata: [SessionMetadataEntry(key: "channel", value: "chat")]
    )

    private static func seed(_ client: SessionRPC.Client, _ label: String, count: Int) async throws -> [String] {
        let tickets = (0..<count).map { "BENCH-\(label)\($0)" }
        for ticket in tickets {
            _ = try await client.createSession(CreateSessionRequest(
                ticketID: ticket, customerID: "bench-seed", state: benchState,
                messages: [SessionMessage(role: .customer, content: "O painel não carrega desde ontem.")]))
        }
        return tickets
    }

    /// A private redis-server and a session-service on it, for the duration of `body`.
    private static func withSessionService(appendfsync: String, _ body: (SessionRPC.Client) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "triage-bench-session-\(getpid())-\(appendfsync)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try freePort()
        let redis = try ChildProcess(executable: "/usr/bin/redis-server", arguments: [
            "--bind", "127.0.0.1", "--port", String(port), "--dir", directory, "--appendonly", "yes",
            "--appendfsync", appendfsync, "--save", "", "--logfile", "\(directory)/redis.log",
        ], environment: [:])
        // SIGKILL: a child started from a Swift concurrency thread has SIGTERM blocked.
        defer { kill(redis.process.processIdentifier, SIGKILL); redis.process.waitUntilExit() }

        let service = try ChildProcess(executable: "\(buildDirectory)/session-service", environment: [
            "TRIAGE_SOCKET_DIR": directory, "TRIAGE_INSTANCE": "bench", "TRIAGE_LOG_LEVEL": "warning",
            "REDIS_HOST": "127.0.0.1", "REDIS_PORT": String(port), "REDIS_KEY_PREFIX": "bench",
        ])
        defer { service.stop() }
        try await waitForFile("\(directory)/session-service/bench.sock")

        let channel = ServiceChannel(service: "session-service", socketDirectory: directory, logger: Logger(service: "triage-bench", logLevel: .warning))
        defer { channel.close() }
        let health = HealthRPC.Client(channel: channel)
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? await health.check(HealthCheckRequest()))?.status != .serving {
            guard ContinuousClock.now < deadline else { throw BenchError("session-service did not become SERVING") }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await body(SessionRPC.Client(channel: channel))
    }

    private static func freePort() throws -> Int { try freeTCPPort() }
}
