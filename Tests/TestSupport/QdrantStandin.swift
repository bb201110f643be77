import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private Qdrant stand-in (`deploy/qdrant-standin/`) for tests that stop, kill, pause or empty
/// Qdrant: its own port on 127.0.0.1 and its own data directory. Restarting it reuses both, as a
/// Qdrant coming back would.
public final class QdrantStandin: @unchecked Sendable {
    public let port: Int
    public let directory: String
    public let endpoint: Endpoint
    private let process: ServiceProcess

    /// Starts the stand-in with the project's venv (`.run/venv`) and waits until `/readyz` answers.
    public init(label: String = "qdrant", arguments: [String] = []) async throws {
        let directory = try TestPaths.makeTemporaryDirectory(label)
        self.directory = directory
        let python = ProcessInfo.processInfo.environment["TRIAGE_RUN_DIR"].map { "\($0)/venv/bin/python" }
            ?? "\(TestPaths.repositoryRoot)/.run/venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TimeoutError("no Python environment at \(python) (deploy/local/test.sh creates it)")
        }
        let script = "\(TestPaths.repositoryRoot)/deploy/qdrant-standin/standin.py"
        // A child started from a Swift concurrency thread inherits its blocked signal mask; unblock
        // SIGTERM and SIGINT before the stand-in installs its handlers, so that stop() is graceful.
        let launcher = "import runpy, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT}); "
            + "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
        // The port is picked here, not by the stand-in (port 0), because restarts must come back on it;
        // another server can take it in the seconds the stand-in's imports last, so a start that finds
        // it taken tries another.
        var attempt = 0
        while true {
            attempt += 1
            let port = try RedisServer.freePort()
            let endpoint = Endpoint(host: "127.0.0.1", port: port)
            let process = try ServiceProcess(python, name: "qdrant-\(port)", arguments: [
                "-c", launcher, script, "--host", "127.0.0.1", "--port", String(port), "--data-dir", "\(directory)/data",
            ] + arguments, environment: [:], logDirectory: directory)
            do {
                try await Self.waitUntilReady(process, endpoint: endpoint)
                (self.port, self.endpoint, self.process) = (port, endpoint, process)
                return
            } catch where attempt < 3 && !process.isRunning && process.log.contains("Address already in use") {
                continue
            }
        }
    }

    /// `QDRANT_HOST` and `QDRANT_PORT` for a service that should use this stand-in.
    public var environment: [String: String] { endpoint.environment }
    public var isRunning: Bool { process.isRunning }

    /// SIGTERM (the stand-in flushes and closes its shards), SIGKILL if it is not gone in 10 s.
    public func stop() async { await process.stop(timeout: .seconds(10)) }

    /// SIGKILL, as a crash: the next start recovers from the write-ahead log.
    public func kill9() { process.kill9() }

    /// SIGSTOP / SIGCONT: a Qdrant that accepts connections but never answers.
    public func pause() { process.signal(SIGSTOP) }
    public func resume() { process.signal(SIGCONT) }

    /// Starts it again on the same port and data; waits for `/readyz`.
    public func start() async throws {
        try process.start()
        try await Self.waitUntilReady(process, endpoint: endpoint)
    }

    /// Removes every collection (the stand-in must be stopped): a Qdrant that comes back empty.
    public func wipeData() throws {
        precondition(!process.isRunning, "stop the stand-in first")
        try FileManager.default.removeItem(atPath: "\(directory)/data")
    }

    public var log: String { process.log }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    public static func freePort() throws -> Int { try RedisServer.freePort() }

    private static func waitUntilReady(_ process: ServiceProcess, endpoint: Endpoint) async throws {
        do {
            try await waitUntil("the Qdrant stand-in on port \(endpoint.port)", timeout: .seconds(90)) {
                guard process.isRunning else { throw TimeoutError("the stand-in exited:\n\(process.log.suffix(2000))") }
                return (try? await endpoint.request("GET", "/readyz"))?.status == 200
            }
        } catch {
            throw TimeoutError("\(error)\n--- stand-in log ---\n\(process.log.suffix(2000))")
        }
    }

    deinit { process.kill9() }

    /// A Qdrant (or stand-in) to send REST requests to, with the curl command-line tool.
    public struct Endpoint: Sendable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// The Qdrant store that `deploy/local/test.sh` started (`QDRANT_HOST`, `QDRANT_PORT`), if any.
        public static var fromEnvironment: Endpoint? {
            let environment = ProcessInfo.processInfo.environment
            guard let host = environment["QDRANT_HOST"], !host.isEmpty, let port = environment["QDRANT_PORT"].flatMap({ Int($0) }) else {
                return nil
            }
            return Endpoint(host: host, port: port)
        }

        public var environment: [String: String] { ["QDRANT_HOST": host, "QDRANT_PORT": String(port)] }

        /// Sends one request and returns the status and body.
        public func request(_ method: String, _ path: String, json body: String? = nil) async throws -> (status: Int, body: String) {
            let output = NSTemporaryDirectory() + "qdrant-curl-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: output) }
            let curl = try await TestCommand.run("/usr/bin/curl", ["-s", "-m", "10", "-o", output, "-w", "%{http_code}", "-X", method,
                                                                  "http://\(host):\(port)\(path)", "-H", "Content-Type: application/json"]
                                                     + (body.map { ["--data-binary", $0] } ?? []))
            guard curl.status == 0 || curl.status == 22, let http = Int(curl.text) else {
                throw TimeoutError("curl \(method) \(path) failed (\(curl.status))")
            }
            return (http, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
        }

        /// The JSON `result` of a successful request.
        public func result(_ method: String, _ path: String, json body: String? = nil) async throws -> Any {
            let (status, text) = try await request(method, path, json: body)
            guard status == 200, let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let result = object["result"] else {
                throw TimeoutError("\(method) \(path): HTTP \(status) \(text.prefix(300))")
            }
            return result
        }
    }
}
