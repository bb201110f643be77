import Foundation

/// How a test reaches one PostgreSQL database, and `psql` to look at it directly.
public struct PostgresClient: Sendable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var database: String

    public init(host: String, port: Int, user: String, password: String, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// The PostgreSQL that `deploy/local/test.sh` started (its `POSTGRES_*` variables). Fails,
    /// rather than skipping, when they are missing.
    public static func fromTestEnvironment() throws -> PostgresClient {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["POSTGRES_HOST"], !host.isEmpty,
              let port = environment["POSTGRES_PORT"].flatMap(Int.init) else {
            throw PostgresTestError("POSTGRES_HOST and POSTGRES_PORT are not set: run the tests through ./deploy/local/test.sh, which starts PostgreSQL")
        }
        return PostgresClient(host: host, port: port, user: environment["POSTGRES_USER"] ?? "postgres",
                              password: environment["POSTGRES_PASSWORD"] ?? "postgres",
                              database: environment["POSTGRES_DB"] ?? "support_triage")
    }

    /// The `POSTGRES_*` settings for a service that should use this database.
    public var environment: [String: String] {
        ["POSTGRES_HOST": host, "POSTGRES_PORT": String(port), "POSTGRES_USER": user,
         "POSTGRES_PASSWORD": password, "POSTGRES_DB": database]
    }

    /// The rows of `sql` (one statement), each as its columns' text; NULL reads as "".
    public func query(_ sql: String) async throws -> [[String]] {
        let output = try await psql(["-c", sql])
        return output.split(separator: "\u{1E}", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
            .map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Runs a file of SQL, stopping at the first error.
    public func execute(file path: String) async throws {
        _ = try await psql(["-f", path])
    }

    /// A new, empty database on the same server (named `prefix_<random>`), as a client of it.
    public func createDatabase(prefix: String = "triage_test") async throws -> PostgresClient {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await query("CREATE DATABASE \(name)")
        var client = self
        client.database = name
        return client
    }

    /// Drops this database (connections to it included).
    public func dropDatabase() async throws {
        var admin = self
        admin.database = "postgres"
        _ = try await admin.query("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }

    private func psql(_ arguments: [String]) async throws -> String {
        let output = try await TestCommand.run(
            "/usr/bin/psql",
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\u{1F}", "-R", "\u{1E}",
             "-h", host, "-p", String(port), "-U", user, "-d", database] + arguments,
            environment: ["PGPASSWORD": password, "PGCONNECT_TIMEOUT": "5"]
        )
        guard output.status == 0 else { throw PostgresTestError("psql failed (\(output.status)): \(output.text)") }
        return output.text
    }
}
