import Synchronization
import TriageCore
import TriageRPC

/// customer-service's PostgreSQL as a long-lived service: the connection pool, the schema
/// brought up to date at start-up (retrying while PostgreSQL is unreachable), a health probe on
/// a connection of its own, and the pool closed at shutdown once the RPC server has drained.
final class CustomerDatabase: Service {
    let configuration: CustomerServiceConfiguration
    private let pool: PostgresPool
    private let probe: PostgresPool
    private let logger: Logger
    private let schemaVersion = Atomic<Int>(0)

    init(configuration: CustomerServiceConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        pool = PostgresPool(settings: configuration.postgres, size: configuration.poolSize)
        probe = PostgresPool(settings: configuration.postgres, size: 1, name: "postgres-probe")
    }

    var isSchemaReady: Bool { schemaVersion.load(ordering: .acquiring) >= Migration.latestVersion }

    func run() async throws {
        try await prepareSchema()
        try? await gracefulShutdown()
        await pool.close()
        await probe.close()
    }

    /// Runs `body` on a pooled connection; PostgreSQL failures leave as ``StoreError``.
    func withConnection<T: Sendable>(
        deadline: ContinuousClock.Instant,
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        guard isSchemaReady else { throw RPCError.unavailable("customer-service is starting: the schema is not ready yet") }
        do {
            return try await pool.withConnection(deadline: deadline, body)
        } catch let error as PostgresError {
            if error.isUnavailable {
                logger.warning("PostgreSQL unavailable", ["error": .string(error.description)])
            } else {
                logger.error("PostgreSQL error", ["error": .string(error.description)])
            }
            throw StoreError(underlying: error)
        }
    }

    /// nil while PostgreSQL answers and the schema is current, else why not.
    func healthCheck() async -> String? {
        do {
            let deadline = ContinuousClock.now + .milliseconds(900)
            try await probe.withConnection(deadline: deadline) { connection in
                _ = try connection.execute(script: "SELECT 1", deadline: deadline)
            }
        } catch let error as PostgresError {
            return error.kind == .timeout ? "no answer in time" : "unreachable"
        } catch {
            return "unreachable"
        }
        return isSchemaReady ? nil : "schema not ready (version \(schemaVersion.load(ordering: .relaxed)) of \(Migration.latestVersion))"
    }

    /// Migrates (or, with migration at start-up off, waits for someone to), retrying while
    /// PostgreSQL is unavailable. A migration that fails for any other reason stops the service.
    private func prepareSchema() async throws {
        var backoff = Duration.milliseconds(100)
        while !isShuttingDownGracefully {
            do {
                let version = try await Self.migrate(configuration, logger: logger, apply: configuration.migrateOnStart).version
                schemaVersion.store(version, ordering: .releasing)
                if version >= Migration.latestVersion {
                    logger.notice("schema ready", ["version": LogValue(version)])
                    return
                }
                logger.warning("schema is behind this build; run customer-service migrate",
                               ["schema": LogValue(version), "build": LogValue(Migration.latestVersion)])
            } catch let error as PostgresError where error.isUnavailable {
                logger.warning("PostgreSQL unavailable; retrying", ["error": .string(error.description),
                                                                    "retry_ms": LogValue(backoff.inMilliseconds)])
            }
            try await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(2))
        }
    }

    /// One migration run on a connection of its own (or, when `apply` is false, a version check).
    static func migrate(_ configuration: CustomerServiceConfiguration, logger: Logger, apply: Bool = true) async throws -> Migrator.Outcome {
        let pool = PostgresPool(settings: configuration.migrationSettings, size: 1, name: "migrate")
        let deadline = ContinuousClock.now + configuration.migrationTimeout
        do {
            let outcome = try await pool.withConnection(deadline: deadline) { connection in
                if apply { return try Migrator(logger: logger).migrate(connection, deadline: deadline) }
                return Migrator.Outcome(applied: [], version: try Migrator.version(connection, deadline: deadline))
            }
            await pool.close()
            return outcome
        } catch {
            await pool.close()
            throw error
        }
    }
}
