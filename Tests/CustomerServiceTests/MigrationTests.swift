import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageCore
import TriageRPC

@Suite("Migrations", .timeLimit(.minutes(2)))
struct MigrationTests {
    static func migrate(_ database: PostgresClient) async throws -> TestCommand.Output {
        try await TestCommand.run(TestPaths.executable("customer-service"), ["migrate"], environment: database.environment)
    }

    /// Versions a `migrate` run reports it applied ("applied 1, 2, 3").
    static func applied(_ output: String) -> [Int] {
        guard let range = output.range(of: "(applied ") else { return [] }
        return output[range.upperBound...].prefix { $0 != ")" }.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    @Test func replicasMigratingAtOnceApplyEachVersionExactlyOnce() async throws {
        let database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "migrate_race")
        let outputs = try await withThrowingTaskGroup(of: TestCommand.Output.self) { group in
            for _ in 0..<4 { group.addTask { try await Self.migrate(database) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for output in outputs { #expect(output.status == 0, "\(output.text)") }
        let applied = outputs.flatMap { Self.applied($0.text) }
        #expect(applied.sorted() == [1, 2, 3, 4], "each version applied by exactly one run: \(outputs.map(\.text))")
        #expect(try await database.query("SELECT version FROM schema_migrations ORDER BY version") == [["1"], ["2"], ["3"], ["4"]])
        let again = try await Self.migrate(database)
        #expect(again.status == 0 && again.text.contains("schema at version 4 (nothing to apply)"), "\(again.text)")
        try await database.dropDatabase()
    }

    @Test func conversationsAlreadyInTheSeedTablesAreBackfilled() async throws {
        let database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "migrate_backfill")
        try await database.execute(file: SchemaTests.initScript)
        _ = try await database.query("""
            INSERT INTO chat_messages (ticket_id, customer_id, role, content, created_at) VALUES
              ('TKT-OLD1', 'c-1', 'human', 'first', '2024-01-01 10:00:00'),
              ('TKT-OLD1', 'c-1', 'ai', 'answer', '2024-01-01 10:05:00'),
              ('TKT-OLD2', 'c-1', 'human', 'later', '2024-02-01 09:00:00')
            """)
        let fixture = try await CustomerFixture.start(database: database)
        let tickets = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1")).tickets
        #expect(tickets.map(\.ticketID) == ["TKT-OLD2", "TKT-OLD1"])
        #expect(tickets.map(\.messageCount) == [1, 2])
        // The backfilled ticket takes a follow-up like any other.
        let saved = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: "TKT-OLD1", customerID: "c-1", messages: [
            message(.customer, "first"), message(.agent, "answer"), message(.customer, "thanks"),
        ]))
        #expect(saved.insertedMessages == 1 && saved.totalMessages == 3)
        await fixture.shutdown()
        try await database.dropDatabase()
    }

    @Test func withMigrationOffTheServiceWaitsForTheSchemaAndThenServes() async throws {
        let database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "migrate_off")
        let fixture = try await CustomerFixture.start(database: database, environment: ["CUSTOMER_MIGRATE_ON_START": "false"], requireServing: false)
        let health = try await fixture.health()
        #expect(health.status == .notServing)
        #expect(health.dependencies.first { $0.name == "postgresql" }?.message == "schema not ready (version 0 of 4)")
        let error = await rpcError { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")) }
        #expect(error?.code == .unavailable)
        #expect(try await Self.migrate(database).status == 0)
        try await waitUntil("the service to see the schema", timeout: .seconds(10)) { try await fixture.health().status == .serving }
        let missing = await rpcError { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")) }
        #expect(missing?.code == .notFound)
        await fixture.shutdown()
    }
}
