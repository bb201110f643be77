import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

extension SessionServiceTests {
    /// Every RPC of session-service over its real socket against a real Redis.
    @Suite("session-service contract", .timeLimit(.minutes(2)))
    struct SessionContractTests {
        @Test func createThenGetReturnsEverythingThatWasStored() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            let before = Int64(Date().timeIntervalSince1970 * 1_000_000)
            let created = try await fixture.client.createSession(CreateSessionRequest(
                ticketID: ticket, customerID: "cust-1", state: sampleState(),
                messages: [customerMessage("Fui cobrado duas vezes", at: 1_700_000_000_000_001), customerMessage("Ajuda?")],
                requestKey: "req-1"
            ))
            #expect(!created.replayed)
            let session = try #require(created.session)
            #expect(session.ticketID == ticket && session.customerID == "cust-1")
            #expect(session.version == 1 && session.schemaVersion == 1)
            #expect(session.state == sampleState())
            #expect(session.messages.map(\.content) == ["Fui cobrado duas vezes", "Ajuda?"])
            #expect(session.messages[0].sentAtMicros == 1_700_000_000_000_001, "a caller's timestamp is kept")
            #expect(session.messages[1].sentAtMicros >= before, "a missing timestamp is assigned by the service")
            #expect(session.messageCount == 2)
            #expect(session.createdAtMicros >= before && session.updatedAtMicros == session.createdAtMicros)
            #expect(session.ttlSeconds == 7 * 24 * 3600, "the default TTL is 7 days")
            #expect(session.expiresAtMicros > session.updatedAtMicros + (7 * 24 * 3600 - 5) * 1_000_000)
            #expect(session.originRequestKey == "req-1" && session.lastRequestKey == "req-1")

            let fetched = try #require(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session)
            #expect(fetched.state == session.state && fetched.messages == session.messages && fetched.version == 1)

            // The key layout the README documents.
            let key = fixture.sessionKey(customer: "cust-1", ticket: ticket)
            #expect(try await fixture.redisCommand("TYPE", key) == "hash")
            #expect(try await fixture.redisCommand("HGET", key, "schema") == "1")
            #expect(try await fixture.redisCommand("GET", fixture.ticketKey(ticket)) == "cust-1")
            #expect(try await fixture.indexEntries(customer: "cust-1") == [ticket])
            let ttl = try #require(Int(try await fixture.redisCommand("TTL", key)))
            #expect(ttl > 7 * 24 * 3600 - 10)
            await fixture.shutdown()
        }

        @Test func createOfALiveTicketIsAlreadyExistsUnlessItIsARetry() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            let request = CreateSessionRequest(ticketID: ticket, customerID: "cust-1", messages: [customerMessage("first")], requestKey: "gw-1")
            _ = try await fixture.client.createSession(request)

            // The same request again (a gateway retry) gets the session it created, unchanged.
            let retry = try await fixture.client.createSession(request)
            #expect(retry.replayed && retry.session?.version == 1 && retry.session?.messages.count == 1)

            var other = request
            other.requestKey = "gw-2"
            #expect(await statusCode { _ = try await fixture.client.createSession(other) } == .alreadyExists)
            other.customerID = "cust-2"
            #expect(await statusCode { _ = try await fixture.client.createSession(other) } == .alreadyExists, "ticket ids are global")
            other.requestKey = ""
            #expect(await statusCode { _ = try await fixture.client.createSession(other) } == .alreadyExists)
            #expect(try await fixture.indexEntries(customer: "cust-2").isEmpty)
            await fixture.shutdown()
        }

        @Test func getOfAnUnknownTicketIsNotFound() async throws {
            let fixture = try await SessionFixture()
            #expect(await statusCode { _ = try await fixture.client.getSession(GetSessionRequest(ticketID: uniqueTicket())) } == .notFound)
            await fixture.shutdown()
        }

        @Test func updateIsACompareAndSetOnTheVersionRead() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            let created = try #require(try await fixture.client.createSession(
                CreateSessionRequest(ticketID: ticket, customerID: "cust-1", state: sampleState(step: .opened), messages: [customerMessage("hi")])
            ).session)

            let updated = try #require(try await fixture.client.updateSession(UpdateSessionRequest(
                ticketID: ticket, expectedVersion: 1, state: sampleState(step: .decided), appendMessages: [agentMessage("Olá!")],
                requestKey: "step-6"
            )).session)
            #expect(updated.version == 2 && updated.state?.step == .decided)
            #expect(updated.messages.map(\.content) == ["hi", "Olá!"] && updated.messageCount == 2)
            #expect(updated.updatedAtMicros > created.updatedAtMicros && updated.createdAtMicros == created.createdAtMicros)
            #expect(updated.lastRequestKey == "step-6" && updated.originRequestKey == "")

            // A writer that read version 1 is too late: ABORTED, and nothing changes.
            let stale = UpdateSessionRequest(ticketID: ticket, expectedVersion: 1, state: sampleState(step: .persisting),
                                             appendMessages: [agentMessage("lost")], requestKey: "other")
            #expect(await statusCode { _ = try await fixture.client.updateSession(stale) } == .aborted)
            let after = try #require(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session)
            #expect(comparable(after) == comparable(updated))

            // A retry of the write that was applied is recognised by its request key.
            let retry = try await fixture.client.updateSession(UpdateSessionRequest(
                ticketID: ticket, expectedVersion: 1, state: sampleState(step: .decided), appendMessages: [agentMessage("Olá!")],
                requestKey: "step-6"
            ))
            #expect(retry.replayed && retry.session?.version == 2 && retry.session?.messages.count == 2)

            #expect(await statusCode {
                _ = try await fixture.client.updateSession(UpdateSessionRequest(ticketID: uniqueTicket(), expectedVersion: 1, state: SessionState()))
            } == .notFound)
            #expect(await statusCode {
                _ = try await fixture.client.updateSession(UpdateSessionRequest(ticketID: ticket, expectedVersion: 0, state: SessionState()))
            } == .invalidArgument)
            #expect(await statusCode { _ = try await fixture.client.updateSession(UpdateSessionRequest(ticketID: ticket, expectedVersion: 2)) }
                    == .invalidArgument, "an update without a state")
            await fixture.shutdown()
        }

        @Test func appendMessagesBumpsTheVersionAndReturnsTheNewSession() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-1", state: sampleState()))
            let first = try #require(try await fixture.client.appendMessages(
                AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("one"), customerMessage("two")], requestKey: "m1")
            ).session)
            #expect(first.version == 2 && first.messages.map(\.content) == ["one", "two"] && first.state == sampleState())
            #expect(first.messages[0].sentAtMicros < first.messages[1].sentAtMicros, "service timestamps strictly increase")

            let retry = try await fixture.client.appendMessages(
                AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("one"), customerMessage("two")], requestKey: "m1"))
            #expect(retry.replayed && retry.session?.version == 2 && retry.session?.messageCount == 2)

            let second = try #require(try await fixture.client.appendMessages(
                AppendMessagesRequest(ticketID: ticket, messages: [agentMessage("three")])).session)
            #expect(second.version == 3 && second.messages.map(\.content) == ["one", "two", "three"])

            #expect(await statusCode { _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket)) } == .invalidArgument)
            #expect(await statusCode {
                _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [SessionMessage(content: "no role")]))
            } == .invalidArgument)
            #expect(await statusCode {
                _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: uniqueTicket(), messages: [customerMessage("x")]))
            } == .notFound)
            await fixture.shutdown()
        }

        @Test func listActiveSessionsIsNewestFirstAndBounded() async throws {
            let fixture = try await SessionFixture()
            var tickets: [String] = []
            for index in 0..<5 {
                let ticket = uniqueTicket("L\(index)")
                tickets.append(ticket)
                _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-list",
                                                                                messages: [customerMessage("m\(index)")]))
            }
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: uniqueTicket(), customerID: "someone-else"))
            // Activity on the oldest moves it to the front.
            _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: tickets[0], messages: [customerMessage("again")]))

            let all = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: "cust-list"))
            #expect(all.sessions.map(\.ticketID) == [tickets[0], tickets[4], tickets[3], tickets[2], tickets[1]])
            #expect(!all.hasMore)
            #expect(all.sessions.allSatisfy { $0.messages.isEmpty && $0.messageCount >= 1 }, "messages only when asked for")
            #expect(all.sessions[0].messageCount == 2)

            let two = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: "cust-list", limit: 2, includeMessages: true))
            #expect(two.sessions.map(\.ticketID) == [tickets[0], tickets[4]] && two.hasMore)
            #expect(two.sessions[0].messages.map(\.content) == ["m0", "again"])

            let none = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: "nobody"))
            #expect(none.sessions.isEmpty && !none.hasMore)
            #expect(await statusCode {
                _ = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: "cust-list", limit: 1001))
            } == .invalidArgument)
            await fixture.shutdown()
        }

        /// One call answers both "which tickets does this customer have open" and "does this ticket
        /// exist": the ticket is found whoever its customer is and whether or not it made the list.
        @Test func listActiveSessionsAlsoLooksATicketUp() async throws {
            let fixture = try await SessionFixture()
            let customer = "cust-lookup-\(uniqueTicket())"
            let tickets = [uniqueTicket("A"), uniqueTicket("B")]
            for ticket in tickets {
                _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: customer,
                                                                                messages: [customerMessage("about \(ticket)")]))
            }
            let foreign = uniqueTicket("F")
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: foreign, customerID: "someone-else",
                                                                            messages: [customerMessage("theirs")]))

            let plain = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer))
            #expect(!plain.ticketLookedUp && plain.ticket == nil)

            // The older ticket, beyond a limit of one, messages included as GetSession gives them.
            let own = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer, limit: 1, ticketID: tickets[0]))
            #expect(own.sessions.map(\.ticketID) == [tickets[1]] && own.hasMore)
            let direct = try await fixture.client.getSession(GetSessionRequest(ticketID: tickets[0])).session
            #expect(own.ticketLookedUp && own.ticket?.ticketID == tickets[0] && own.ticket?.version == direct?.version
                    && own.ticket?.state == direct?.state && own.ticket?.customerID == customer)
            #expect(own.ticket?.messages.map(\.content) == ["about \(tickets[0])"])

            let other = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer, ticketID: foreign))
            #expect(other.ticketLookedUp && other.ticket?.customerID == "someone-else")
            #expect(other.sessions.map(\.ticketID).sorted() == tickets.sorted(), "the lookup does not join the list")

            let missing = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer, ticketID: uniqueTicket()))
            #expect(missing.ticketLookedUp && missing.ticket == nil && missing.sessions.count == 2)
            #expect(await statusCode {
                _ = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer, ticketID: "not a ticket id"))
            } == .invalidArgument)
            await fixture.shutdown()
        }

        @Test func deleteIsIdempotentAndRemovesTheIndexEntry() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-del", messages: [customerMessage("x")]))
            _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("y")]))

            // A delete that expects the version it persisted must not drop a follow-up that came after.
            #expect(await statusCode { _ = try await fixture.client.deleteSession(DeleteSessionRequest(ticketID: ticket, expectedVersion: 1)) }
                    == .aborted)
            #expect(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session?.version == 2)

            #expect(try await fixture.client.deleteSession(DeleteSessionRequest(ticketID: ticket, expectedVersion: 2)).deleted)
            #expect(try await fixture.client.deleteSession(DeleteSessionRequest(ticketID: ticket)).deleted == false)
            #expect(await statusCode { _ = try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)) } == .notFound)
            #expect(try await fixture.indexEntries(customer: "cust-del").isEmpty)
            #expect(try await fixture.redisCommand("EXISTS", fixture.sessionKey(customer: "cust-del", ticket: ticket), fixture.ticketKey(ticket)) == "0")
            #expect(try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: "cust-del")).sessions.isEmpty)

            // The ticket id is free again.
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-del"))
            await fixture.shutdown()
        }

        @Test func invalidRequestsAreRejectedBeforeRedis() async throws {
            let fixture = try await SessionFixture()
            let client = fixture.client
            #expect(await statusCode { _ = try await client.getSession(GetSessionRequest(ticketID: "")) } == .invalidArgument)
            #expect(await statusCode { _ = try await client.getSession(GetSessionRequest(ticketID: "a:b")) } == .invalidArgument)
            #expect(await statusCode { _ = try await client.createSession(CreateSessionRequest(ticketID: uniqueTicket(), customerID: "")) }
                    == .invalidArgument)
            #expect(await statusCode {
                _ = try await client.createSession(CreateSessionRequest(ticketID: uniqueTicket(), customerID: "c", ttlSeconds: 400 * 24 * 3600))
            } == .invalidArgument)
            #expect(await statusCode { _ = try await client.listActiveSessions(ListActiveSessionsRequest(customerID: "bad\nid")) } == .invalidArgument)
            #expect(try await fixture.redisCommand("KEYS", "\(fixture.prefix):*").isEmpty, "nothing was written")
            await fixture.shutdown()
        }

        @Test func aSessionCannotGrowPastTheSizeLimit() async throws {
            let fixture = try await SessionFixture(environment: ["SESSION_MAX_BYTES": "4096"])
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "c", messages: [customerMessage("hi")]))
            let big = customerMessage(String(repeating: "x", count: 3000))
            let first = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [big]))
            #expect(first.session?.version == 2)
            #expect(await statusCode { _ = try await fixture.client.appendMessages(AppendMessagesRequest(ticketID: ticket, messages: [big])) }
                    == .resourceExhausted)
            #expect(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session?.messageCount == 2)
            await fixture.shutdown()
        }

        @Test func healthReportsRedis() async throws {
            let fixture = try await SessionFixture()
            let health = try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest())
            #expect(health.status == .serving)
            #expect(health.dependencies.map(\.name) == ["redis"] && health.dependencies[0].status == .serving)
            await fixture.shutdown()
        }

        @Test func badConfigurationStopsTheServiceWithStatus78() async throws {
            let directory = try TestPaths.makeTemporaryDirectory("sess-cfg")
            for environment in [["REDIS_PORT": "70000"], ["SESSION_TTL_SECONDS": "0"], ["REDIS_KEY_PREFIX": "has space"],
                                ["REDIS_POOL_SIZE": "0"], ["REDIS_USERNAME": "u"], ["REDIS_REPLY_POLL_US": "20000"]] {
                let process = try ServiceProcess("session-service", environment: environment.merging(["TRIAGE_SOCKET_DIR": directory]) { $1 },
                                                 logDirectory: directory)
                #expect(try await process.waitForExit() == 78, "\(environment)")
                #expect(process.log.contains(environment.keys.first!), "the message names the setting: \(process.log)")
            }
        }
    }
}
