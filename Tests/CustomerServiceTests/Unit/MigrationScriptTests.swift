@testable import CustomerService
import Foundation
import TestSupport
import Testing

@Suite("Migrations, without a database")
struct MigrationScriptTests {
    /// SQL without comments and with whitespace runs collapsed.
    static func normalized(_ sql: String) -> String {
        sql.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
            .joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func theContainersInitScriptIsMigrationOne() throws {
        let file = try String(contentsOfFile: TestPaths.repositoryRoot + "/deploy/postgres/init-db/02-create-tables.sql", encoding: .utf8)
        let migration = Migration.seedTables.sql.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        #expect(Self.normalized(file) == Self.normalized(migration))
    }

    @Test func versionsIncreaseFromOneWithoutGaps() {
        #expect(Migration.all.map(\.version) == Array(1...Migration.all.count))
        #expect(Migration.latestVersion == Migration.all.count)
        #expect(Set(Migration.all.map(\.name)).count == Migration.all.count)
    }

    @Test func migrationsLeaveTransactionControlToTheMigrator() {
        for migration in Migration.all {
            let sql = migration.sql.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }.uppercased()
            for word in ["BEGIN", "COMMIT", "ROLLBACK"] { #expect(!sql.contains(word), "migration \(migration.version) contains \(word)") }
        }
    }

    @Test func statementNamesFollowTheirText() {
        let a = PostgresQuery("SELECT 1")
        #expect(a.name == PostgresQuery("SELECT 1").name)
        #expect(a.name != PostgresQuery("SELECT 2").name)
        #expect(a.name.hasPrefix("triage_") && a.name.count == 23)
    }
}
