import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

@Suite("A customer's completed tickets over the socket", .timeLimit(.minutes(2)))
struct TicketListTests {
    /// Saves a ticket of `count` messages whose last one is at `last`.
    private func save(_ fixture: CustomerFixture, _ ticket: String, customer: String, count: Int = 2, last: Int64) async throws {
        let messages = (0..<count).map { message(.customer, "m\($0)", at: last - Int64(count - 1 - $0) * 1_000_000) }
        _ = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: ticket, customerID: customer, messages: messages))
    }

    @Test func ticketsComeNewestFirstAPageAtATime() async throws {
        try await CustomerFixture.with { fixture in
            for index in 1...5 {
                try await save(fixture, "TKT-\(index)", customer: "c-1", count: index, last: novemberFifteenth + Int64(index) * 60_000_000)
            }
            try await save(fixture, "TKT-other", customer: "c-2", last: novemberFifteenth + 999_000_000)
            let first = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1", pageSize: 2))
            #expect(first.tickets.map(\.ticketID) == ["TKT-5", "TKT-4"])
            let five = try #require(first.tickets.first)
            #expect(five.customerID == "c-1" && five.messageCount == 5)
            #expect(five.lastMessageAtMicros == novemberFifteenth + 300_000_000)
            #expect(five.firstMessageAtMicros == novemberFifteenth + 296_000_000)
            #expect(five.completedAtMicros > 0)
            let second = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1", pageSize: 2, cursor: first.nextCursor))
            #expect(second.tickets.map(\.ticketID) == ["TKT-3", "TKT-2"])
            let third = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1", pageSize: 2, cursor: second.nextCursor))
            #expect(third.tickets.map(\.ticketID) == ["TKT-1"] && third.nextCursor.isEmpty)
            // GetCustomer counts them too.
            _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: sampleCustomer("c-1")))
            #expect(try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")).customer?.completedTickets == 5)
        }
    }

    @Test func ticketsWithTheSameLastTimeAreNeitherSkippedNorRepeated() async throws {
        try await CustomerFixture.with { fixture in
            let ids = (0..<7).map { "TKT-\($0)" }
            for id in ids { try await save(fixture, id, customer: "c-1", count: 1, last: novemberFifteenth) }
            var seen: [String] = []
            var cursor = ""
            repeat {
                let page = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1", pageSize: 3, cursor: cursor))
                seen += page.tickets.map(\.ticketID)
                cursor = page.nextCursor
            } while !cursor.isEmpty && seen.count < 20
            #expect(seen == ids.reversed())
        }
    }

    @Test func aCustomerWithoutTicketsHasAnEmptyListAndBadCursorsAreRefused() async throws {
        try await CustomerFixture.with { fixture in
            let none = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "nobody"))
            #expect(none.tickets.isEmpty && none.nextCursor.isEmpty)
            let customersCursor = PageCursorText.customers("c-1")
            for cursor in ["garbage", customersCursor, PageCursorText.tickets("not-a-number", "TKT-1")] {
                let error = await rpcError {
                    _ = try await fixture.client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1", cursor: cursor))
                }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix("cursor") == true, "\(cursor): \(String(describing: error))")
            }
        }
    }
}
