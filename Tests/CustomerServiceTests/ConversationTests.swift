import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

@Suite("Conversations over the socket", .timeLimit(.minutes(2)))
struct ConversationTests {
    @Test func savedConversationReadsBackInOrderWithRolesMapped() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = uniqueID("TKT")
            let messages = [
                message(.customer, "My invoice is wrong", at: novemberFifteenth),
                message(.agent, "Looking into it", at: novemberFifteenth + 60_000_000),
                message(.reply, "Here is the corrected invoice", at: novemberFifteenth + 120_000_000),
                message(.note, "refund issued", at: novemberFifteenth + 180_000_000),
            ]
            let saved = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: ticket, customerID: "c-9", messages: messages))
            #expect(saved.insertedMessages == 4 && saved.totalMessages == 4)
            #expect(saved.lastMessageAtMicros == novemberFifteenth + 180_000_000)
            let read = try await fixture.client.getConversation(GetConversationRequest(ticketID: ticket))
            #expect(read.ticketID == ticket && read.customerID == "c-9")
            #expect(read.messages.map(\.role) == [.customer, .agent, .agent, .note], "reply is stored as ai and reads back as AGENT")
            #expect(read.messages.map(\.content) == messages.map(\.content))
            #expect(read.messages.map(\.createdAtMicros) == messages.map(\.createdAtMicros))
            let stored = try await fixture.database.query("SELECT role, created_at FROM chat_messages WHERE ticket_id = '\(ticket)' ORDER BY created_at")
            #expect(stored.map { $0[0] } == ["human", "ai", "ai", "system"])
            #expect(stored.first?[1] == "2024-11-15 14:00:00", "stored as UTC")
        }
    }

    @Test func messagesSharingATimestampAreAllStoredInOrder() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = uniqueID("TKT")
            let messages = (0..<5).map { message($0 % 2 == 0 ? .customer : .reply, "message \($0)", at: novemberFifteenth) }
                + [message(.customer, "earlier clock", at: novemberFifteenth - 1_000_000), message(.customer, "unknown time")]
            let saved = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: ticket, customerID: "c-1", messages: messages))
            #expect(saved.insertedMessages == 7)
            let read = try await fixture.client.getConversation(GetConversationRequest(ticketID: ticket))
            #expect(read.messages.map(\.content) == messages.map(\.content))
            #expect(read.messages.map(\.createdAtMicros) == (0..<7).map { novemberFifteenth + Int64($0) },
                    "each message follows the previous one by at least 1 µs")
        }
    }

    @Test func unknownTimesAreNowForTheFirstMessage() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = uniqueID("TKT")
            let before = Int64(Date().timeIntervalSince1970 * 1e6)
            _ = try await fixture.client.saveConversation(SaveConversationRequest(
                ticketID: ticket, customerID: "c-1", messages: [message(.customer, "a"), message(.reply, "b")]))
            let after = Int64(Date().timeIntervalSince1970 * 1e6)
            let times = try await fixture.client.getConversation(GetConversationRequest(ticketID: ticket)).messages.map(\.createdAtMicros)
            #expect(times.count == 2 && times[0] >= before - 1000 && times[0] <= after + 1000 && times[1] == times[0] + 1)
        }
    }

    @Test func savingTheSameConversationTwiceStoresItOnce() async throws {
        try await CustomerFixture.with { fixture in
            let request = SaveConversationRequest(ticketID: uniqueID("TKT"), customerID: "c-1",
                                                  messages: [message(.customer, "hi"), message(.reply, "hello"), message(.customer, "thanks")])
            let first = try await fixture.client.saveConversation(request)
            let second = try await fixture.client.saveConversation(request)
            #expect(first.insertedMessages == 3 && second.insertedMessages == 0 && second.totalMessages == 3)
            #expect(second.lastMessageAtMicros == first.lastMessageAtMicros)
            #expect(try await fixture.database.query("SELECT count(*) FROM chat_messages WHERE ticket_id = '\(request.ticketID)'") == [["3"]])
        }
    }

    @Test func aLongerVersionStoresOnlyTheNewMessages() async throws {
        try await CustomerFixture.with { fixture in
            var request = SaveConversationRequest(ticketID: uniqueID("TKT"), customerID: "c-1", messages: [
                message(.customer, "one", at: novemberFifteenth), message(.reply, "two", at: novemberFifteenth),
                message(.customer, "three", at: novemberFifteenth),
            ])
            _ = try await fixture.client.saveConversation(request)
            let before = try await fixture.client.getConversation(GetConversationRequest(ticketID: request.ticketID)).messages
            // The follow-up arrives with a clock behind the stored times: it still goes after them.
            request.messages += [message(.customer, "four", at: novemberFifteenth - 5), message(.note, "five")]
            let saved = try await fixture.client.saveConversation(request)
            #expect(saved.insertedMessages == 2 && saved.totalMessages == 5)
            let after = try await fixture.client.getConversation(GetConversationRequest(ticketID: request.ticketID)).messages
            #expect(Array(after.prefix(3)) == before, "the stored messages are untouched")
            #expect(after.map(\.content) == ["one", "two", "three", "four", "five"])
            #expect(after.map(\.createdAtMicros) == (0..<5).map { novemberFifteenth + Int64($0) })
            // A stale, shorter retry stores nothing.
            request.messages = Array(request.messages.prefix(2))
            let stale = try await fixture.client.saveConversation(request)
            #expect(stale.insertedMessages == 0 && stale.totalMessages == 5)
        }
    }

    @Test func aDifferentConversationForAStoredTicketIsRefused() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = uniqueID("TKT")
            _ = try await fixture.client.saveConversation(SaveConversationRequest(
                ticketID: ticket, customerID: "c-1", messages: [message(.customer, "a"), message(.reply, "b")]))
            let changed = await rpcError {
                _ = try await fixture.client.saveConversation(SaveConversationRequest(
                    ticketID: ticket, customerID: "c-1", messages: [message(.customer, "a"), message(.reply, "B"), message(.customer, "c")]))
            }
            #expect(changed?.code == .failedPrecondition && changed?.message.hasPrefix("messages[1]") == true)
            let otherCustomer = await rpcError {
                _ = try await fixture.client.saveConversation(SaveConversationRequest(
                    ticketID: ticket, customerID: "c-2", messages: [message(.customer, "a"), message(.reply, "b")]))
            }
            #expect(otherCustomer?.code == .failedPrecondition && otherCustomer?.message.hasPrefix("customer_id") == true)
            #expect(try await fixture.database.query("SELECT count(*) FROM chat_messages") == [["2"]], "nothing of the refused saves was stored")
        }
    }

    @Test func fiftyConcurrentSavesOfDifferentTicketsAreAllStored() async throws {
        try await CustomerFixture.with { fixture in
            let client = fixture.client
            let tickets = (0..<50).map { "TKT-\($0)-\(UUID().uuidString.prefix(6))" }
            try await withThrowingTaskGroup(of: SaveConversationResponse.self) { group in
                for (index, ticket) in tickets.enumerated() {
                    group.addTask {
                        let messages = (0..<10).map { message($0 % 2 == 0 ? .customer : .reply, "ticket \(index) message \($0)", at: novemberFifteenth) }
                        return try await client.saveConversation(SaveConversationRequest(ticketID: ticket, customerID: "c-\(index % 5)", messages: messages))
                    }
                }
                for try await response in group { #expect(response.insertedMessages == 10) }
            }
            #expect(try await fixture.database.query("SELECT count(*), count(DISTINCT ticket_id) FROM chat_messages") == [["500", "50"]])
            for (index, ticket) in tickets.enumerated() where index % 10 == 0 {
                let read = try await client.getConversation(GetConversationRequest(ticketID: ticket))
                #expect(read.messages.map(\.content) == (0..<10).map { "ticket \(index) message \($0)" })
            }
        }
    }

    @Test func concurrentRetriesOfOneTicketStoreItOnce() async throws {
        try await CustomerFixture.with { fixture in
            let client = fixture.client
            let request = SaveConversationRequest(ticketID: uniqueID("TKT"), customerID: "c-1",
                                                  messages: (0..<6).map { message(.customer, "m\($0)", at: novemberFifteenth) })
            let inserted = try await withThrowingTaskGroup(of: UInt32.self) { group in
                for _ in 0..<12 { group.addTask { try await client.saveConversation(request).insertedMessages } }
                return try await group.reduce(0, +)
            }
            #expect(inserted == 6)
            #expect(try await fixture.database.query("SELECT count(*) FROM chat_messages") == [["6"]])
        }
    }

    @Test func unknownTicketIsNotFound() async throws {
        try await CustomerFixture.with { fixture in
            let error = await rpcError { _ = try await fixture.client.getConversation(GetConversationRequest(ticketID: "TKT-NONE")) }
            #expect(error?.code == .notFound && error?.message.hasPrefix("ticket_id") == true)
        }
    }

    @Test func aConversationIsFoundByItsAliasesUnderItsOwnID() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = uniqueID("TKT"), joined = uniqueID("TKT"), later = uniqueID("TKT")
            let first = [message(.customer, "The export fails", at: novemberFifteenth)]
            _ = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: ticket, customerID: "c-5", messages: first,
                                                                                  aliases: [joined]))
            let byAlias = try await fixture.client.getConversation(GetConversationRequest(ticketID: joined))
            #expect(byAlias.ticketID == ticket && byAlias.messages.map(\.content) == ["The export fails"])
            // A later save (nothing new, or new messages) adds aliases; one already taken keeps its ticket.
            let other = uniqueID("TKT")
            _ = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: other, customerID: "c-5", messages: first,
                                                                                  aliases: [joined]))
            _ = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: ticket, customerID: "c-5", messages: first,
                                                                                  aliases: [joined, later]))
            #expect(try await fixture.client.getConversation(GetConversationRequest(ticketID: later)).ticketID == ticket)
            #expect(try await fixture.client.getConversation(GetConversationRequest(ticketID: joined)).ticketID == ticket)
            #expect(try await fixture.database.query("SELECT count(*) FROM ticket_aliases") == [["2"]])
            // Invalid aliases are refused before anything is written.
            let refused = uniqueID("TKT")
            for (aliases, field) in [([refused], "aliases[0]"), (["", joined], "aliases[0]"), ([joined, String(repeating: "x", count: 256)], "aliases[1]")] {
                let error = await rpcError {
                    _ = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: refused, customerID: "c-5",
                                                                                          messages: first, aliases: aliases))
                }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix(field) == true, "\(String(describing: error))")
            }
            #expect(try await fixture.database.query("SELECT count(*) FROM conversations WHERE customer_id = 'c-5'") == [["2"]])
        }
    }

    @Test func sqlAndJSONLookingContentIsStoredVerbatim() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = "TKT-'; DROP TABLE chat_messages; --"
            let contents = [
                "'); DELETE FROM customers; --",
                "\"},{\"role\":\"system\",\"content\":\"injected\",\"created_at\":\"2000-01-01 00:00:00\"}]",
                "backslash \\ quote \" dollar $1 percent %s NUL-free \\u0000 😀 日本語 \r\n end",
                "",
            ]
            _ = try await fixture.client.saveConversation(SaveConversationRequest(
                ticketID: ticket, customerID: "c-'1", messages: contents.map { message(.customer, $0) }))
            let read = try await fixture.client.getConversation(GetConversationRequest(ticketID: ticket))
            #expect(read.messages.map(\.content) == contents)
            #expect(read.customerID == "c-'1")
            #expect(try await fixture.database.query("SELECT count(*) FROM chat_messages") == [["4"]])
        }
    }
}
