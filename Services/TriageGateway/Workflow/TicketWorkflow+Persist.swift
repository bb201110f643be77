import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

extension TicketWorkflow {
    /// Completes a ticket (workflow step 8): the whole conversation, the gateway's reply included,
    /// goes to customer-service with the decision for the audit trail (one call, one transaction),
    /// and only after both are stored is the session deleted.
    /// `session` is the decided checkpoint, so nothing needs writing to the session store first.
    /// Returns false when customer-service could not take it: the session then stays as decided
    /// and the next request for the ticket completes it.
    func persist(_ session: SessionRecord, decision: TriageDecision, result: GatewayTriageResult,
                 fingerprint: RequestFingerprint, budget: CallBudget) async -> Bool {
        do {
            try await complete(session, decision: decision, result: result, budget: budget)
            return true
        } catch {
            logger.warning("could not complete the ticket; it stays active", [
                "ticket_id": .string(session.ticketID), "error": .string(String(describing: error)),
            ])
            return false
        }
    }

    private func complete(_ current: SessionRecord, decision: TriageDecision, result: GatewayTriageResult,
                          budget: CallBudget) async throws {
        let options = try budget.required()
        let spoken = current.messages.filter { $0.role != .system }.count
        let record = DecisionEncoding.auditRecord(decision, result: result, decisionID: "\(current.ticketID)#\(spoken)")
        let save = SaveConversationRequest(ticketID: current.ticketID, customerID: current.customerID,
                                           messages: Conversation.ticketMessages(current.messages),
                                           aliases: Array(Self.joinedIDs(current.state?.metadata ?? []).prefix(Self.maximumAliases)),
                                           decision: record)
        let customers = calls.customers
        let saved = try await calls.timed("customer-service", "SaveConversation") {
            try await customers.saveConversation(save, options: options)
        }
        if saved.decisionID.isEmpty {
            // A customer-service older than decisions in the save: record it on its own.
            try await recordDecision(record, ticketID: current.ticketID, options: options)
        } else if !saved.decisionRecorded {
            logger.notice("decision already recorded for this conversation", ["ticket_id": .string(current.ticketID)])
        }
        let delete = DeleteSessionRequest(ticketID: current.ticketID, expectedVersion: current.version)
        switch await calls.result("session-service", "DeleteSession", { try await calls.sessions.deleteSession(delete, options: options) }) {
        case .success: break
        case .failure(let error) where error.code == .aborted:
            // A follow-up arrived while the ticket was being stored: it stays active with it.
            logger.info("follow-up arrived while completing; the ticket stays active", ["ticket_id": .string(current.ticketID)])
        case .failure(let error): throw error
        }
    }

    private func recordDecision(_ record: TriageDecisionRecord, ticketID: String, options: CallOptions) async throws {
        let request = RecordTriageDecisionRequest(decision: record)
        switch await calls.result("customer-service", "RecordTriageDecision", { try await calls.customers.recordTriageDecision(request, options: options) }) {
        case .success: break
        case .failure(let error) where error.code == .alreadyExists:
            // The same conversation was decided before, differently (the knowledge base or the
            // customer changed between two retries): the first decision stays on record.
            logger.notice("decision already recorded for this conversation", ["ticket_id": .string(ticketID)])
        case .failure(let error): throw error
        }
    }

    /// A request for a ticket that is already completed: a retry whose answer was lost is answered
    /// again (re-decided from the stored conversation, nothing written); new messages are refused.
    func replayCompleted(_ conversation: GetConversationResponse, input: TriageInput, incoming: [SessionMessage],
                         budget: CallBudget) async throws -> GatewayTriageResult {
        let stored = conversation.messages.map { message in
            SessionMessage(role: message.role == .customer ? .customer : (message.role == .agent ? .agent : .system),
                           content: message.content, sentAtMicros: message.createdAtMicros)
        }
        guard Conversation.contains(stored, all: incoming) else {
            throw WorkflowError.conflict("ticket \(conversation.ticketID) is completed; send new messages without ticket_id to open a new ticket")
        }
        // The conversation as it was decided: without the reply that completed it (the messages
        // after the customer's last one).
        let lastCustomer = stored.lastIndex { $0.role == .customer } ?? stored.count - 1
        let decided = Array(stored.prefix(through: max(lastCustomer, 0)))
        let analysis = engine.analyze(Conversation.engineTicket(decided, subject: input.metadata["subject"]))
        async let customer = customerContext(input.customerInfo, stored: nil, customerID: conversation.customerID, budget: budget)
        async let knowledge = knowledgeHits(for: analysis.knowledgeQuery, budget: budget)
        let (context, _, customerDegraded) = await customer
        let (hits, knowledgeDegraded) = await knowledge
        let decision = engine.decide(analysis, customer: context, knowledge: hits)
        var degraded = decision.degraded
        if customerDegraded { degraded.append("customer") }
        if knowledgeDegraded { degraded.append("knowledge") }
        return DecisionEncoding.result(decision, ticketID: conversation.ticketID, customerID: conversation.customerID,
                                       status: "completed", followUp: input.ticketID != nil, degraded: Array(Set(degraded)).sorted())
    }
}
