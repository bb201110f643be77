import Synchronization
import TestSupport
import Testing
import TriageContracts
import TriageRPC

extension SessionServiceTests {
    /// Writers racing on one session: compare-and-set has exactly one winner, appends lose nothing.
    @Suite("session-service concurrency", .timeLimit(.minutes(2)))
    struct SessionConcurrencyTests {
        @Test func twoUpdatesFromTheSameVersionHaveExactlyOneWinner() async throws {
            let fixture = try await SessionFixture()
            for round in 0..<10 {
                let ticket = uniqueTicket("CAS\(round)")
                _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-cas", state: sampleState(step: .opened)))
                let outcomes = try await withThrowingTaskGroup(of: (String, RPCError.Code?).self) { group in
                    for writer in ["a", "b"] {
                        group.addTask {
                            let code = await statusCode {
                                _ = try await fixture.client.updateSession(UpdateSessionRequest(
                                    ticketID: ticket, expectedVersion: 1, state: sampleState(step: .classified, urgency: writer),
                                    appendMessages: [agentMessage("from \(writer)")]))
                            }
                            return (writer, code)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let winners = outcomes.filter { $0.1 == nil }.map(\.0)
                #expect(winners.count == 1, "round \(round): \(outcomes)")
                #expect(outcomes.filter { $0.1 == .aborted }.count == 1, "round \(round): \(outcomes)")
                let session = try #require(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session)
                #expect(session.version == 2)
                #expect(session.state?.triage?.urgency == winners.first, "the stored state is the winner's")
                #expect(session.messages.map(\.content) == winners.map { "from \($0)" }, "the loser appended nothing")
            }
            await fixture.shutdown()
        }

        @Test func manyWritersFromOneVersionStillHaveOneWinner() async throws {
            let fixture = try await SessionFixture()
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-cas"))
            let codes = try await withThrowingTaskGroup(of: RPCError.Code?.self) { group in
                for writer in 0..<20 {
                    group.addTask {
                        await statusCode {
                            _ = try await fixture.client.updateSession(UpdateSessionRequest(
                                ticketID: ticket, expectedVersion: 1, state: SessionState(language: "w\(writer)")))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(codes.filter { $0 == nil }.count == 1)
            #expect(codes.filter { $0 == .aborted }.count == 19)
            #expect(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session?.version == 2)
            await fixture.shutdown()
        }

        /// With the event loop polling for Redis' replies (`REDIS_REPLY_POLL_US`, the default) and without.
        @Test(arguments: ["0", "300"])
        func hundredConcurrentAppendsToOneTicketLoseNothing(replyPollMicros: String) async throws {
            let fixture = try await SessionFixture(environment: ["REDIS_REPLY_POLL_US": replyPollMicros])
            let ticket = uniqueTicket()
            _ = try await fixture.client.createSession(CreateSessionRequest(ticketID: ticket, customerID: "cust-append"))
            let results = try await withThrowingTaskGroup(of: (Int, SessionRecord).self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let response = try await fixture.client.appendMessages(
                            AppendMessagesRequest(ticketID: ticket, messages: [customerMessage("message \(index)")]))
                        return (index, try #require(response.session))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Every append got its own version, 2...101, and saw its own message last.
            let versions = results.map(\.1.version).sorted()
            #expect(versions == Array(2...101))
            for (index, session) in results {
                #expect(session.messages.count == Int(session.version) - 1)
                #expect(session.messages.last?.content == "message \(index)")
            }
            // The final session holds all 100, in the order the versions were assigned.
            let final = try #require(try await fixture.client.getSession(GetSessionRequest(ticketID: ticket)).session)
            #expect(final.version == 101 && final.messageCount == 100 && final.messages.count == 100)
            let byVersion = results.sorted { $0.1.version < $1.1.version }.map { "message \($0.0)" }
            #expect(final.messages.map(\.content) == byVersion)
            // Stamped before the race to Redis: unique, though not necessarily in version order.
            #expect(Set(final.messages.map(\.sentAtMicros)).count == 100, "no two service timestamps are equal")
            await fixture.shutdown()
        }
    }
}
