import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

/// PostgreSQL going away and coming back, on private servers so that no other test notices.
@Suite("PostgreSQL faults", .timeLimit(.minutes(3)))
struct FaultTests {
    /// One call of every RPC that touches PostgreSQL.
    static func everyCall(_ client: CustomerRPC.Client) -> [(String, () async throws -> Void)] {
        [
            ("GetCustomer", { _ = try await client.getCustomer(GetCustomerRequest(customerID: "c-1")) }),
            ("UpsertCustomer", { _ = try await client.upsertCustomer(UpsertCustomerRequest(customer: sampleCustomer("c-2"))) }),
            ("ListCustomers", { _ = try await client.listCustomers(ListCustomersRequest()) }),
            ("SaveConversation", { _ = try await client.saveConversation(SaveConversationRequest(
                ticketID: "TKT-2", customerID: "c-1", messages: [message(.customer, "still there?")])) }),
            ("GetConversation", { _ = try await client.getConversation(GetConversationRequest(ticketID: "TKT-1")) }),
            ("ListCustomerTickets", { _ = try await client.listCustomerTickets(ListCustomerTicketsRequest(customerID: "c-1")) }),
            ("RecordTriageDecision", { _ = try await client.recordTriageDecision(RecordTriageDecisionRequest(decision: TriageDecisionTests.decision())) }),
            ("ListTriageDecisions", { _ = try await client.listTriageDecisions(ListTriageDecisionsRequest(ticketID: "TKT-1")) }),
        ]
    }

    /// Words no error message may contain: the password, where the server is, SQL.
    static func leaks(_ server: PostgresServer) -> [String] {
        [server.password, "127.0.0.1", String(server.port), "SELECT", "INSERT", "customers WHERE", "password="]
    }

    @Test func postgresStoppedAndStartedAgainMidTest() async throws {
        let server = try await PostgresServer.start(label: "pgfault")
        let fixture = try await CustomerFixture.start(database: server.client)
        let pid = fixture.service.pid
        _ = try await fixture.client.upsertCustomer(UpsertCustomerRequest(customer: sampleCustomer("c-1")))
        _ = try await fixture.client.saveConversation(SaveConversationRequest(ticketID: "TKT-1", customerID: "c-1",
                                                                              messages: [message(.customer, "hello")]))
        try await server.stop()

        for (name, call) in Self.everyCall(fixture.client) {
            var error: RPCError?
            let took = await elapsed { error = await rpcError(call) }
            #expect(error?.code == .unavailable, "\(name): \(String(describing: error))")
            #expect(took < .seconds(1), "\(name) took \(took)")
            for leak in Self.leaks(server) { #expect(error?.message.contains(leak) == false, "\(name) leaks \(leak): \(error?.message ?? "")") }
        }
        var health = try await fixture.health()
        #expect(health.status == .notServing)
        let postgres = try #require(health.dependencies.first { $0.name == "postgresql" })
        #expect(postgres.status == .notServing && postgres.message == "unreachable")

        try await server.start()
        try await waitUntil("customer-service to serve again", timeout: .seconds(10)) { try await fixture.health().status == .serving }
        // Every pooled connection was replaced: more concurrent calls than connections all succeed.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 { group.addTask { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")) } }
            try await group.waitForAll()
        }
        #expect(try await fixture.client.getConversation(GetConversationRequest(ticketID: "TKT-1")).messages.map(\.content) == ["hello"])
        health = try await fixture.health()
        #expect(health.status == .serving)
        #expect(fixture.service.isRunning && fixture.service.pid == pid, "recovered without a restart")
        #expect(!fixture.service.log.contains(server.password), "the log holds the password")
        await fixture.shutdown()
        await server.shutdown()
    }

    @Test func aServiceStartedBeforePostgreSQLServesOnceItIsUp() async throws {
        let server = try await PostgresServer.start(label: "pglate")
        try await server.stop()
        let fixture = try await CustomerFixture.start(database: server.client, requireServing: false)
        #expect(try await fixture.health().status == .notServing)
        let error = await rpcError { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")) }
        #expect(error?.code == .unavailable)
        try await server.start()
        try await waitUntil("customer-service to migrate and serve", timeout: .seconds(15)) { try await fixture.health().status == .serving }
        let missing = await rpcError { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")) }
        #expect(missing?.code == .notFound)
        await fixture.shutdown()
        await server.shutdown()
    }

    @Test func aWrongPasswordIsUnavailableAndLeaksNothing() async throws {
        let server = try await PostgresServer.start(label: "pgauth")
        let secret = "wrong-\(UUID().uuidString.prefix(8))"
        let fixture = try await CustomerFixture.start(database: server.client, environment: ["POSTGRES_PASSWORD": secret], requireServing: false)
        let health = try await fixture.health()
        #expect(health.status == .notServing)
        for dependency in health.dependencies { #expect(!dependency.message.contains(secret)) }
        let error = await rpcError { _ = try await fixture.client.getCustomer(GetCustomerRequest(customerID: "c-1")) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains(secret) == false)
        try await Task.sleep(for: .milliseconds(300))
        #expect(fixture.service.log.contains("password authentication failed"), "the operator sees why")
        #expect(!fixture.service.log.contains(secret), "the log holds the password")
        await fixture.shutdown()
        await server.shutdown()
    }

    /// A statement that cannot finish (here: waiting for a row another session holds) is cut
    /// off at POSTGRES_QUERY_TIMEOUT_MS and reported UNAVAILABLE; the connection is replaced.
    /// The timeout is wide enough (1.5 s) that the test's other statements finish within it on a
    /// loaded CI machine; the holder sleeps far longer and is cancelled once the call has failed.
    @Test func aStuckStatementFailsAtTheQueryTimeout() async throws {
        try await CustomerFixture.with(environment: ["POSTGRES_QUERY_TIMEOUT_MS": "1500"]) { fixture in
            let ticket = uniqueID("TKT")
            var request = SaveConversationRequest(ticketID: ticket, customerID: "c-1", messages: [message(.customer, "one")])
            _ = try await fixture.client.saveConversation(request)
            let database = fixture.database
            let holder = Task {
                try await database.query("BEGIN; SELECT ticket_id FROM conversations WHERE ticket_id = '\(ticket)' FOR UPDATE; SELECT pg_sleep(60); COMMIT")
            }
            let holding = "SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()"
            try await waitUntil("another session to hold the ticket's row") { try await database.query(holding).count == 1 }
            request.messages.append(message(.reply, "two"))
            var error: RPCError?
            let took = await elapsed { error = await rpcError { _ = try await fixture.client.saveConversation(request) } }
            #expect(error?.code == .unavailable && error?.message == "PostgreSQL did not answer in time", "\(String(describing: error))")
            #expect(took >= .milliseconds(1400) && took < .seconds(4), "took \(took)")
            _ = try await database.query("SELECT pg_cancel_backend(pid) FROM (\(holding)) AS sleeping")
            _ = try? await holder.value
            let saved = try await fixture.client.saveConversation(request)
            #expect(saved.insertedMessages == 1 && saved.totalMessages == 2)
        }
    }
}
