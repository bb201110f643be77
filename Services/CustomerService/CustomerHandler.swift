import Foundation
import TriageContracts
import TriageRPC

/// `triage.Customer`: validates each request, then reads or writes PostgreSQL through the
/// stores. Every store call runs on a pool thread and is awaited, so this never blocks the
/// event loop it runs on.
struct CustomerHandler: CustomerRPC.ServiceProtocol {
    let customers: CustomerStore
    let conversations: ConversationStore
    let tickets: TicketStore
    let decisions: DecisionStore

    init(database: CustomerDatabase) {
        customers = CustomerStore(database: database)
        conversations = ConversationStore(database: database)
        tickets = TicketStore(database: database)
        decisions = DecisionStore(database: database)
    }

    func getCustomer(request: GetCustomerRequest, context: ServerContext) async throws -> GetCustomerResponse {
        try FieldValidation.identifier(request.customerID, field: "customer_id")
        guard let customer = try await customers.customer(id: request.customerID, deadline: context.deadline) else {
            throw RPCError.notFound("customer_id: no such customer")
        }
        return GetCustomerResponse(customer: customer)
    }

    func upsertCustomer(request: UpsertCustomerRequest, context: ServerContext) async throws -> UpsertCustomerResponse {
        guard let customer = request.customer else { throw RPCError.invalidArgument("customer: is required") }
        try customer.validate(as: "customer")
        let (stored, created) = try await customers.upsert(customer, deadline: context.deadline)
        return UpsertCustomerResponse(customer: stored, created: created)
    }

    func listCustomers(request: ListCustomersRequest, context: ServerContext) async throws -> ListCustomersResponse {
        let limit = PageCursor.pageSize(request.pageSize, default: 50, maximum: 500)
        let afterID = request.cursor.isEmpty ? "" : try PageCursor(decoding: request.cursor, kind: "customers", keyCount: 1).keys[0]
        if case .unrecognized = request.plan { throw RPCError.invalidArgument("plan: unknown plan") }
        let page = try await customers.list(afterID: afterID, plan: request.plan, limit: limit + 1, deadline: context.deadline)
        let shown = Array(page.prefix(limit))
        var nextCursor = ""
        if page.count > limit, let last = shown.last {
            nextCursor = PageCursor(kind: "customers", keys: [last.id]).encoded
        }
        return ListCustomersResponse(customers: shown, nextCursor: nextCursor)
    }

    func saveConversation(request: SaveConversationRequest, context: ServerContext) async throws -> SaveConversationResponse {
        var request = request
        try request.validate()
        if request.decision?.decisionID.isEmpty == true { request.decision?.decisionID = UUID().uuidString.lowercased() }
        let outcome = try await conversations.save(request, deadline: context.deadline)
        return SaveConversationResponse(
            insertedMessages: UInt32(outcome.inserted),
            totalMessages: UInt32(outcome.total),
            lastMessageAtMicros: outcome.lastMessageAtMicros,
            decisionID: request.decision?.decisionID ?? "",
            decisionRecorded: outcome.decisionRecorded
        )
    }

    func getConversation(request: GetConversationRequest, context: ServerContext) async throws -> GetConversationResponse {
        try FieldValidation.identifier(request.ticketID, field: "ticket_id")
        guard let conversation = try await conversations.conversation(ticketID: request.ticketID, deadline: context.deadline) else {
            throw RPCError.notFound("ticket_id: no completed conversation for this ticket")
        }
        return GetConversationResponse(ticketID: conversation.ticketID, customerID: conversation.customerID, messages: conversation.messages)
    }

    func listCustomerTickets(request: ListCustomerTicketsRequest, context: ServerContext) async throws -> ListCustomerTicketsResponse {
        try FieldValidation.identifier(request.customerID, field: "customer_id")
        let limit = PageCursor.pageSize(request.pageSize, default: 20, maximum: 200)
        var position: (lastMessageAtMicros: Int64, ticketID: String)?
        if !request.cursor.isEmpty {
            let keys = try PageCursor(decoding: request.cursor, kind: "tickets", keyCount: 2).keys
            guard let micros = Int64(keys[0]) else { throw RPCError.invalidArgument("cursor: not a cursor this service returned") }
            position = (micros, keys[1])
        }
        let page = try await tickets.tickets(customerID: request.customerID, after: position, limit: limit + 1, deadline: context.deadline)
        let shown = Array(page.prefix(limit))
        var nextCursor = ""
        if page.count > limit, let last = shown.last {
            nextCursor = PageCursor(kind: "tickets", keys: [String(last.lastMessageAtMicros), last.ticketID]).encoded
        }
        return ListCustomerTicketsResponse(tickets: shown, nextCursor: nextCursor)
    }

    func recordTriageDecision(request: RecordTriageDecisionRequest, context: ServerContext) async throws -> RecordTriageDecisionResponse {
        guard var decision = request.decision else { throw RPCError.invalidArgument("decision: is required") }
        try decision.validate()
        if decision.decisionID.isEmpty { decision.decisionID = UUID().uuidString.lowercased() }
        let outcome = try await decisions.record(decision, deadline: context.deadline)
        return RecordTriageDecisionResponse(decisionID: decision.decisionID, recorded: outcome.recorded,
                                            createdAtMicros: outcome.createdAtMicros)
    }

    func listTriageDecisions(request: ListTriageDecisionsRequest, context: ServerContext) async throws -> ListTriageDecisionsResponse {
        try FieldValidation.identifier(request.ticketID, field: "ticket_id")
        return ListTriageDecisionsResponse(decisions: try await decisions.decisions(ticketID: request.ticketID, deadline: context.deadline))
    }
}
