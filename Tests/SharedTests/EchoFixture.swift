import Foundation
import TestSupport
import TriageContracts
import TriageCore
@testable import TriageRPC

/// rpc-test-server replicas in a fresh socket directory, and a channel to them.
final class EchoFixture: @unchecked Sendable {
    let directory: String
    let channel: ServiceChannel
    let client: EchoRPC.Client
    private(set) var servers: [String: ServiceProcess] = [:]

    init() throws {
        directory = try TestPaths.makeTemporaryDirectory("rpc")
        channel = ServiceChannel(service: "rpc-test-server", socketDirectory: directory, logger: Logger(service: "test", logLevel: .critical))
        client = EchoRPC.Client(channel: channel)
    }

    @discardableResult
    func start(_ instance: String, environment: [String: String] = [:]) async throws -> ServiceProcess {
        let server = try await ServiceProcess.startRPCService("rpc-test-server", instance: instance, socketDirectory: directory,
                                                              environment: environment)
        servers[instance] = server
        return server
    }

    func socketPath(_ instance: String) -> String { "\(directory)/rpc-test-server/\(instance).sock" }

    /// Stats of one instance, asked over its own socket.
    func stats(_ instance: String) async throws -> EchoStatsResponse {
        let channel = ServiceChannel(instanceSocket: socketPath(instance), logger: Logger(service: "test", logLevel: .critical))
        defer { channel.close() }
        return try await EchoRPC.Client(channel: channel).stats(EchoStatsRequest())
    }

    func shutdown() async {
        channel.close()
        for server in servers.values { await server.stop() }
    }
}

/// Bytes sent as a request body without any checking: for payloads no message would produce.
struct RawMessage: ProtoMessage {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) { self.bytes = Array(bytes) }
    func serializedBytes() -> [UInt8] { bytes }
}

/// Sockets open in a process (from /proc), to see how many connections it holds.
func openSocketCount(pid: Int32) -> Int {
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
    return fds.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)"))?.hasPrefix("socket:") ?? false }.count
}
