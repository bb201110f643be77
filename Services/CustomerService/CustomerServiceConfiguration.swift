import TriageCore

/// customer-service's settings, read once from the environment.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `POSTGRES_HOST` | `postgres` | host, IP, or a socket directory (starting with `/`) |
/// | `POSTGRES_PORT` | `5432` | |
/// | `POSTGRES_DB` | `support_triage` | |
/// | `POSTGRES_USER` | `postgres` | |
/// | `POSTGRES_PASSWORD` | `postgres` | |
/// | `POSTGRES_SSLMODE` | libpq's | e.g. `disable`, `require` |
/// | `POSTGRES_POOL_SIZE` | `8` | connections (and their threads) |
/// | `POSTGRES_CONNECT_TIMEOUT_MS` | `800` | one connection attempt of the service (the subcommands allow at least 5 s) |
/// | `POSTGRES_QUERY_TIMEOUT_MS` | `5000` | one statement (also the server's `statement_timeout`) |
/// | `POSTGRES_MIGRATION_TIMEOUT_MS` | `600000` | one migration run, lock wait included |
/// | `CUSTOMER_MIGRATE_ON_START` | `true` | apply pending migrations at start-up |
struct CustomerServiceConfiguration: Sendable {
    var postgres: PostgresSettings
    var poolSize: Int
    var migrationTimeout: Duration
    var migrateOnStart: Bool

    init(environment: Environment) throws(ConfigurationError) {
        let host = environment.string("POSTGRES_HOST", default: "postgres")
        postgres = PostgresSettings(
            host: host,
            port: try environment.int("POSTGRES_PORT", default: 5432, in: 1...65535),
            database: environment.string("POSTGRES_DB", default: "support_triage"),
            user: environment.string("POSTGRES_USER", default: "postgres"),
            password: environment.string("POSTGRES_PASSWORD", default: "postgres"),
            sslMode: environment["POSTGRES_SSLMODE"],
            connectTimeout: try Self.positive("POSTGRES_CONNECT_TIMEOUT_MS", environment, default: .milliseconds(800)),
            queryTimeout: try Self.positive("POSTGRES_QUERY_TIMEOUT_MS", environment, default: .seconds(5)),
            applicationName: "customer-service"
        )
        poolSize = try environment.int("POSTGRES_POOL_SIZE", default: 8, in: 1...64)
        migrationTimeout = try Self.positive("POSTGRES_MIGRATION_TIMEOUT_MS", environment, default: .seconds(600))
        migrateOnStart = try environment.bool("CUSTOMER_MIGRATE_ON_START", default: true)
    }

    /// The settings for migrations and the seed: nobody waits on them, so connecting may take
    /// longer and one long-lived statement may take the whole migration timeout.
    var migrationSettings: PostgresSettings {
        var settings = postgres
        settings.connectTimeout = max(settings.connectTimeout, .seconds(5))
        settings.queryTimeout = migrationTimeout
        settings.applicationName = "customer-service migrate"
        return settings
    }

    private static func positive(_ key: String, _ environment: Environment, default value: Duration) throws(ConfigurationError) -> Duration {
        let duration = try environment.milliseconds(key, default: value)
        guard duration > .zero else { throw ConfigurationError(key: key, message: "must be more than 0") }
        return duration
    }
}
