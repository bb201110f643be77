import Foundation
import Testing
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

extension SessionServiceTests {
    /// The hiredis async connections on the event loop: host names, the script cache, values larger
    /// than a socket buffer, many calls sharing connections.
    @Suite("session-service Redis connections", .timeLimit(.minutes(2)))
    struct SessionRedisConnectionTests {
        @Test func aHostNameIsResolvedAndUsed() async throws {
            let fixture = try await SessionFixture(privateRedis: true, environment: ["REDIS_HOST": "localhost"])
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-dns"))
            #expect(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session?.version == 1)
            await fixture.shutdown()
        }

        /// getaddrinfo runs off the loop: while a name does not resolve, calls fail UNAVAILABLE within
        /// their timeouts and the service keeps answering everything else.
        @Test func anUnresolvableHostIsUnavailableAndTheServiceStaysResponsive() async throws {
            let directory = try TestPaths.makeTemporaryDirectory("sess-dns")
            let service = try await ServiceProcess.startRPCService(
                "session-service", instance: "a", socketDirectory: directory,
                environment: ["REDIS_HOST": "no-such-redis.invalid", "REDIS_PORT": "6379", "TRIAGE_LOG_LEVEL": "info"], requireServing: false)
            let channel = ServiceChannel(service: "session-service", socketDirectory: directory, logger: Logger(service: "test", logLevel: .critical))
            for _ in 0..<3 {
                let took = await elapsed {
                    #expect(await statusCode {
                        _ = try await SessionRPC.Client(channel: channel).getSession(GetSessionRequest(ticketID: uniqueTicket()))
                    } == .unavailable)
                }
                #expect(took < .seconds(1), "took \(took)")
            }
            let health = try await HealthRPC.Client(channel: channel).check(HealthCheckRequest())
            #expect(health.status == .notServing)
            #expect(health.dependencies.first?.message.contains("no-such-redis.invalid") == true, "\(health.dependencies)")
            // Validation needs no Redis and is answered at once.
            #expect(await statusCode {
                _ = try await SessionRPC.Client(channel: channel).getSession(GetSessionRequest(ticketID: "a:b"))
            } == .invalidArgument)
            channel.close()
            await service.stop()
        }

        @Test func aFlushedScriptCacheIsLoadedAgainWithoutAnError() async throws {
            let fixture = try await SessionFixture(privateRedis: true)
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-flush"))
            try await fixture.redisCommand("SCRIPT", "FLUSH")
            #expect(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session?.version == 1)
            let appended = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("after flush")]))
            #expect(appended.session?.version == 2)
            await fixture.shutdown()
        }

        /// Close to 1 MiB each way: the request and the reply take many socket writes and reads.
        @Test func aSessionLargerThanTheSocketBuffersRoundTrips() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            let messages = (0..<12).map { customerMessage("\($0) " + String(repeating: "é…", count: 14_000)) }
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-big", messages: messages))
            let session = try #require(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session)
            #expect(session.messages.map(\.content) == messages.map(\.content))
            await fixture.shutdown()
        }

        /// More calls in flight than connections: all answered, each with its own session.
        @Test func manyCallsInFlightShareTheConnections() async throws {
            let fixture = try await SessionFixture(environment: ["REDIS_POOL_SIZE": "2"])
            let tickets = (0..<40).map { _ in uniqueTicket() }
            for ticket in tickets {
                _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-\(ticket)"))
            }
            let client = fixture.client
            let customers = try await withThrowingTaskGroup(of: (String, String).self) { group in
                for round in 0..<5 {
                    for ticket in tickets {
                        group.addTask {
                            if round % 2 == 0 { try await Task.sleep(for: .microseconds(50)) }
                            return (ticket, try await client.getSession(GetSessionRequest(ticketID: ticket)).session?.customerID ?? "")
                        }
                    }
                }
                var answers: [(String, String)] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(customers.count == 200)
            #expect(customers.allSatisfy { $0.1 == "cust-\($0.0)" })
            await fixture.shutdown()
        }
    }
}
