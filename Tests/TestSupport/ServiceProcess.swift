import Foundation
import Synchronization
import TriageCore
import TriageRPC

/// A real executable started by a test, with its stderr kept in a log file.
public final class ServiceProcess: @unchecked Sendable {
    public let name: String
    public let executable: String
    public let arguments: [String]
    public let environment: [String: String]
    public let logPath: String
    private let state = Mutex<Subprocess?>(nil)

    /// Starts `executable` (a product name in the build directory, or a path).
    public init(_ executable: String, name: String? = nil, arguments: [String] = [], environment: [String: String], logDirectory: String) throws {
        self.executable = executable.contains("/") ? executable : TestPaths.executable(executable)
        self.name = name ?? executable
        self.arguments = arguments
        self.environment = environment
        self.logPath = "\(logDirectory)/\(self.name)-\(UUID().uuidString.prefix(6)).log"
        try start()
    }

    /// Starts it (again) with the same arguments and environment.
    public func start() throws {
        try FileManager.default.createDirectory(atPath: (logPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let process = try Subprocess(executable: executable, arguments: arguments, environment: merged, logPath: logPath)
        state.withLock { $0 = process }
    }

    public var pid: Int32 { state.withLock { $0?.pid ?? 0 } }
    public var isRunning: Bool { state.withLock { $0 }?.isRunning ?? false }

    public func signal(_ signal: Int32) {
        state.withLock { $0 }?.send(signal)
    }

    /// Waits for the process to exit and returns its exit status.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(20)) async throws -> Int32 {
        guard let process = state.withLock({ $0 }) else { return 0 }
        try await waitUntil("\(name) to exit", timeout: timeout) { !process.isRunning }
        return process.exitStatus ?? 0
    }

    /// SIGTERM and wait; SIGKILL if it does not exit in time. Returns how it ended: its exit status,
    /// or nil when it had to be killed (or was not running).
    @discardableResult
    public func stop(timeout: Duration = .seconds(15)) async -> Int32? {
        guard isRunning else { return nil }
        signal(SIGTERM)
        do { return try await waitForExit(timeout: timeout) } catch { kill9(); return nil }
    }

    /// The scheduler state letter from /proc (R running, S sleeping, T stopped, Z zombie).
    public var schedulerState: Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].first(where: { $0 != " " })
    }

    /// SIGSTOP, and wait until the kernel has actually stopped it (delivery is asynchronous).
    public func freeze() async throws {
        signal(SIGSTOP)
        try await waitUntil("\(name) to stop", timeout: .seconds(5)) { self.schedulerState == "T" }
    }

    public func thaw() {
        signal(SIGCONT)
    }

    public func kill9() {
        signal(SIGKILL)
        state.withLock { $0 }?.waitBlocking()
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    // Subprocess's deinit kills a child that is still running.
}

extension ServiceProcess {
    /// Starts an RPC service and waits until its socket answers Health/Check.
    public static func startRPCService(
        _ executable: String, instance: String = "test", socketDirectory: String,
        environment: [String: String] = [:], requireServing: Bool = true, timeout: Duration = .seconds(30)
    ) async throws -> ServiceProcess {
        var environment = environment
        environment["TRIAGE_SOCKET_DIR"] = socketDirectory
        environment["TRIAGE_INSTANCE"] = instance
        if environment["TRIAGE_LOG_LEVEL"] == nil { environment["TRIAGE_LOG_LEVEL"] = "debug" }
        let process = try ServiceProcess(executable, name: "\(executable)-\(instance)", environment: environment, logDirectory: socketDirectory)
        try await process.waitUntilHealthy(service: executable, instance: instance, socketDirectory: socketDirectory,
                                           requireServing: requireServing, timeout: timeout)
        return process
    }

    /// Waits until `<dir>/<service>/<instance>.sock` answers Health/Check (SERVING if required).
    public func waitUntilHealthy(service: String, instance: String, socketDirectory: String,
                                 requireServing: Bool = true, timeout: Duration = .seconds(30)) async throws {
        let path = "\(socketDirectory)/\(service)/\(instance).sock"
        let channel = ServiceChannel(instanceSocket: path, logger: Logger(service: "test", logLevel: .critical))
        defer { channel.close() }
        let health = HealthRPC.Client(channel: channel)
        do {
            try await waitUntil("\(service)/\(instance) to be healthy", timeout: timeout) {
                guard self.isRunning else { throw TimeoutError("\(self.name) exited early:\n\(self.log.suffix(3000))") }
                guard FileManager.default.fileExists(atPath: path) else { return false }
                guard let response = try? await health.check(HealthCheckRequest(), options: CallOptions(timeout: .seconds(2))) else { return false }
                return !requireServing || response.status == .serving
            }
        } catch {
            throw TimeoutError("\(error)\n--- \(name) log ---\n\(log.suffix(3000))")
        }
    }
}
