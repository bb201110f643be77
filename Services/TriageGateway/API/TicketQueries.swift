import Foundation
import TriageContracts
import TriageCore
import TriageJSON
import TriageRPC

/// `GET /api/tickets/{id}` and `GET /api/customers/{id}/tickets`: active tickets from the session
/// store, completed ones from PostgreSQL (through customer-service).
struct TicketQueries: Sendable {
    let calls: DownstreamCalls
    let timeout: Duration

    private func options(_ requestID: String) -> CallOptions {
        CallOptions(timeout: timeout, metadata: [Metadata.requestIDKey: requestID])
    }

    func ticket(_ ticketID: String, requestID: String) async -> HTTPResponse {
        guard RequestValidation.validTicketID(ticketID) else {
            return .error(400, code: "invalid_request", message: "ticket_id is not a valid ticket id", field: "ticket_id")
        }
        do {
            if let session = try await calls.session(ticketID, options: options(requestID)) {
                return .json(activeTicket(session))
            }
        } catch {
            return WorkflowError.unavailable("the session store is unavailable (\(error.message))").httpResponse
        }
        let conversation = await calls.result("customer-service", "GetConversation") {
            try await calls.customers.getConversation(GetConversationRequest(ticketID: ticketID), options: options(requestID))
        }
        switch conversation {
        case .success(let conversation):
            let decisions = try? await calls.timed("customer-service", "ListTriageDecisions") {
                try await calls.customers.listTriageDecisions(ListTriageDecisionsRequest(ticketID: ticketID), options: options(requestID))
            }
            return .json(completedTicket(conversation, lastDecision: decisions?.decisions.last))
        case .failure(let error) where error.code == .notFound:
            return WorkflowError.ticketNotFound(ticketID).httpResponse
        case .failure(let error):
            return WorkflowError.unavailable("completed tickets cannot be read right now (\(error.message))").httpResponse
        }
    }

    private func activeTicket(_ session: SessionRecord) -> JSON {
        let state = session.state ?? SessionState()
        var object: JSONObject = [
            "ticket_id": .string(session.ticketID),
            "status": "active",
            "customer_id": .string(session.customerID),
            "messages": .array(session.messages.map { message in
                .object(["role": .string(Conversation.contractRole(message.role)), "content": .string(message.content),
                         "timestamp": .string(Timestamps.format(micros: message.sentAtMicros))])
            }),
        ]
        if let triage = state.triage, !triage.decision.isEmpty, let result = try? GatewayTriageResult(serializedBytes: triage.decision) {
            object["last_triage"] = ResultJSON.triage(result)
        } else {
            object["last_triage"] = .null
        }
        object["created_at"] = .string(Timestamps.format(micros: session.createdAtMicros))
        object["updated_at"] = .string(Timestamps.format(micros: session.updatedAtMicros))
        object["expires_at"] = .string(Timestamps.format(micros: session.expiresAtMicros))
        object["workflow_step"] = .string(Self.stepName(state.step))
        return .object(object)
    }

    private func completedTicket(_ conversation: GetConversationResponse, lastDecision: TriageDecisionRecord?) -> JSON {
        let messages = conversation.messages
        return .object([
            "ticket_id": .string(conversation.ticketID),
            "status": "completed",
            "customer_id": .string(conversation.customerID),
            "messages": .array(messages.map { message in
                .object(["role": .string(Conversation.contractRole(message.role)), "content": .string(message.content),
                         "timestamp": .string(Timestamps.format(micros: message.createdAtMicros))])
            }),
            "last_triage": lastDecision.map(ResultJSON.auditDecision) ?? .null,
            "created_at": .string(Timestamps.format(micros: messages.first?.createdAtMicros ?? 0)),
            "updated_at": .string(Timestamps.format(micros: messages.last?.createdAtMicros ?? 0)),
        ])
    }

    static func stepName(_ step: SessionWorkflowStep) -> String {
        step.protoName.replacingOccurrences(of: "SESSION_WORKFLOW_STEP_", with: "").lowercased()
    }

    // MARK: A customer's tickets

    /// Active tickets first (most recent activity first), then completed ones (most recent first),
    /// `limit` at a time; `cursor` is the opaque `next_cursor` of the previous page.
    func customerTickets(_ customerID: String, query: [String: String], requestID: String) async -> HTTPResponse {
        guard RequestValidation.validIdentifier(customerID) else {
            return .error(400, code: "invalid_request", message: "customer_id is not a valid id", field: "customer_id")
        }
        let limit: Int
        if let text = query["limit"] {
            guard let value = Int(text), (1...100).contains(value) else {
                return .error(400, code: "invalid_request", message: "limit must be a whole number from 1 to 100", field: "limit")
            }
            limit = value
        } else {
            limit = 20
        }
        guard let cursor = TicketCursor(query["cursor"]) else {
            return .error(400, code: "invalid_request", message: "cursor is not a cursor this API returned", field: "cursor")
        }
        var items: [JSON] = []
        var next: TicketCursor?
        let listActive = { await calls.result("session-service", "ListActiveSessions") {
            try await calls.sessions.listActiveSessions(ListActiveSessionsRequest(customerID: customerID, limit: 1000), options: options(requestID))
        } }
        // A ticket can be active and stored at once (a follow-up joined it while it was being
        // completed): it is listed once, as active.
        var activeIDs: Set<String> = []
        if case .active(let offset) = cursor {
            guard case .success(let active) = await listActive() else {
                return WorkflowError.unavailable("the session store is unavailable").httpResponse
            }
            activeIDs = Set(active.sessions.map(\.ticketID))
            let page = active.sessions.dropFirst(offset).prefix(limit)
            items = page.map(activeSummary)
            if offset + page.count < active.sessions.count {
                next = .active(offset: offset + page.count)
            } else if items.count == limit {
                next = .completed(token: "")  // the active ones end exactly here; completed ones may follow
            }
        } else if case .success(let active) = await listActive() {
            activeIDs = Set(active.sessions.map(\.ticketID))
        }
        if items.count < limit {
            let completedCursor: String = if case .completed(let token) = cursor { token } else { "" }
            let request = ListCustomerTicketsRequest(customerID: customerID, pageSize: UInt32(limit - items.count), cursor: completedCursor)
            let response = await calls.result("customer-service", "ListCustomerTickets") {
                try await calls.customers.listCustomerTickets(request, options: options(requestID))
            }
            guard case .success(let completed) = response else {
                return WorkflowError.unavailable("completed tickets cannot be read right now").httpResponse
            }
            items += completed.tickets.filter { !activeIDs.contains($0.ticketID) }.map(completedSummary)
            if !completed.nextCursor.isEmpty { next = .completed(token: completed.nextCursor) }
        }
        return .json(.object([
            "customer_id": .string(customerID),
            "tickets": .array(items),
            "next_cursor": next.map { .string($0.encoded) } ?? .null,
        ]))
    }

    private func activeSummary(_ session: SessionRecord) -> JSON {
        let triage = session.state?.triage
        return .object([
            "ticket_id": .string(session.ticketID), "status": "active", "message_count": .int(session.messageCount),
            "created_at": .string(Timestamps.format(micros: session.createdAtMicros)),
            "updated_at": .string(Timestamps.format(micros: session.updatedAtMicros)),
            "ticket_type": triage.map { .string($0.ticketType) } ?? .null,
            "urgency": triage.map { .string($0.urgency) } ?? .null,
            "recommended_action": triage.map { .string($0.action) } ?? .null,
        ])
    }

    private func completedSummary(_ ticket: TicketSummary) -> JSON {
        .object([
            "ticket_id": .string(ticket.ticketID), "status": "completed", "message_count": .int(ticket.messageCount),
            "created_at": .string(Timestamps.format(micros: ticket.firstMessageAtMicros)),
            "updated_at": .string(Timestamps.format(micros: ticket.lastMessageAtMicros)),
            "completed_at": .string(Timestamps.format(micros: ticket.completedAtMicros)),
        ])
    }
}

/// Where a page of a customer's tickets starts: an offset into the active tickets, or
/// customer-service's own cursor into the completed ones. Opaque to clients (base64url).
enum TicketCursor: Equatable {
    case active(offset: Int)
    case completed(token: String)

    init?(_ text: String?) {
        guard let text, !text.isEmpty else { self = .active(offset: 0); return }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else { return nil }
        if decoded.hasPrefix("a:"), let offset = Int(decoded.dropFirst(2)), offset >= 0 {
            self = .active(offset: offset)
        } else if decoded.hasPrefix("c:") {
            self = .completed(token: String(decoded.dropFirst(2)))
        } else {
            return nil
        }
    }

    var encoded: String {
        let raw = switch self {
        case .active(let offset): "a:\(offset)"
        case .completed(let token): "c:\(token)"
        }
        return Data(raw.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
