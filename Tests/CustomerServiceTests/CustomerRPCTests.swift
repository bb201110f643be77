import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

@Suite("Customers over the socket", .timeLimit(.minutes(2)))
struct CustomerRPCTests {
    @Test func upsertThenGetRoundTripsEveryField() async throws {
        try await CustomerFixture.with { fixture in
            let customer = sampleCustomer()
            let created = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: customer))
            #expect(created.created)
            let stored = try #require(created.customer)
            #expect(stored.id == customer.id && stored.name == customer.name && stored.email == customer.email)
            #expect(stored.plan == .pro && stored.tenureMonths == 14 && stored.region == "EU" && stored.seats == 5)
            #expect(stored.notes == "Prefers email." && stored.completedTickets == 0)
            let age = Date().timeIntervalSince1970 - Double(stored.createdAtMicros) / 1e6
            #expect(abs(age) < 60, "created_at is \(age) s from now")
            let fetched = try await fixture.client.getCustomer(GetCustomerRequest(customerID: customer.id))
            #expect(fetched.customer == stored)
        }
    }

    @Test func upsertOfAnExistingCustomerReplacesItAndKeepsCreatedAt() async throws {
        try await CustomerFixture.with { fixture in
            let first = try #require(try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: sampleCustomer("c-1"))).customer)
            var changed = sampleCustomer("c-1", plan: .enterprise)
            changed.name = "Ada King"
            changed.region = ""
            changed.seats = 0
            changed.notes = ""
            let second = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: changed))
            #expect(!second.created)
            let stored = try #require(second.customer)
            #expect(stored.name == "Ada King" && stored.plan == .enterprise)
            #expect(stored.region == "" && stored.notes == "", "empty optional text is stored as NULL and reads back empty")
            #expect(stored.seats == 1, "seats 0 (not set) stores the seed's default")
            #expect(stored.createdAtMicros == first.createdAtMicros)
            let rows = try await fixture.database.query("SELECT region IS NULL, notes IS NULL, seats FROM customers WHERE id = 'c-1'")
            #expect(rows == [["t", "t", "1"]])
        }
    }

    @Test func unknownCustomerIsNotFound() async throws {
        try await CustomerFixture.with { fixture in
            let error = await rpcError { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "nobody")) }
            #expect(error?.code == .notFound)
            #expect(error?.message.hasPrefix("customer_id") == true)
        }
    }

    @Test func sqlLookingInputIsStoredVerbatim() async throws {
        try await CustomerFixture.with { fixture in
            var customer = sampleCustomer("x'); DROP TABLE customers; --")
            customer.name = "Robert'); DELETE FROM chat_messages WHERE ('1'='1"
            customer.email = "o'hara+$1@quotes\\back.example"
            customer.notes = "$1 $2 ? %s \\x00 \" '' ;-- /* */ {\"role\":\"ai\"} 😀 ünïcode\nline two\ttab"
            customer.region = "E'U"
            _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: customer))
            let fetched = try #require(try await fixture.client.getCustomer(GetCustomerRequest(customerID: customer.id)).customer)
            #expect(fetched.id == customer.id && fetched.name == customer.name && fetched.email == customer.email)
            #expect(fetched.notes == customer.notes && fetched.region == customer.region)
            #expect(try await fixture.database.query("SELECT count(*) FROM customers") == [["1"]])
            #expect(try await fixture.database.query("SELECT to_regclass('chat_messages') IS NOT NULL") == [["t"]])
        }
    }

    @Test func lengthsCountCharactersAsPostgreSQLDoes() async throws {
        try await CustomerFixture.with { fixture in
            var customer = sampleCustomer()
            customer.name = String(repeating: "é", count: 255)  // 510 bytes, 255 characters: fits VARCHAR(255)
            let stored = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: customer)).customer
            #expect(stored?.name == customer.name)
            customer.name += "é"
            let error = await rpcError { _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: customer)) }
            #expect(error?.code == .invalidArgument && error?.message.hasPrefix("customer.name") == true)
        }
    }

    @Test func listCustomersPagesByCursorAndFiltersByPlan() async throws {
        try await CustomerFixture.with { fixture in
            let plans: [CustomerPlan] = [.free, .pro, .enterprise, .pro, .free, .pro, .enterprise]
            for (index, plan) in plans.enumerated() {
                _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: sampleCustomer("c-\(index)", plan: plan)))
            }
            var seen: [String] = []
            var cursor = ""
            var pages = 0
            repeat {
                let page = try await fixture.client.listCustomers(ListCustomersRequest(pageSize: 3, cursor: cursor))
                #expect(page.customers.count <= 3)
                seen += page.customers.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while !cursor.isEmpty && pages < 10
            #expect(seen == (0..<7).map { "c-\($0)" })
            #expect(pages == 3)
            let pro = try await fixture.client.listCustomers(ListCustomersRequest(pageSize: 2, plan: .pro))
            #expect(pro.customers.map(\.id) == ["c-1", "c-3"])
            let rest = try await fixture.client.listCustomers(ListCustomersRequest(pageSize: 2, cursor: pro.nextCursor, plan: .pro))
            #expect(rest.customers.map(\.id) == ["c-5"] && rest.nextCursor.isEmpty)
            let all = try await fixture.client.listCustomers(ListCustomersRequest(pageSize: 0))
            #expect(all.customers.count == 7 && all.nextCursor.isEmpty)
        }
    }

    @Test func badCursorsAreInvalidArgument() async throws {
        try await CustomerFixture.with { fixture in
            for cursor in ["not a cursor", "%%%", "dGlja2V0cx8xHzI"] {
                let error = await rpcError { _ = try await fixture.client.listCustomers(ListCustomersRequest(cursor: cursor)) }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix("cursor") == true, "\(cursor): \(String(describing: error))")
            }
        }
    }
}
