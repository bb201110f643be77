import Foundation
import TriageCore

/// `customer-service seed FILE.json`: brings the schema up to date, then upserts every
/// customer of the file in batches of 1,000 (one statement each), printing a line per batch.
/// Idempotent: running it again updates the same rows.
struct SeedCommand {
    let configuration: CustomerServiceConfiguration
    let logger: Logger
    static let batchSize = 1000

    func run(file: String) async throws {
        let seed = try SeedFile(contentsOf: file)
        _ = try await CustomerDatabase.migrate(configuration, logger: logger)
        let pool = PostgresPool(settings: configuration.migrationSettings, size: 1, name: "seed")
        var created = 0
        do {
            for start in stride(from: 0, to: seed.customers.count, by: Self.batchSize) {
                let batch = Array(seed.customers[start..<min(start + Self.batchSize, seed.customers.count)])
                let deadline = ContinuousClock.now + configuration.postgres.queryTimeout
                created += try await pool.withConnection(deadline: deadline) { connection in
                    try CustomerStore.upsert(batch: batch, on: connection, deadline: deadline)
                }
                print("customer-service seed: \(start + batch.count)/\(seed.customers.count) customers")
            }
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
        print("customer-service seed: loaded \(seed.customers.count) customers from \(file) "
              + "(\(created) created, \(seed.customers.count - created) updated)")
    }
}
