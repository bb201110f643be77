import Foundation
import Synchronization
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

/// `triage-bench customer`: customer-service over its Unix socket, against PostgreSQL 15 on
/// 127.0.0.1 (TCP, password auth, fsync on): GetCustomer of one of 1,000 customers, and
/// SaveConversation of a new 10-message ticket, at 1 and 16 calls in flight.
///
/// Starts a private PostgreSQL unless `POSTGRES_HOST` is set (then a fresh database on that
/// server). Options: `--seconds S` per row (default 5), `--in-flight N`, `--pool-size N`
/// (`POSTGRES_POOL_SIZE`, default 8), `--synchronous-commit off` (the private server only: shows
/// what a save costs without waiting for the WAL to reach the disk).
enum CustomerBench {
    static func run(_ arguments: [String]) async throws {
        let options = BenchOptions(arguments)
        let duration = options.seconds("seconds", default: 5)
        let levels = options.string("in-flight").map { [Int($0) ?? 1] } ?? [1, 16]
        let poolSize = options.string("pool-size") ?? "8"
        let synchronousCommit = options.string("synchronous-commit") ?? "on"

        var privateServer: PostgresServer?
        let database: PostgresClient
        if ProcessInfo.processInfo.environment["POSTGRES_HOST"].map({ !$0.isEmpty }) == true {
            database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "triage_bench")
        } else {
            let server = try await PostgresServer.start(label: "bench-pg", settings: ["synchronous_commit": synchronousCommit])
            privateServer = server
            database = server.client
        }
        let directory = try TestPaths.makeTemporaryDirectory("bench-cs")
        let service = try ServiceProcess(
            "\(buildDirectory)/customer-service", name: "customer-service",
            environment: database.environment.merging([
                "TRIAGE_SOCKET_DIR": directory, "TRIAGE_INSTANCE": "bench", "TRIAGE_LOG_LEVEL": "warning",
                "POSTGRES_POOL_SIZE": poolSize,
            ]) { $1 },
            logDirectory: directory)
        try await service.waitUntilHealthy(service: "customer-service", instance: "bench", socketDirectory: directory)

        let logger = Logger(service: "triage-bench", logLevel: .warning)
        let channel = ServiceChannel(service: "customer-service", socketDirectory: directory, logger: logger)
        let client = CustomerRPC.Client(channel: channel)
        let executor: (any TaskExecutor)? = options.string("client-executor") == "pool" ? nil : EventLoop.shared
        try await seed(client)

        printMachine()
        print("customer-service over one Unix-socket connection; PostgreSQL 15 on 127.0.0.1 (TCP, fsync on, "
              + "synchronous_commit \(privateServer == nil ? "as configured" : synchronousCommit)), "
              + "pool of \(poolSize) connections; \(duration.seconds) s per row after 0.5 s warm-up")
        print("| RPC | in flight | p50 | p99 | calls/s |")
        print("|---|---|---|---|---|")
        let nextCustomer = Counter()
        for concurrency in levels {
            let summary = try await measure(concurrency: concurrency, duration: duration, executor: executor) {
                let id = "bench_\(nextCustomer.next() % 1000)"
                let response = try await client.getCustomer(GetCustomerRequest(customerID: id))
                precondition(response.customer?.id == id)
            }
            print("| GetCustomer | \(concurrency) | \(summary.p50.formatted) | \(summary.p99.formatted) | \(Int(summary.perSecond)) |")
        }
        let nextTicket = Counter()
        let runID = UUID().uuidString.prefix(8)
        for concurrency in levels {
            let summary = try await measure(concurrency: concurrency, duration: duration, executor: executor) {
                let number = nextTicket.next()
                let response = try await client.saveConversation(conversation("TKT-\(runID)-\(number)", customer: number))
                precondition(response.insertedMessages == 10)
            }
            print("| SaveConversation (10 messages) | \(concurrency) | \(summary.p50.formatted) | \(summary.p99.formatted) | \(Int(summary.perSecond)) |")
        }

        channel.close()
        await service.stop()
        if let privateServer { await privateServer.shutdown() } else { try? await database.dropDatabase() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func seed(_ client: CustomerRPC.Client) async throws {
        for index in 0..<1000 {
            let customer = CustomerRecord(
                id: "bench_\(index)", name: "Bench Customer \(index)", email: "bench\(index)@load.example",
                plan: [.free, .pro, .enterprise][index % 3], tenureMonths: Int32(index % 72), region: ["US", "EU", "APAC", "LATAM"][index % 4],
                seats: Int32(1 + index % 200), notes: "Synthetic customer for the benchmark."
            )
            _ = try await client.upsertCustomer(UpsertCustomerRequest(customer: customer))
        }
    }

    /// A completed ticket: the customer and the replies alternating, each pair sharing a timestamp.
    private static func conversation(_ ticket: String, customer: Int) -> SaveConversationRequest {
        let start = Int64(Date().timeIntervalSince1970 * 1_000_000)
        var messages: [TicketMessage] = []
        for index in 0..<10 {
            let fromCustomer = index % 2 == 0
            let content = fromCustomer
                ? "Message \(index): we were charged twice for invoice INV-2024-\(index) and the export still fails with error 502."
                : "Reply \(index): thanks for the details, a billing specialist will refund the duplicate charge today."
            let at = start + Int64(index / 2) * 1_000_000
            messages.append(TicketMessage(role: fromCustomer ? .customer : .reply, content: content, createdAtMicros: at))
        }
        return SaveConversationRequest(ticketID: ticket, customerID: "bench_\(customer % 1000)", messages: messages)
    }
}

/// A shared counter for the benchmark's loops.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
