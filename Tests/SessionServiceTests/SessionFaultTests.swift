import Testing
import TestSupport
import TriageContracts
import TriageRPC

extension SessionServiceTests {
    /// Redis crashing, stopping and hanging under a running session-service, on a private Redis.
    @Suite("session-service with a failing Redis", .timeLimit(.minutes(2)))
    struct SessionFaultTests {
        @Test func anAcknowledgedWriteSurvivesKill9AndARestartOnTheSameAOF() async throws {
            let fixture = try await SessionFixture(privateRedis: true, appendfsync: "always")
            let redis = try #require(fixture.server)
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-aof", state: sampleState(),
                                                                            messages: [customerMessage("before the crash")]))
            let acknowledged = try #require(try await fixture.client.appendMessages(
                AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("acknowledged just before kill -9")])).session)

            redis.kill9()
            try await redis.start()

            // The same service process, which reconnects on its own.
            let servicePID = fixture.service.pid
            var recovered: SessionRecord?
            try await waitUntil("the session to be readable again", timeout: .seconds(10)) {
                recovered = try? await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session
                return recovered != nil
            }
            let session = try #require(recovered)
            #expect(session.version == acknowledged.version && session.messages == acknowledged.messages && session.state == sampleState())
            #expect(try await fixture.indexEntries(customer: "cust-aof") == [ticket])
            #expect(fixture.service.pid == servicePID && fixture.service.isRunning)
            await fixture.shutdown()
        }

        @Test func redisDownIsUnavailableWithinOneSecondAndTheServiceRecovers() async throws {
            let fixture = try await SessionFixture(privateRedis: true)
            let redis = try #require(fixture.server)
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-down"))

            redis.kill9()
            for attempt in 0..<3 {
                let took = await elapsed {
                    #expect(await statusCode { _ = try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)) } == .unavailable)
                    #expect(await statusCode {
                        _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("x")]))
                    } == .unavailable)
                    #expect(await statusCode {
                        _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: uniqueTicket(), customerID: "cust-down"))
                    } == .unavailable)
                }
                #expect(took < .seconds(1), "attempt \(attempt): three calls took \(took)")
            }
            let health = try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest())
            #expect(health.status == .notServing && health.dependencies.first?.status == .notServing)
            #expect(health.dependencies.first?.message.isEmpty == false)

            try await redis.start()
            try await waitUntil("session-service to use Redis again", timeout: .seconds(10)) {
                (try? await fixture.client.getSession(GetSessionRequest(ticketID: ticket))) != nil
            }
            // Nothing half-written by the failed calls.
            let session = try #require(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session)
            #expect(session.version == 1 && session.messages.isEmpty)
            #expect(try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest()).status == .serving)
            #expect(fixture.service.log.contains("redis is unreachable") && fixture.service.log.contains("redis is reachable again"))
            await fixture.shutdown()
        }

        @Test func aHungRedisIsUnavailableWithinOneSecond() async throws {
            let fixture = try await SessionFixture(privateRedis: true)
            let redis = try #require(fixture.server)
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-hung"))

            redis.pause()
            let took = await elapsed {
                #expect(await statusCode { _ = try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)) } == .unavailable)
            }
            #expect(took < .seconds(1), "took \(took)")
            redis.resume()
            try await waitUntil("session-service to use Redis again", timeout: .seconds(10)) {
                (try? await fixture.client.getSession(GetSessionRequest(ticketID: ticket))) != nil
            }
            await fixture.shutdown()
        }

        @Test func aStoppedRedisComingBackIsPickedUpWithoutRestartingTheService() async throws {
            let fixture = try await SessionFixture(privateRedis: true)
            let redis = try #require(fixture.server)
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-restart"))
            try await redis.restart()
            // Every pooled connection is stale now; none of them may turn into an error for the caller.
            for index in 0..<20 {
                let session = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("m\(index)")]))
                #expect(session.session?.version == UInt64(index + 2))
            }
            await fixture.shutdown()
        }
    }
}
