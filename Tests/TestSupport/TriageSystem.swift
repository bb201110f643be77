import Foundation
import Synchronization
import TriageCore
import TriageRPC

/// The whole system, for end-to-end tests: a private PostgreSQL, Redis and Qdrant store, the three
/// services (session-service with any number of replicas) and the gateway, all real processes in
/// one temporary directory, with the demo customers seeded and the demo knowledge base ingested.
public final class TriageSystem: @unchecked Sendable {
    public let directory: String
    public let socketDirectory: String
    public let postgres: PostgresServer
    public let redis: RedisServer
    public let qdrantPort: Int
    public let httpPort: Int
    public let http: HTTPTestClient
    private let qdrant: ServiceProcess
    private let state = Mutex<[String: ServiceProcess]>([:])
    private let baseEnvironment: [String: String]

    public static let services = ["customer-service", "session-service", "knowledge-service"]

    public static func start(sessionReplicas: Int = 1, redisAppendfsync: String = "always",
                             environment extra: [String: String] = [:]) async throws -> TriageSystem {
        let directory = try TestPaths.makeTemporaryDirectory("sys")
        async let postgres = PostgresServer.start(label: "sys-pg")
        async let redis = RedisServer(label: "sys-redis", appendfsync: redisAppendfsync)
        // Port 0: the stand-in binds a free port itself and writes it to its port file. A port picked
        // here could be taken before the stand-in binds it, seconds later, by another server starting
        // meanwhile (seen in CI: "Address already in use", and a 90 s wait for a process already gone).
        let python = TestPaths.repositoryRoot + "/.run/venv/bin/python"
        let portFile = directory + "/qdrant-port"
        let qdrant = try ServiceProcess(python, name: "qdrant-standin", arguments: [
            TestPaths.repositoryRoot + "/deploy/qdrant-standin/standin.py", "--host", "127.0.0.1", "--port", "0",
            "--port-file", portFile, "--data-dir", directory + "/qdrant",
        ], environment: [:], logDirectory: directory)
        // The stand-in imports qdrant-edge and numpy first: on 2 busy vCPUs (several systems starting
        // at once while the soak test loads another) that has taken over 30 s.
        try await waitUntil("the Qdrant store to bind a port", timeout: .seconds(90)) {
            guard qdrant.isRunning else { throw TimeoutError("the Qdrant stand-in exited:\n\(qdrant.log.suffix(2000))") }
            return Self.port(in: portFile) != nil
        }
        guard let qdrantPort = Self.port(in: portFile) else { throw TimeoutError("no port in \(portFile)") }
        let system = try await TriageSystem(directory: directory, postgres: postgres, redis: redis, qdrant: qdrant,
                                            qdrantPort: qdrantPort, extra: extra)
        try await waitUntil("the Qdrant store to be ready", timeout: .seconds(90)) {
            guard qdrant.isRunning else { throw TimeoutError("the Qdrant stand-in exited:\n\(qdrant.log.suffix(2000))") }
            return (try? await HTTPTestClient(baseURL: "http://127.0.0.1:\(qdrantPort)").get("/readyz").status) == 200
        }
        try await system.startService("customer-service", instance: "c1")
        for index in 1...max(1, sessionReplicas) { try await system.startService("session-service", instance: "s\(index)") }
        try await system.startService("knowledge-service", instance: "k1")
        try await system.runTool("customer-service", ["seed", TestPaths.repositoryRoot + "/deploy/demo/customers.json"])
        try await system.runTool("knowledge-service", ["ingest", TestPaths.repositoryRoot + "/deploy/demo/kb"])
        try await system.startGateway()
        return system
    }

    /// The port a stand-in wrote to its port file, once it has.
    private static func port(in file: String) -> Int? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private init(directory: String, postgres: PostgresServer, redis: RedisServer, qdrant: ServiceProcess, qdrantPort: Int,
                 extra: [String: String]) throws {
        self.directory = directory
        self.socketDirectory = directory + "/sockets"
        self.postgres = postgres
        self.redis = redis
        self.qdrant = qdrant
        self.qdrantPort = qdrantPort
        self.httpPort = try freeTCPPort()
        self.http = HTTPTestClient(baseURL: "http://127.0.0.1:\(httpPort)")
        var environment = postgres.environment.merging(redis.environment) { $1 }
        environment["QDRANT_HOST"] = "127.0.0.1"
        environment["QDRANT_PORT"] = String(qdrantPort)
        environment["TRIAGE_SOCKET_DIR"] = socketDirectory
        environment["TRIAGE_HTTP_PORT"] = String(httpPort)
        environment["TRIAGE_LOG_LEVEL"] = "info"
        // The static embedding mode keeps ingest and matching fast in tests; the test script builds
        // it (TRIAGE_STATIC_MODEL) and exports the model directory.
        if environment["TRIAGE_EMBED_MODE"] == nil { environment["TRIAGE_EMBED_MODE"] = "static" }
        self.baseEnvironment = environment.merging(extra) { $1 }
    }

    public func environment(instance: String) -> [String: String] {
        baseEnvironment.merging(["TRIAGE_INSTANCE": instance]) { $1 }
    }

    /// Starts (or restarts) one replica and waits until it answers health checks; with
    /// `requireServing`, until it says SERVING (its store reachable, customer-service's schema ready).
    public func startService(_ service: String, instance: String, requireServing: Bool = false) async throws {
        if let existing = state.withLock({ $0["\(service)/\(instance)"] }) {
            try existing.start()
            try await existing.waitUntilHealthy(service: service, instance: instance, socketDirectory: socketDirectory,
                                                requireServing: requireServing)
            return
        }
        let process = try await ServiceProcess.startRPCService(service, instance: instance, socketDirectory: socketDirectory,
                                                               environment: environment(instance: instance), requireServing: requireServing)
        state.withLock { $0["\(service)/\(instance)"] = process }
    }

    private func startGateway() async throws {
        let gateway = try await ServiceProcess.startRPCService("triage-gateway", instance: "g1", socketDirectory: socketDirectory,
                                                               environment: environment(instance: "g1"), requireServing: false)
        state.withLock { $0["triage-gateway/g1"] = gateway }
        try await waitUntil("the gateway's HTTP port", timeout: .seconds(20)) { (try? await self.http.get("/health").status) == 200 }
    }

    public func process(_ service: String, _ instance: String) -> ServiceProcess? {
        state.withLock { $0["\(service)/\(instance)"] }
    }

    public var gateway: ServiceProcess { process("triage-gateway", "g1")! }

    /// Every process of the system by a readable name (for CPU accounting in benchmarks);
    /// PostgreSQL is its postmaster, whose backends are its children.
    public var processIDs: [(name: String, pid: Int32)] {
        var all: [(String, Int32)] = [("qdrant-standin", qdrant.pid), ("redis-server", redis.pid)]
        if let line = try? String(contentsOfFile: "\(postgres.directory)/data/postmaster.pid", encoding: .utf8).split(separator: "\n").first,
           let pid = Int32(line) {
            all.append(("postgresql", pid))
        }
        let services = state.withLock { $0 }
        for key in services.keys.sorted() { all.append((key.split(separator: "/").first.map(String.init) ?? key, services[key]!.pid)) }
        return all
    }

    /// Runs a subcommand of a service executable (`seed`, `ingest`) to completion.
    public func runTool(_ executable: String, _ arguments: [String]) async throws {
        let tool = try ServiceProcess(executable, name: "\(executable)-\(arguments.first ?? "tool")", arguments: arguments,
                                      environment: environment(instance: "tool"), logDirectory: directory)
        let status = try await tool.waitForExit(timeout: .seconds(240))
        guard status == 0 else { throw TimeoutError("\(executable) \(arguments.joined(separator: " ")) exited \(status):\n\(tool.log.suffix(2000))") }
    }

    /// A channel to a service's replicas, to check the stores behind the HTTP API.
    public func channel(_ service: String) -> ServiceChannel {
        ServiceChannel(service: service, socketDirectory: socketDirectory, logger: Logger(service: "test", logLevel: .critical))
    }

    /// Stops everything; returns the services and gateways that did not exit cleanly on SIGTERM
    /// (a crash on the way out, or a hang), each with its log.
    @discardableResult
    public func stop() async -> [String] {
        var unclean: [String] = []
        for process in state.withLock({ Array($0.values) }) where process.isRunning {
            let status = await process.stop()
            if status != 0 {
                unclean.append("\(process.name) \(status.map { "exited with status \($0)" } ?? "did not stop in time") (log \(process.logPath))")
            }
        }
        await qdrant.stop()
        await redis.stop()
        await postgres.shutdown()
        return unclean
    }
}
