import Foundation
import TriageContracts
import TriageCore
import TriageJSON
import TriageRPC

/// `/triage.Gateway/*`: the HTTP API's operations for clients on the same host. Requests are turned
/// into the HTTP contract's JSON and validated by the same code, then run by the same workflow.
struct GatewayRPCService: GatewayRPC.ServiceProtocol {
    let workflow: TicketWorkflow
    let calls: DownstreamCalls

    func triage(request: GatewayTriageRequest, context: ServerContext) async throws -> GatewayTriageResult {
        let input: TriageInput
        do {
            input = try RequestValidation.triageInput(from: Self.contractJSON(request).serialized())
        } catch {
            throw RPCError(code: .invalidArgument, message: error.description)
        }
        do {
            return try await workflow.triage(input, requestID: Self.requestID(context))
        } catch {
            throw error.rpcError
        }
    }

    func answer(request: GatewayAnswerRequest, context: ServerContext) async throws -> GatewayTriageResult {
        let body: JSON = .object(["ticket_id": .string(request.ticketID), "content": .string(request.content)])
        let input: AnswerInput
        do {
            input = try RequestValidation.answerInput(from: body.serialized())
        } catch {
            throw RPCError(code: .invalidArgument, message: error.description)
        }
        do {
            return try await workflow.answer(input, requestID: Self.requestID(context))
        } catch {
            throw error.rpcError
        }
    }

    func getTicket(request: GatewayGetTicketRequest, context: ServerContext) async throws -> GatewayTicket {
        guard RequestValidation.validTicketID(request.ticketID) else {
            throw RPCError(code: .invalidArgument, message: "ticket_id is not a valid ticket id")
        }
        let options = CallOptions(timeout: min(context.timeRemaining, .seconds(2)))
        if let session = try await calls.session(request.ticketID, options: options) {
            let triage = session.state?.triage.flatMap { try? GatewayTriageResult(serializedBytes: $0.decision) }
            return GatewayTicket(
                ticketID: session.ticketID, status: "active", customerID: session.customerID,
                messages: session.messages.map {
                    GatewayMessage(role: Conversation.contractRole($0.role), content: $0.content, timestamp: Timestamps.format(micros: $0.sentAtMicros))
                },
                lastTriage: triage,
                createdAt: Timestamps.format(micros: session.createdAtMicros), updatedAt: Timestamps.format(micros: session.updatedAtMicros))
        }
        let conversation = try await calls.timed("customer-service", "GetConversation") {
            try await calls.customers.getConversation(GetConversationRequest(ticketID: request.ticketID), options: options)
        }
        return GatewayTicket(
            ticketID: conversation.ticketID, status: "completed", customerID: conversation.customerID,
            messages: conversation.messages.map {
                GatewayMessage(role: Conversation.contractRole($0.role), content: $0.content, timestamp: Timestamps.format(micros: $0.createdAtMicros))
            },
            createdAt: Timestamps.format(micros: conversation.messages.first?.createdAtMicros ?? 0),
            updatedAt: Timestamps.format(micros: conversation.messages.last?.createdAtMicros ?? 0))
    }

    private static func requestID(_ context: ServerContext) -> String {
        context.requestID ?? UUID().uuidString.lowercased()
    }

    /// The request as the HTTP contract's JSON body (only the fields that were set).
    static func contractJSON(_ request: GatewayTriageRequest) -> JSON {
        var body: JSONObject = ["customer_id": .string(request.customerID)]
        if !request.ticketID.isEmpty { body["ticket_id"] = .string(request.ticketID) }
        if let info = request.customerInfo {
            var object = JSONObject()
            if !info.plan.isEmpty { object["plan"] = .string(info.plan) }
            if case .tenureMonths(let months)? = info.tenure { object["tenure_months"] = .int(months) }
            if !info.region.isEmpty { object["region"] = .string(info.region) }
            if case .seats(let seats)? = info.seatCount { object["seats"] = .int(seats) }
            if case .previousTickets(let count)? = info.previous { object["previous_tickets"] = .int(count) }
            body["customer_info"] = .object(object)
        }
        body["messages"] = .array(request.messages.map { message in
            var object: JSONObject = ["role": .string(message.role), "content": .string(message.content)]
            if !message.timestamp.isEmpty { object["timestamp"] = .string(message.timestamp) }
            return .object(object)
        })
        var metadata = JSONObject()
        for entry in request.metadata { metadata[entry.key] = .string(entry.value) }
        body["metadata"] = .object(metadata)
        return .object(body)
    }
}
