import Foundation
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

/// One session-service process over a real socket, against a real Redis: the shared one that
/// `deploy/local/test.sh` started (with a key prefix of its own, so tests never see each other's
/// keys), or a private ``RedisServer`` for tests that stop, kill or reconfigure Redis. Without a
/// shared Redis in the environment every fixture gets a private one: nothing is ever skipped.
final class SessionFixture: @unchecked Sendable {
    let directory: String
    let redis: RedisServer.Endpoint
    /// Set when this fixture owns its Redis.
    let server: RedisServer?
    let prefix: String
    let service: ServiceProcess
    let channel: ServiceChannel
    let client: SessionRPC.Client

    init(
        privateRedis: Bool = false, appendfsync: String = "always", redisPassword: String? = nil, environment: [String: String] = [:]
    ) async throws {
        directory = try TestPaths.makeTemporaryDirectory("sess")
        if !privateRedis, redisPassword == nil, let shared = RedisServer.Endpoint.fromEnvironment {
            server = nil
            redis = shared
        } else {
            let server = try await RedisServer(label: "redis", appendfsync: appendfsync, password: redisPassword)
            self.server = server
            redis = server.endpoint
        }
        prefix = "t\(UUID().uuidString.prefix(8).lowercased())"
        var merged = redis.environment
        merged["REDIS_KEY_PREFIX"] = prefix
        merged["TRIAGE_LOG_LEVEL"] = "info"
        for (key, value) in environment { merged[key] = value }
        service = try await ServiceProcess.startRPCService("session-service", instance: "a", socketDirectory: directory, environment: merged)
        channel = ServiceChannel(service: "session-service", socketDirectory: directory, logger: Logger(service: "test", logLevel: .critical))
        client = SessionRPC.Client(channel: channel)
    }

    /// A redis-cli command against this fixture's Redis.
    @discardableResult
    func redisCommand(_ arguments: String...) async throws -> String {
        try await redis.command(arguments)
    }

    func sessionKey(customer: String, ticket: String) -> String { "\(prefix):session:\(customer):\(ticket)" }
    func ticketKey(_ ticket: String) -> String { "\(prefix):ticket:\(ticket)" }
    func indexKey(customer: String) -> String { "\(prefix):customer:\(customer):sessions" }

    /// The ticket ids in a customer's index, most recent first, straight from Redis.
    func indexEntries(customer: String) async throws -> [String] {
        let output = try await redisCommand("ZREVRANGE", indexKey(customer: customer), "0", "-1")
        return output.split(separator: "\n").map(String.init)
    }

    func shutdown() async {
        channel.close()
        await service.stop()
        if let server { await server.stop() }
    }
}
