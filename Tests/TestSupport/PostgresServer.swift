import Foundation
import Synchronization

/// A private PostgreSQL 15 for tests and benchmarks that need to stop and start the database
/// (fault tests) without disturbing anyone else: its own data directory, port and socket.
///
/// Follows `deploy/local/lib/stores.sh`: local connections over the socket are trusted, TCP
/// needs the password; as root the server runs as the Debian package's `postgres` user (initdb
/// refuses root). Stop it with ``shutdown()``; `deinit` kills it if a test forgot.
public final class PostgresServer: Sendable {
    public let directory: String
    public let port: Int
    public let user = "postgres"
    public let password: String
    public let database: String
    private let process = Mutex<Subprocess?>(nil)

    public static let binaries = ProcessInfo.processInfo.environment["PG_BIN"] ?? "/usr/lib/postgresql/15/bin"

    /// Initialises a cluster in a fresh temporary directory, starts it on a free port and
    /// creates `database`.
    public static func start(label: String = "pg", database: String = "support_triage",
                             settings: [String: String] = [:]) async throws -> PostgresServer {
        var attempt = 1
        while true {
            let server = try PostgresServer(directory: TestPaths.makeTemporaryDirectory(label), port: try freePort(),
                                            database: database, settings: settings)
            try await server.initialise()
            do {
                try await server.start()
            } catch where attempt < 3 && server.log.contains("Address already in use") {
                // The port was taken between choosing it and the postmaster binding it: another one.
                await server.shutdown()
                attempt += 1
                continue
            }
            _ = try await server.socketClient(database: "postgres").query("CREATE DATABASE \(database)")
            return server
        }
    }

    private let settings: [String: String]

    private init(directory: String, port: Int, database: String, settings: [String: String]) throws {
        self.directory = directory
        self.port = port
        self.database = database
        self.settings = settings
        self.password = "pw-\(UUID().uuidString.prefix(12))"
    }

    deinit {
        // Subprocess's deinit kills a postmaster that is still running.
    }

    /// A client over TCP with the password, as a service would connect.
    public var client: PostgresClient {
        PostgresClient(host: "127.0.0.1", port: port, user: user, password: password, database: database)
    }

    /// The `POSTGRES_*` settings for a service that should use this server.
    public var environment: [String: String] { client.environment }

    public var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    public var log: String { (try? String(contentsOfFile: "\(directory)/postgres.log", encoding: .utf8)) ?? "" }

    /// Starts the postmaster on the existing data directory and waits until it accepts connections.
    public func start() async throws {
        guard !isRunning else { return }
        var arguments = ["-D", "\(directory)/data", "-k", "\(directory)/socket", "-p", String(port),
                         "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"]
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) { arguments += ["-c", "\(key)=\(value)"] }
        let (executable, fullArguments) = Self.asPostgresUser("\(Self.binaries)/postgres", arguments)
        let postmaster = try Subprocess(executable: executable, arguments: fullArguments,
                                        environment: ProcessInfo.processInfo.environment, logPath: "\(directory)/postgres.log")
        process.withLock { $0 = postmaster }
        do {
            try await waitUntil("PostgreSQL on port \(port)", timeout: .seconds(30)) {
                guard postmaster.isRunning else { throw PostgresTestError("PostgreSQL exited:\n\(self.log.suffix(2000))") }
                return try await TestCommand.run("\(Self.binaries)/pg_isready",
                                                 ["-q", "-h", "\(directory)/socket", "-p", String(port)]).status == 0
            }
        } catch {
            throw PostgresTestError("\(error)\n\(self.log.suffix(2000))")
        }
    }

    /// Stops the server the way an administrator would (fast shutdown: sessions are ended) and
    /// waits for it to exit.
    public func stop() async throws {
        guard let postmaster = process.withLock({ $0 }), postmaster.isRunning else { return }
        postmaster.send(SIGINT)
        try await waitUntil("PostgreSQL to stop", timeout: .seconds(30)) { !postmaster.isRunning }
    }

    /// Stops the server and deletes its files.
    public func shutdown() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A client over the trusted local socket (no password), for setting up.
    public func socketClient(database: String? = nil) -> PostgresClient {
        PostgresClient(host: "\(directory)/socket", port: port, user: user, password: "", database: database ?? self.database)
    }

    private func initialise() async throws {
        let root = getuid() == 0
        let passwordFile = "\(directory)/password"
        try password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: "\(directory)/postgres.log", contents: nil)
        for (path, mode) in [("data", "700"), ("socket", "755")] {
            var install = ["-d", "-m", mode, "\(directory)/\(path)"]
            if root { install = ["-o", "postgres", "-g", "postgres"] + install }
            try await Self.check(TestCommand.run("/usr/bin/install", install), "install -d \(path)")
        }
        if root {
            try await Self.check(TestCommand.run("/bin/chown", ["postgres", passwordFile, "\(directory)/postgres.log"]), "chown")
        }
        let (executable, arguments) = Self.asPostgresUser("\(Self.binaries)/initdb", [
            "-D", "\(directory)/data", "-U", user, "--pwfile=\(passwordFile)", "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
        ])
        try await Self.check(TestCommand.run(executable, arguments), "initdb")
    }

    /// initdb and postgres refuse to run as root: `setpriv` runs them as `postgres` (and execs,
    /// so the process we start is the postmaster itself).
    private static func asPostgresUser(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        guard getuid() == 0 else { return (executable, arguments) }
        return ("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", executable] + arguments)
    }

    private static func check(_ output: TestCommand.Output, _ what: String) throws {
        guard output.status == 0 else { throw PostgresTestError("\(what) failed (\(output.status)): \(output.text)") }
    }

    private static func freePort() throws -> Int { try freeTCPPort() }
}
