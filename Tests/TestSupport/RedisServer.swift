import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private redis-server for tests that stop, kill, pause or fill Redis: its own port on
/// 127.0.0.1, its own directory, the append-only file on (`appendfsync always` unless told
/// otherwise). Restarting it reuses the port and the AOF, as a crashed Redis coming back would.
public final class RedisServer: @unchecked Sendable {
    public let port: Int
    public let directory: String
    public let endpoint: Endpoint
    private let process: ServiceProcess

    /// Starts redis-server and waits until it answers PING. With a `password`, clients must
    /// authenticate (`requirepass`); ``command(_:)`` does.
    public init(label: String = "redis", appendfsync: String = "always", password: String? = nil, arguments: [String] = []) async throws {
        directory = try TestPaths.makeTemporaryDirectory(label)
        port = try Self.freePort()
        endpoint = Endpoint(host: "127.0.0.1", port: port, password: password)
        let executable = try Self.findExecutable("redis-server")
        process = try ServiceProcess(executable, name: "redis-\(port)", arguments: [
            "--bind", "127.0.0.1", "--port", String(port), "--dir", directory, "--daemonize", "no",
            "--appendonly", "yes", "--appendfsync", appendfsync, "--save", "", "--logfile", "\(directory)/redis.log",
        ] + (password.map { ["--requirepass", $0] } ?? []) + arguments, environment: [:], logDirectory: directory)
        try await waitUntilReady()
    }

    /// `REDIS_HOST`, `REDIS_PORT` (and `REDIS_PASSWORD`) for a service that should use this server.
    public var environment: [String: String] { endpoint.environment }

    public var pid: Int32 { process.pid }
    public var isRunning: Bool { process.isRunning }

    /// Runs a redis-cli command against this server and returns its output.
    @discardableResult
    public func command(_ arguments: String...) async throws -> String {
        try await endpoint.command(arguments)
    }

    /// A clean shutdown: Redis finishes writing the AOF and exits. Sent as the SHUTDOWN command,
    /// not SIGTERM: a child that Foundation's Process starts from a Swift concurrency thread
    /// inherits that thread's blocked signal mask, and redis-server never unblocks SIGTERM.
    public func stop() async {
        guard process.isRunning else { return }
        _ = try? await endpoint.command(["SHUTDOWN"])
        do { try await process.waitForExit(timeout: .seconds(10)) } catch { process.kill9() }
    }

    /// SIGKILL, as a crash: nothing is flushed beyond what Redis already wrote.
    public func kill9() { process.kill9() }

    /// SIGSTOP / SIGCONT: a Redis that accepts connections but never answers.
    public func pause() { process.signal(SIGSTOP) }
    public func resume() { process.signal(SIGCONT) }

    /// Starts it again on the same port and directory (and so the same AOF); waits for PING.
    public func start() async throws {
        try process.start()
        try await waitUntilReady()
    }

    /// Stops it gracefully and starts it again.
    public func restart() async throws {
        await stop()
        try await start()
    }

    public var log: String { (try? String(contentsOfFile: "\(directory)/redis.log", encoding: .utf8)) ?? "" }

    private func waitUntilReady() async throws {
        do {
            try await waitUntil("redis-server on port \(port)", timeout: .seconds(20)) {
                guard process.isRunning else { throw TimeoutError("redis-server exited:\n\(log.suffix(2000))") }
                // While it loads the AOF, Redis answers LOADING instead of PONG.
                return (try? await endpoint.command(["PING"])) == "PONG"
            }
        } catch {
            throw TimeoutError("\(error)\n--- redis log ---\n\(log.suffix(2000))")
        }
    }

    deinit {
        process.kill9()
        // The data can be large (100,000 sessions); the log stays for a failed run's post-mortem.
        try? FileManager.default.removeItem(atPath: "\(directory)/appendonlydir")
    }

    /// A Redis server to talk to with redis-cli.
    public struct Endpoint: Sendable {
        public var host: String
        public var port: Int
        public var password: String?

        public init(host: String, port: Int, password: String? = nil) {
            self.host = host
            self.port = port
            self.password = password
        }

        /// The Redis that `deploy/local/test.sh` started (`REDIS_HOST`, `REDIS_PORT`), if any.
        public static var fromEnvironment: Endpoint? {
            let environment = ProcessInfo.processInfo.environment
            guard let host = environment["REDIS_HOST"], !host.isEmpty, let port = environment["REDIS_PORT"].flatMap({ Int($0) }) else {
                return nil
            }
            return Endpoint(host: host, port: port, password: environment["REDIS_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 })
        }

        public var environment: [String: String] {
            var environment = ["REDIS_HOST": host, "REDIS_PORT": String(port)]
            if let password { environment["REDIS_PASSWORD"] = password }
            return environment
        }

        /// Runs `redis-cli -h host -p port ARGS…` (raw output, trailing newline removed); throws
        /// when redis-cli fails. Error replies are part of the output (`ERR …`). Options such as
        /// `-n 3` (database) may precede the command.
        public func command(_ arguments: [String]) async throws -> String {
            let authentication = password.map { ["-a", $0, "--no-auth-warning"] } ?? []
            let output = try await TestCommand.run(try RedisServer.findExecutable("redis-cli"),
                                                   ["-h", host, "-p", String(port)] + authentication + arguments)
            let status = output.status
            var text = output.text
            while text.hasSuffix("\n") { text.removeLast() }
            guard status == 0 else { throw TimeoutError("redis-cli \(arguments.first ?? "") failed (\(status)): \(text.prefix(300))") }
            return text
        }
    }

    static func findExecutable(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TimeoutError("\(name) is not installed (apt-get install redis-server)")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    static func freePort() throws -> Int { try freeTCPPort() }
}
