import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

/// Every validation rule of every RPC, over the socket: INVALID_ARGUMENT naming the field.
/// One service serves all cases of a test (starting one per case would only be slower).
@Suite("Validation over the socket", .timeLimit(.minutes(2)))
struct ValidationTests {
    static let customerCases: [(String, @Sendable (inout CustomerRecord) -> Void)] = [
        ("customer.id", { $0.id = "" }),
        ("customer.id", { $0.id = String(repeating: "x", count: 256) }),
        ("customer.id", { $0.id = "tab\there" }),
        ("customer.name", { $0.name = "" }),
        ("customer.name", { $0.name = "   " }),
        ("customer.name", { $0.name = String(repeating: "n", count: 256) }),
        ("customer.email", { $0.email = "" }),
        ("customer.email", { $0.email = "no-at-sign.example" }),
        ("customer.email", { $0.email = "two@@signs.example" }),
        ("customer.email", { $0.email = "@nolocal.example" }),
        ("customer.email", { $0.email = "nodot@example" }),
        ("customer.email", { $0.email = "empty@label..example" }),
        ("customer.email", { $0.email = "space in@side.example" }),
        ("customer.email", { $0.email = "long@" + String(repeating: "d", count: 250) + ".example" }),
        ("customer.plan", { $0.plan = .unspecified }),
        ("customer.plan", { $0.plan = .unrecognized(9) }),
        ("customer.tenure_months", { $0.tenureMonths = -1 }),
        ("customer.region", { $0.region = String(repeating: "R", count: 51) }),
        ("customer.seats", { $0.seats = -3 }),
    ]

    @Test func upsertCustomerRejectsEachBadField() async throws {
        try await CustomerFixture.with { fixture async throws in
            for (field, mutate) in Self.customerCases {
                var customer = sampleCustomer()
                mutate(&customer)
                let error = await rpcError { _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: customer)) }
                #expect(error?.code == .invalidArgument, "\(field): \(String(describing: error))")
                #expect(error?.message.hasPrefix(field + ":") == true, "\(field): \(error?.message ?? "no error")")
            }
            let missing = await rpcError { _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest()) }
            #expect(missing?.code == .invalidArgument && missing?.message.hasPrefix("customer:") == true)
            #expect(try await fixture.database.query("SELECT count(*) FROM customers") == [["0"]], "nothing invalid was stored")
            // Boundaries that are allowed.
            var edge = sampleCustomer()
            edge.tenureMonths = 0
            edge.region = String(repeating: "R", count: 50)
            edge.email = "a@b.co"
            #expect(try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: edge)).created)
        }
    }

    static let conversationCases: [(String, @Sendable (inout SaveConversationRequest) -> Void)] = [
        ("ticket_id", { $0.ticketID = "" }),
        ("ticket_id", { $0.ticketID = String(repeating: "t", count: 256) }),
        ("customer_id", { $0.customerID = "" }),
        ("customer_id", { $0.customerID = "line\nbreak" }),
        ("messages", { $0.messages = [] }),
        ("messages", { $0.messages = Array(repeating: message(.customer, "x"), count: 10_001) }),
        ("messages[1].role", { $0.messages[1].role = .unspecified }),
        ("messages[0].role", { $0.messages[0].role = .unrecognized(42) }),
        ("messages[1].created_at_micros", { $0.messages[1].createdAtMicros = -5 }),
        ("messages[0].created_at_micros", { $0.messages[0].createdAtMicros = 253_402_300_800_000_000 }),
    ]

    @Test func saveConversationRejectsEachBadField() async throws {
        try await CustomerFixture.with { fixture async throws in
            for (field, mutate) in Self.conversationCases {
                var request = SaveConversationRequest(ticketID: uniqueID("TKT"), customerID: "c-1",
                                                      messages: [message(.customer, "help"), message(.reply, "sure")])
                mutate(&request)
                let error = await rpcError { _ = try await fixture.client.saveConversation(request) }
                #expect(error?.code == .invalidArgument, "\(field): \(String(describing: error))")
                #expect(error?.message.hasPrefix(field + ":") == true, "\(field): \(error?.message ?? "no error")")
            }
            #expect(try await fixture.database.query("SELECT count(*) FROM chat_messages") == [["0"]])
        }
    }

    @Test func idsAreCheckedOnEveryLookup() async throws {
        try await CustomerFixture.with { fixture async throws in
            let client = fixture.client
            let calls: [(String, () async throws -> Void)] = [
                ("customer_id", { _ = try await client.getCustomer(GetCustomerRequest()) }),
                ("ticket_id", { _ = try await client.getConversation(GetConversationRequest(ticketID: "")) }),
                ("customer_id", { _ = try await client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "")) }),
                ("ticket_id", { _ = try await client.listTriageDecisions(ListTriageDecisionsRequest()) }),
                ("plan", { _ = try await client.listCustomers(ListCustomersRequest(plan: .unrecognized(7))) }),
                ("decision", { _ = try await client.recordTriageDecision(RecordTriageDecisionRequest()) }),
            ]
            for (field, call) in calls {
                let error = await rpcError(call)
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix(field + ":") == true,
                        "\(field): \(String(describing: error))")
            }
        }
    }
}
