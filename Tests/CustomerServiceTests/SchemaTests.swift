import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

/// The live schema against the seed's specification, and the container's init script against
/// the service's migrations.
@Suite("Schema", .timeLimit(.minutes(2)))
struct SchemaTests {
    typealias Column = SchemaSnapshot.Column

    static let seedColumns: [String: [(String, Column)]] = [
        "customers": [
            ("id", Column(type: "character varying", length: "255", nullable: false, defaultValue: "")),
            ("name", Column(type: "character varying", length: "255", nullable: false, defaultValue: "")),
            ("email", Column(type: "character varying", length: "255", nullable: false, defaultValue: "")),
            ("plan", Column(type: "character varying", length: "50", nullable: false, defaultValue: "")),
            ("tenure_months", Column(type: "integer", length: "", nullable: false, defaultValue: "")),
            ("region", Column(type: "character varying", length: "50", nullable: true, defaultValue: "")),
            ("seats", Column(type: "integer", length: "", nullable: true, defaultValue: "1")),
            ("notes", Column(type: "text", length: "", nullable: true, defaultValue: "")),
            ("created_at", Column(type: "timestamp without time zone", length: "", nullable: false, defaultValue: "now()")),
        ],
        "chat_messages": [
            ("ticket_id", Column(type: "character varying", length: "255", nullable: false, defaultValue: "")),
            ("customer_id", Column(type: "character varying", length: "255", nullable: false, defaultValue: "")),
            ("role", Column(type: "character varying", length: "50", nullable: false, defaultValue: "")),
            ("content", Column(type: "text", length: "", nullable: false, defaultValue: "")),
            ("created_at", Column(type: "timestamp without time zone", length: "", nullable: false, defaultValue: "now()")),
        ],
    ]

    static var initScript: String { TestPaths.repositoryRoot + "/deploy/postgres/init-db/02-create-tables.sql" }

    /// The quoted literals of a CHECK definition: the values it allows.
    static func literals(_ definition: String) -> Set<String> {
        Set(definition.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
    }

    @Test func liveSchemaMatchesTheSeed() async throws {
        try await CustomerFixture.with { fixture in
            let live = try await SchemaSnapshot.read(fixture.database)
            for (table, expected) in Self.seedColumns {
                let actual = try #require(live.columns[table], "no table \(table)")
                #expect(actual.map(\.name) == expected.map(\.0), "\(table) columns")
                for ((name, column), (_, want)) in zip(actual, expected) {
                    #expect(column == want, "\(table).\(name)")
                }
            }
            let customers = try #require(live.constraints["customers"])
            #expect(customers.values.filter { $0.kind == "p" }.map(\.definition) == ["PRIMARY KEY (id)"])
            let plan = try #require(customers.values.first { $0.kind == "c" })
            #expect(plan.definition.contains("plan") && Self.literals(plan.definition) == ["free", "pro", "enterprise"], "\(plan)")
            #expect(customers.count == 2)
            let messages = try #require(live.constraints["chat_messages"])
            #expect(messages.values.filter { $0.kind == "p" }.map(\.definition) == ["PRIMARY KEY (ticket_id, created_at)"])
            let role = try #require(messages.values.first { $0.kind == "c" })
            #expect(role.definition.contains("role") && Self.literals(role.definition) == ["human", "ai", "system"], "\(role)")
            #expect(messages.count == 2, "no foreign key from chat_messages: \(messages)")
            #expect(Set(live.indexes["customers"]?.values ?? [:].values) == ["id", "email", "plan"])
            #expect(Set(live.indexes["chat_messages"]?.values ?? [:].values) == ["ticket_id, created_at", "ticket_id", "customer_id"])
            // The constraints and defaults at work.
            _ = try await fixture.database.query("INSERT INTO customers (id, name, email, plan, tenure_months) VALUES ('d', 'n', 'e@x.example', 'free', 0)")
            #expect(try await fixture.database.query("SELECT seats, created_at IS NOT NULL FROM customers WHERE id = 'd'") == [["1", "t"]])
            await #expect(throws: PostgresTestError.self) {
                _ = try await fixture.database.query("INSERT INTO customers (id, name, email, plan, tenure_months) VALUES ('g', 'n', 'e', 'gold', 0)")
            }
            await #expect(throws: PostgresTestError.self) {
                _ = try await fixture.database.query("INSERT INTO chat_messages (ticket_id, customer_id, role, content) VALUES ('t', 'c', 'customer', 'x')")
            }
        }
    }

    @Test func theInitScriptAndTheMigrationsGiveTheSameSchema() async throws {
        let server = try PostgresClient.fromTestEnvironment()
        let viaInit = try await server.createDatabase(prefix: "schema_init")
        let viaMigrations = try await server.createDatabase(prefix: "schema_migrate")
        try await viaInit.execute(file: Self.initScript)
        let initOnly = try await SchemaSnapshot.read(viaInit)
        #expect(Set(initOnly.columns.keys) == ["customers", "chat_messages"])
        for database in [viaInit, viaMigrations] {
            let output = try await TestCommand.run(TestPaths.executable("customer-service"), ["migrate"], environment: database.environment)
            #expect(output.status == 0, "\(output.text)")
        }
        let initThenMigrations = try await SchemaSnapshot.read(viaInit)
        let migrationsOnly = try await SchemaSnapshot.read(viaMigrations)
        #expect(initThenMigrations == migrationsOnly, "init + migrate:\n\(initThenMigrations)\nmigrate:\n\(migrationsOnly)")
        #expect(initOnly == migrationsOnly.restricted(to: ["customers", "chat_messages"]),
                "init:\n\(initOnly)\nmigrate:\n\(migrationsOnly)")
        #expect(Set(migrationsOnly.columns.keys) == ["customers", "chat_messages", "conversations", "triage_decisions", "ticket_aliases", "schema_migrations"])
        try await viaInit.dropDatabase()
        try await viaMigrations.dropDatabase()
    }
}
