#if canImport(Glibc)
import Glibc
#endif
import TriageCore

/// Where and how an RPC server listens. Read once from the environment at start-up.
public struct RPCServerConfiguration: Sendable {
    /// The executable's name, e.g. `customer-service`: the socket's directory.
    public var serviceName: String
    /// This replica's name (`TRIAGE_INSTANCE`, default the host name): the socket's file name,
    /// so replicas sharing a directory must differ.
    public var instance: String
    /// `TRIAGE_SOCKET_DIR`, default `./.run/sockets` (containers use `/run/triage`).
    public var socketDirectory: String
    /// `TRIAGE_RPC_MAX_FRAME_BYTES`, default 4 MiB: a bigger frame closes its connection.
    public var maxFrameSize: Int
    /// `TRIAGE_DRAIN_TIMEOUT_MS`, default 10 s: how long a graceful shutdown waits for calls in flight.
    public var drainTimeout: Duration
    /// `TRIAGE_RPC_MAX_CONCURRENT_CALLS`, default 4096: beyond it, calls get RESOURCE_EXHAUSTED.
    public var maxConcurrentCalls: Int
    /// The deadline of a request that arrives without one.
    public var defaultDeadline: Duration

    public static let defaultMaxFrameSize = 4 * 1024 * 1024

    public init(
        serviceName: String,
        instance: String,
        socketDirectory: String,
        maxFrameSize: Int = RPCServerConfiguration.defaultMaxFrameSize,
        drainTimeout: Duration = .seconds(10),
        maxConcurrentCalls: Int = 4096,
        defaultDeadline: Duration = .seconds(30)
    ) {
        self.serviceName = serviceName
        self.instance = instance
        self.socketDirectory = socketDirectory
        self.maxFrameSize = maxFrameSize
        self.drainTimeout = drainTimeout
        self.maxConcurrentCalls = maxConcurrentCalls
        self.defaultDeadline = defaultDeadline
    }

    public init(serviceName: String, environment: Environment) throws(ConfigurationError) {
        let instance = environment.string("TRIAGE_INSTANCE", default: Self.hostName())
        guard Self.isValidName(instance) else {
            throw ConfigurationError(key: "TRIAGE_INSTANCE", message: "'\(instance)' may only contain letters, digits, '.', '_' and '-'")
        }
        self.init(
            serviceName: serviceName,
            instance: instance,
            socketDirectory: Self.socketDirectory(environment),
            maxFrameSize: try environment.int("TRIAGE_RPC_MAX_FRAME_BYTES", default: Self.defaultMaxFrameSize, in: 1024...(256 << 20)),
            drainTimeout: try environment.milliseconds("TRIAGE_DRAIN_TIMEOUT_MS", default: .seconds(10)),
            maxConcurrentCalls: try environment.int("TRIAGE_RPC_MAX_CONCURRENT_CALLS", default: 4096, in: 1...1_000_000)
        )
    }

    /// `<socketDirectory>/<serviceName>/<instance>.sock`.
    public var socketPath: String { "\(socketDirectory)/\(serviceName)/\(instance).sock" }

    /// `TRIAGE_SOCKET_DIR` or its default; clients use the same rule.
    public static func socketDirectory(_ environment: Environment) -> String {
        environment.string("TRIAGE_SOCKET_DIR", default: "./.run/sockets")
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "instance" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return isValidName(name) ? name : "instance"
    }
}
