import Testing
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

extension SessionServiceTests {
    /// REDIS_PASSWORD and REDIS_DB reach Redis; a wrong password is UNAVAILABLE and never logged.
    @Suite("session-service Redis settings", .timeLimit(.minutes(2)))
    struct SessionRedisSettingsTests {
        @Test func passwordAndDatabaseComeFromTheEnvironment() async throws {
            let fixture = try await SessionFixture(redisPassword: "s3cret-pw", environment: ["REDIS_DB": "3"])
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-db"))
            #expect(try await fixture.redisCommand("-n", "3", "EXISTS", fixture.ticketKey(ticket)) == "1")
            #expect(try await fixture.redisCommand("-n", "0", "EXISTS", fixture.ticketKey(ticket)) == "0")
            await fixture.shutdown()
        }

        @Test func aWrongPasswordIsUnavailableAndStaysOutOfTheLog() async throws {
            let server = try await RedisServer(password: "s3cret-pw")
            let directory = try TestPaths.makeTemporaryDirectory("sess-auth")
            var environment = server.environment
            environment["REDIS_PASSWORD"] = "not-the-password"
            let service = try await ServiceProcess.startRPCService("session-service", instance: "a", socketDirectory: directory,
                                                                   environment: environment, requireServing: false)
            let channel = ServiceChannel(service: "session-service", socketDirectory: directory, logger: Logger(service: "test", logLevel: .critical))
            let health = try await HealthRPC.Client(channel: channel).check(HealthCheckRequest())
            #expect(health.status == .notServing)
            #expect(health.dependencies.first?.message.contains("WRONGPASS") == true, "\(health.dependencies)")
            #expect(await statusCode {
                _ = try await SessionRPC.Client(channel: channel).getSession(GetSessionRequest(ticketID: uniqueTicket()))
            } == .unavailable)
            channel.close()
            await service.stop()
            #expect(service.log.contains("redis is unreachable"))
            #expect(!service.log.contains("not-the-password") && !service.log.contains("s3cret-pw"))
            await server.stop()
        }
    }
}
