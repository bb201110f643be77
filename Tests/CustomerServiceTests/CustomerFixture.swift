import Foundation
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

/// customer-service on a temporary socket, against a fresh database of its own (on the
/// PostgreSQL that test.sh started, or on a private ``PostgresServer``).
final class CustomerFixture: Sendable {
    let database: PostgresClient
    let directory: String
    let service: ServiceProcess
    let channel: ServiceChannel
    let client: CustomerRPC.Client

    private init(database: PostgresClient, directory: String, service: ServiceProcess) {
        self.database = database
        self.directory = directory
        self.service = service
        channel = ServiceChannel(service: "customer-service", socketDirectory: directory, logger: Logger(service: "test", logLevel: .critical))
        client = CustomerRPC.Client(channel: channel)
    }

    /// Starts the service on `database`, by default a new database on test.sh's PostgreSQL.
    static func start(database: PostgresClient? = nil, environment: [String: String] = [:],
                      requireServing: Bool = true) async throws -> CustomerFixture {
        let database = if let database { database } else {
            try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "customer_test")
        }
        let directory = try TestPaths.makeTemporaryDirectory("cs")
        // Every test starts a service of its own, all at once on a small machine: connecting
        // can take longer than the production default allows.
        let settings = database.environment.merging(["POSTGRES_CONNECT_TIMEOUT_MS": "5000"]) { $1 }.merging(environment) { $1 }
        let service = try await ServiceProcess.startRPCService(
            "customer-service", socketDirectory: directory, environment: settings, requireServing: requireServing)
        return CustomerFixture(database: database, directory: directory, service: service)
    }

    /// Runs `body` with a started fixture and always shuts it down.
    static func with(database: PostgresClient? = nil, environment: [String: String] = [:],
                     _ body: (CustomerFixture) async throws -> Void) async throws {
        let fixture = try await start(database: database, environment: environment)
        do {
            try await body(fixture)
        } catch {
            await fixture.shutdown()
            throw error
        }
        await fixture.shutdown()
    }

    func health() async throws -> HealthCheckResponse {
        let channel = ServiceChannel(instanceSocket: "\(directory)/customer-service/test.sock", logger: Logger(service: "test", logLevel: .critical))
        defer { channel.close() }
        return try await HealthRPC.Client(channel: channel).check(HealthCheckRequest(), options: CallOptions(timeout: .seconds(3)))
    }

    func shutdown() async {
        channel.close()
        await service.stop()
        try? await database.dropDatabase()
    }
}
