import TestSupport
import Testing
import TriageContracts
import TriageRPC

extension SessionServiceTests {
    /// Sessions, ticket lookups and customer indexes stay consistent through create, append, delete
    /// and expiry, with a 1 s TTL on a private Redis.
    @Suite("session-service index and expiry", .timeLimit(.minutes(2)))
    struct SessionExpiryTests {
        @Test func indexFollowsCreateAppendDeleteAndExpiry() async throws {
            let fixture = try await SessionFixture(privateRedis: true, environment: ["SESSION_TTL_SECONDS": "1"])
            let customer = "cust-ttl"
            let (a, b, c) = (uniqueTicket("A"), uniqueTicket("B"), uniqueTicket("C"))
            for ticket in [a, b, c] {
                let session = try #require(try await fixture.client.createSession(
                    CreateSessionRequest(ticketID: ticket, customerID: customer, messages: [customerMessage("hi")])).session)
                #expect(session.ttlSeconds == 1)
            }
            #expect(try await fixture.indexEntries(customer: customer) == [c, b, a])
            for ticket in [a, b, c] {
                for key in [fixture.sessionKey(customer: customer, ticket: ticket), fixture.ticketKey(ticket)] {
                    let pttl = try #require(Int(try await fixture.redisCommand("PTTL", key)))
                    #expect(pttl > 0 && pttl <= 1000, "\(key) expires with the session")
                }
            }
            #expect(try #require(Int(try await fixture.redisCommand("PTTL", fixture.indexKey(customer: customer)))) > 0)

            // Activity moves a session to the front of its customer's index, scored by its update time.
            let appended = try #require(try await fixture.client.appendMessages(
                AppendMessagesRequest(ticketID: a, messages: [customerMessage("again")])).session)
            #expect(try await fixture.indexEntries(customer: customer) == [a, c, b])
            #expect(try await fixture.redisCommand("ZSCORE", fixture.indexKey(customer: customer), a) == String(appended.updatedAtMicros))

            _ = try await fixture.client.deleteSession(DeleteSessionRequest(ticketID: b))
            #expect(try await fixture.indexEntries(customer: customer) == [a, c])
            #expect(try await fixture.redisCommand("EXISTS", fixture.sessionKey(customer: customer, ticket: b), fixture.ticketKey(b)) == "0")

            // Every write refreshes the TTL: A outlives C by being written to.
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(300))
                _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: a, messages: [customerMessage("still here")]))
            }
            #expect(await statusCode { _ = try await fixture.client.getSession(GetSessionRequest(ticketID: c)) } == .notFound)
            let listed = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer))
            #expect(listed.sessions.map(\.ticketID) == [a])
            #expect(try await fixture.indexEntries(customer: customer) == [a])
            #expect(try await fixture.redisCommand("EXISTS", fixture.ticketKey(c)) == "0")

            // Abandoned: everything of A goes too.
            try await Task.sleep(for: .milliseconds(1300))
            #expect(await statusCode { _ = try await fixture.client.getSession(GetSessionRequest(ticketID: a)) } == .notFound)
            #expect(try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer)).sessions.isEmpty)
            #expect(try await fixture.redisCommand("EXISTS", fixture.indexKey(customer: customer), fixture.ticketKey(a),
                                                   fixture.sessionKey(customer: customer, ticket: a)) == "0")
            await fixture.shutdown()
        }

        @Test func aListNeverReturnsAnExpiredSessionAndPrunesItsIndexEntry() async throws {
            let fixture = try await SessionFixture(privateRedis: true, environment: ["SESSION_TTL_SECONDS": "1"])
            let customer = "cust-lazy"
            let (short, long) = (uniqueTicket("S"), uniqueTicket("L"))
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: long, customerID: customer, ttlSeconds: 60))
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: short, customerID: customer))
            try await Task.sleep(for: .milliseconds(1300))

            // The index lives as long as its longest-lived session, so the dead entry is still there...
            #expect(try await fixture.redisCommand("EXISTS", fixture.sessionKey(customer: customer, ticket: short)) == "0")
            #expect(try await fixture.indexEntries(customer: customer) == [short, long])
            // ...until a list skips it and removes it.
            let listed = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer, limit: 1))
            #expect(listed.sessions.map(\.ticketID) == [long] && !listed.hasMore)
            #expect(try await fixture.indexEntries(customer: customer) == [long])
            #expect(try #require(Int(try await fixture.redisCommand("TTL", fixture.indexKey(customer: customer)))) > 50)

            // A ticket whose session expired can be opened again, by anyone.
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: short, customerID: "cust-other"))
            #expect(try await fixture.client.getSession(GetSessionRequest(ticketID: short)).session?.customerID == "cust-other")
            await fixture.shutdown()
        }
    }
}
