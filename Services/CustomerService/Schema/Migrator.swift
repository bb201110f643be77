import TriageCore

/// Brings the schema up to date: under a PostgreSQL advisory lock (so that replicas starting
/// together take turns), applies each pending migration in its own transaction and records it
/// in `schema_migrations`.
struct Migrator: Sendable {
    var migrations: [Migration] = Migration.all
    var logger: Logger

    /// What a run found and did.
    struct Outcome: Sendable, Equatable {
        var applied: [Int]
        var version: Int
    }

    /// The advisory lock's two keys: "TRIA" and 1 (the two-key form never meets the
    /// single-key locks other code might take).
    private static let lock: StaticString = "SELECT pg_advisory_lock(1414678849, 1)"
    private static let unlock: StaticString = "SELECT pg_advisory_unlock(1414678849, 1)"

    private static let createTable: StaticString = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name VARCHAR(255) NOT NULL,
            applied_at TIMESTAMP NOT NULL DEFAULT NOW()
        )
        """
    private static let appliedVersions = PostgresQuery("SELECT version FROM schema_migrations ORDER BY version")
    private static let record = PostgresQuery("INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2::text)")
    private static let tableExists = PostgresQuery("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
    private static let currentVersion = PostgresQuery("SELECT coalesce(max(version), 0) AS version FROM schema_migrations")

    func migrate(_ connection: PostgresConnection, deadline: ContinuousClock.Instant) throws -> Outcome {
        try connection.execute(script: Self.lock, deadline: deadline)
        defer { _ = try? connection.execute(script: Self.unlock, deadline: .now + .seconds(2)) }
        try connection.execute(script: Self.createTable, deadline: deadline)
        let applied = Set(try connection.execute(Self.appliedVersions, deadline: deadline).map { try $0.int("version") })
        var outcome = Outcome(applied: [], version: applied.max() ?? 0)
        for migration in migrations where !applied.contains(migration.version) {
            let start = ContinuousClock.now
            try connection.transaction(deadline: deadline) {
                try connection.execute(script: migration.sql, deadline: deadline)
                try connection.execute(Self.record, [.integer(migration.version), .text(migration.name)], deadline: deadline)
            }
            logger.notice("applied migration", [
                "version": LogValue(migration.version), "name": .string(migration.name),
                "ms": LogValue((ContinuousClock.now - start).inMilliseconds),
            ])
            outcome.applied.append(migration.version)
            outcome.version = max(outcome.version, migration.version)
        }
        if let newest = applied.max(), newest > Migration.latestVersion {
            logger.warning("the schema is newer than this build", ["schema": LogValue(newest), "build": LogValue(Migration.latestVersion)])
        }
        return outcome
    }

    /// The schema's version without changing anything (0 for an empty database).
    static func version(_ connection: PostgresConnection, deadline: ContinuousClock.Instant) throws -> Int {
        // Two statements: a statement naming a missing table fails as a whole.
        guard try connection.execute(tableExists, deadline: deadline).first?.bool("present") == true,
              let row = try connection.execute(currentVersion, deadline: deadline).first else { return 0 }
        return try row.int("version")
    }
}
