import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

extension TicketWorkflow {
    /// Stores a completing ticket (workflow step 8): the whole conversation, the gateway's reply
    /// included, goes to customer-service with the decision for the audit trail (one call, one
    /// transaction). Returns false when customer-service could not take it: the session then stays
    /// as decided and the next request for the ticket completes it.
    func store(_ session: SessionRecord, messages: [SessionMessage], metadata: [SessionMetadataEntry], decision: TriageDecision,
               result: GatewayTriageResult, budget: CallBudget) async -> Bool {
        do {
            let options = try budget.required()
            let spoken = messages.filter { $0.role != .system }.count
            let record = DecisionEncoding.auditRecord(decision, result: result, decisionID: "\(session.ticketID)#\(spoken)")
            let save = SaveConversationRequest(ticketID: session.ticketID, customerID: session.customerID,
                                               messages: Conversation.ticketMessages(messages),
                                               aliases: Array(Self.joinedIDs(metadata).prefix(Self.maximumAliases)),
                                               decision: record)
            let customers = calls.customers
            let saved = try await calls.timed("customer-service", "SaveConversation") {
                try await customers.saveConversation(save, options: options)
            }
            if saved.decisionID.isEmpty {
                // A customer-service older than decisions in the save: record it on its own.
                try await recordDecision(record, ticketID: session.ticketID, options: options)
            } else if !saved.decisionRecorded {
                logger.notice("decision already recorded for this conversation", ["ticket_id": .string(session.ticketID)])
            }
            return true
        } catch {
            logger.warning("could not store the completed ticket; it stays active", [
                "ticket_id": .string(session.ticketID), "error": .string(String(describing: error)),
            ])
            return false
        }
    }

    /// Deletes a stored ticket's session (its decided checkpoint). Returns false when that failed:
    /// the ticket then stays active, and the next request for it completes it.
    func deleteCompleted(_ session: SessionRecord, budget: CallBudget) async -> Bool {
        do {
            let options = try budget.required()
            let delete = DeleteSessionRequest(ticketID: session.ticketID, expectedVersion: session.version)
            switch await calls.result("session-service", "DeleteSession", { try await calls.sessions.deleteSession(delete, options: options) }) {
            case .success: break
            case .failure(let error) where error.code == .aborted:
                // A follow-up arrived while the ticket was being stored: it stays active with it.
                logger.info("follow-up arrived while completing; the ticket stays active", ["ticket_id": .string(session.ticketID)])
            case .failure(let error): throw error
            }
            return true
        } catch {
            logger.warning("could not delete the completed ticket's session; it stays active", [
                "ticket_id": .string(session.ticketID), "error": .string(String(describing: error)),
            ])
            return false
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
