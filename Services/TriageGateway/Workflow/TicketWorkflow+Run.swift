import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

extension TicketWorkflow {
    /// Steps 2–8 for a resolved ticket. The session is checkpointed after every step that called
    /// another service (a completing ticket's decision is recorded by its save instead), so a
    /// gateway that dies mid-ticket loses nothing: a retry of the same
    /// request finds the session and repeats the steps (each write carries a request key that
    /// session-service replays, and messages already stored are not appended again).
    func run(_ resolution: TicketResolution, input: TriageInput, incoming: [SessionMessage],
             fingerprint: RequestFingerprint, budget: CallBudget) async throws -> GatewayTriageResult {
        let start = ContinuousClock.now
        let session: SessionRecord
        let followUp: Bool
        var degraded: [String] = []
        var reading: EngineReading?
        var prefetched: TicketLookups?
        switch resolution {
        case .completed(let conversation):
            return try await replayCompleted(conversation, input: input, incoming: incoming, budget: budget)
        case .active(let existing, let isFollowUp, let joinedAs):
            var state = existing.state ?? SessionState()
            state.status = .active
            state.metadata = Self.mergedMetadata(state.metadata, input.metadata, joinedAs: joinedAs)
            let unseen = Conversation.unseen(incoming, after: existing.messages)
            // The conversation with the new messages is read before they are written (the engine calls
            // nothing), so the session is opened already classified: one write instead of two, as
            // for a new ticket.
            let text = Conversation.engineTicket(existing.messages + unseen, subject: Self.subject(input, state))
            let conversationReading = EngineReading(text: text, analysis: engine.analyze(text))
            observeStep("analyze", since: start)
            let opening = ContinuousClock.now
            state.step = .classified
            state.language = conversationReading.analysis.language.value
            reading = conversationReading
            // The knowledge search needs only that reading (and the customer context the ticket
            // already holds), not the write: it runs while the session is opened, as a new ticket's
            // lookups do. If the write fails it is cancelled.
            async let lookups = lookUp(query: conversationReading.analysis.knowledgeQuery, input: input,
                                       stored: existing.state?.customer, budget: budget)
            session = try await update(existing, state: state, append: unseen, key: fingerprint.requestKey("open"), budget: budget)
            followUp = isFollowUp
            observeStep("open", since: opening)
            prefetched = await lookups
        case .new(let ticketID, let matchingDegraded, let newReading):
            if matchingDegraded { degraded.append("ticket_matching") }
            reading = newReading
            var state = SessionState(status: .active, step: .opened, metadata: Self.mergedMetadata([], input.metadata))
            if let newReading {
                // Resolving the new ticket already read it (language and classification): the session
                // starts at that step, one write instead of two.
                state.step = .classified
                state.language = newReading.analysis.language.value
            }
            let request = CreateSessionRequest(ticketID: ticketID, customerID: input.customerID, state: state, messages: incoming,
                                               requestKey: fingerprint.requestKey("open"))
            let options = try budget.required()
            // The customer lookup and the knowledge search need the request and the reading resolving
            // made, not the session: they run while it is created. If creating it fails they are
            // cancelled, and nothing was written.
            async let lookups = lookUpAhead(newReading, input: input, budget: budget)
            guard let created = try await calls.timed("session-service", "CreateSession", {
                try await calls.sessions.createSession(request, options: options)
            }).session else { throw WorkflowError.internalError }
            session = created
            followUp = false
            observeStep("open", since: start)
            prefetched = await lookups
        }
        return try await triageOpened(session, input: input, followUp: followUp, degraded: degraded, reading: reading,
                                      prefetched: prefetched, fingerprint: fingerprint, budget: budget)
    }

    private func triageOpened(_ opened: SessionRecord, input: TriageInput, followUp: Bool, degraded: [String], reading: EngineReading?,
                              prefetched: TicketLookups?, fingerprint: RequestFingerprint, budget: CallBudget) async throws -> GatewayTriageResult {
        var session = opened
        let state = session.state ?? SessionState()
        let subject = Self.subject(input, state)

        // Language and classification (the engine, in-process), then checkpoint them while the
        // customer lookup and the knowledge search run.
        var start = ContinuousClock.now
        let text = Conversation.engineTicket(session.messages, subject: subject)
        // The conversation is what resolving or opening the ticket already read: no second analysis
        // (and the lookups made from that reading while the session was created or opened are this
        // ticket's).
        let reusedAnalysis = reading.flatMap { $0.text == text ? $0.analysis : nil }
        let analysis = reusedAnalysis ?? engine.analyze(text)
        if reusedAnalysis == nil { observeStep("analyze", since: start) }
        var classifying = state
        classifying.step = .classified
        classifying.language = analysis.language.value
        let classified = classifying
        let afterClassified: SessionRecord
        let lookups: TicketLookups
        if reusedAnalysis != nil, let prefetched {
            afterClassified = try await checkpointClassified(opened, state: classified, fingerprint: fingerprint, budget: budget)
            lookups = prefetched
        } else {
            async let checkpoint = checkpointClassified(opened, state: classified, fingerprint: fingerprint, budget: budget)
            async let lookedUp = lookUp(query: analysis.knowledgeQuery, input: input, stored: state.customer, budget: budget)
            afterClassified = try await checkpoint
            lookups = await lookedUp
        }
        let (context, storedContext, customerDegraded) = lookups.customer
        let (hits, knowledgeDegraded) = lookups.knowledge

        // The decision is computed from what the lookups returned, with no call in between, so the
        // lookups' results (the customer context) are checkpointed together with the decision: one
        // durable write instead of two back to back. A gateway that dies before it repeats only reads.
        start = ContinuousClock.now
        session = afterClassified
        var enriched = afterClassified.state ?? classified
        enriched.customer = storedContext

        let decision = engine.decide(analysis, customer: context, knowledge: hits)
        let completes = decision.recommendedAction.value != .routeSpecialist
        var allDegraded = degraded + decision.degraded
        if customerDegraded { allDegraded.append("customer") }
        if knowledgeDegraded { allDegraded.append("knowledge") }
        var result = DecisionEncoding.result(decision, ticketID: session.ticketID, customerID: session.customerID,
                                             status: completes ? "completed" : "active", followUp: followUp,
                                             degraded: Array(Set(allDegraded)).sorted())

        var decided = enriched
        decided.step = .decided
        decided.status = switch decision.recommendedAction.value {
        case .routeSpecialist: .awaitingSpecialist
        case .escalateHuman: .escalated
        case .autoRespond: .awaitingCustomer
        }
        decided.triage = SessionTriageResult(
            decision: result.serializedBytes(), decisionType: "triage.GatewayTriageResult",
            ticketType: result.ticketType, urgency: result.urgency, action: result.recommendedAction,
            decidedAtMicros: Timestamps.nowMicros(), issueType: result.issueType)
        let reply = decision.suggestedResponse.text
        let append = Self.alreadyReplied(session.messages, with: reply)
            ? [] : [SessionMessage(role: .system, content: reply, sentAtMicros: Self.replyStamp(after: session.messages))]
        guard completes else {
            session = try await update(session, state: decided, append: append, key: fingerprint.requestKey("decided"), budget: budget)
            observeStep("decide_and_checkpoint", since: start)
            return result
        }
        // A completing ticket is recorded by its save: the conversation (with the reply, its time set
        // here) and the decision go to customer-service in one transaction, then the session is
        // deleted. A decided checkpoint before that would be a second record of the same step, on the
        // critical path; it is written only when the ticket stays active: when the save fails (the
        // next request for the ticket completes it) or the delete does. A gateway that dies between
        // the save and the delete leaves the classified session: a retry finds it, decides again and
        // completes it (a save of what is stored already adds nothing, the decision is recorded once).
        let saved = await store(session, messages: session.messages + append, metadata: decided.metadata,
                                decision: decision, result: result, budget: budget)
        observeStep("decide_and_store", since: start)
        start = ContinuousClock.now
        if !(saved ? await deleteCompleted(session, budget: budget) : false) {
            result.status = "active"
            result.degraded = Array(Set(result.degraded + ["persistence"])).sorted()
            // Only the save failing stops the request: without the checkpoint it would leave nothing.
            // After a failed delete the conversation is stored, so the checkpoint is best effort.
            if saved {
                _ = try? await update(session, state: decided, append: append, key: fingerprint.requestKey("decided"), budget: budget)
            } else {
                session = try await update(session, state: decided, append: append, key: fingerprint.requestKey("decided"), budget: budget)
            }
        }
        observeStep("persist", since: start)
        return result
    }

    /// A new ticket's lookups, from the reading resolving it made (none without one).
    private func lookUpAhead(_ reading: EngineReading?, input: TriageInput, budget: CallBudget) async -> TicketLookups? {
        guard let reading else { return nil }
        return await lookUp(query: reading.analysis.knowledgeQuery, input: input, stored: nil, budget: budget)
    }

    /// The checkpoint after language and classification, unless the session already holds exactly
    /// that (a new ticket is created classified).
    private func checkpointClassified(_ session: SessionRecord, state classified: SessionState, fingerprint: RequestFingerprint,
                                      budget: CallBudget) async throws -> SessionRecord {
        if session.state?.step == .classified, session.state?.language == classified.language { return session }
        return try await update(session, state: classified, append: [], key: fingerprint.requestKey("classified"), budget: budget)
    }

    /// A compare-and-set write of the whole state (plus messages to append).
    func update(_ session: SessionRecord, state: SessionState, append: [SessionMessage], key: String,
                budget: CallBudget) async throws -> SessionRecord {
        let options = try budget.required()
        let request = UpdateSessionRequest(ticketID: session.ticketID, expectedVersion: session.version, state: state,
                                           appendMessages: append, requestKey: key)
        guard let updated = try await calls.timed("session-service", "UpdateSession", {
            try await calls.sessions.updateSession(request, options: options)
        }).session else { throw WorkflowError.internalError }
        return updated
    }

    /// The ticket's subject: the request's, else the one stored with the ticket.
    static func subject(_ input: TriageInput, _ state: SessionState) -> String? {
        input.metadata["subject"] ?? state.metadata.first(where: { $0.key == "subject" })?.value
    }

    /// The time of the gateway's reply: now, or just after the latest message when a client's clock
    /// put that one later (both stores keep a conversation's times in order).
    static func replyStamp(after messages: [SessionMessage], now: Int64 = Timestamps.nowMicros()) -> Int64 {
        max(now, (messages.map(\.sentAtMicros).max() ?? 0) + 1)
    }

    /// Whether the gateway's reply to the latest messages is already in the conversation (a retry).
    static func alreadyReplied(_ messages: [SessionMessage], with reply: String) -> Bool {
        for message in messages.reversed() {
            if message.role != .system { return false }
            if message.content == reply { return true }
        }
        return false
    }

    /// The request's metadata over the stored one, plus the id of a request that joined the ticket
    /// (`joined:<id>`, a key no client can set).
    static func mergedMetadata(_ stored: [SessionMetadataEntry], _ incoming: [String: String],
                               joinedAs: String? = nil) -> [SessionMetadataEntry] {
        var merged = Dictionary(stored.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        for (key, value) in incoming where !key.hasPrefix(joinedKeyPrefix) { merged[key] = value }
        if let joinedAs { merged[joinedKeyPrefix + joinedAs] = "" }
        return merged.keys.sorted().map { SessionMetadataEntry(key: $0, value: merged[$0]!) }
    }

    static let joinedKeyPrefix = "joined:"
    /// What SaveConversation takes (customer-service refuses more).
    static let maximumAliases = 1_000

    /// The ids of the requests that joined the ticket, which its stored conversation is also found by.
    static func joinedIDs(_ metadata: [SessionMetadataEntry]) -> [String] {
        metadata.compactMap { $0.key.hasPrefix(joinedKeyPrefix) ? String($0.key.dropFirst(joinedKeyPrefix.count)) : nil }
    }
}
