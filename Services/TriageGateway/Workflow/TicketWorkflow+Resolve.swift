import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

/// The engine's analysis of a conversation, kept with what it read so that it is reused only for
/// the very same text (an analysis is a pure function of it).
struct EngineReading: Sendable {
    let text: TicketText
    let analysis: TicketAnalysis
}

/// Which ticket a submission belongs to.
enum TicketResolution: Sendable {
    /// A ticket in progress; `followUp` is false only for a retry of the request that opened it.
    /// `joinedAs` is the id this request would have opened had it not joined the ticket: kept with
    /// the ticket, so that a retry finds it even once it is completed.
    case active(SessionRecord, followUp: Bool, joinedAs: String? = nil)
    /// A completed ticket (its conversation is in customer-service).
    case completed(GetConversationResponse)
    /// A new ticket with this id; `matchingDegraded` when active tickets could not be compared;
    /// `reading` is the engine's analysis of the new messages when resolving needed one.
    case new(String, matchingDegraded: Bool, reading: EngineReading? = nil)

    /// The ticket a request works on, to hold it while it does; nil for a completed one (replayed
    /// from customer-service, nothing is written).
    var ticketID: String? {
        switch self {
        case .active(let session, _, _): session.ticketID
        case .completed: nil
        case .new(let ticketID, _, _): ticketID
        }
    }
}

extension TicketWorkflow {
    /// Resolves the ticket (workflow step 1):
    /// - an explicit `ticket_id`: that ticket, active or completed, or a new ticket under that id;
    /// - else the id derived from the request fingerprint, if it exists: a retry of this request;
    /// - else an active ticket of the customer's that already holds these messages, timestamps and
    ///   all: a retry of a request that joined it;
    /// - else one of the customer's active tickets whose conversation is close to the new message;
    /// - else a new ticket.
    func resolve(_ input: TriageInput, incoming: [SessionMessage], fingerprint: RequestFingerprint,
                 budget: CallBudget) async throws -> TicketResolution {
        let start = ContinuousClock.now
        defer { observeStep("resolve", since: start) }
        let ticketID = input.ticketID ?? fingerprint.ticketID
        // Without a ticket_id the customer's active tickets are listed (to find the one a follow-up
        // belongs to), and the same call looks the request's own id up: one session-service call.
        let wantsCandidates = input.ticketID == nil && configuration.followUpCandidates > 0
        let required = try budget.required()
        let listRequest = ListActiveSessionsRequest(customerID: input.customerID, limit: UInt32(configuration.followUpCandidates),
                                                    includeMessages: true, ticketID: ticketID)
        async let candidates: ListActiveSessionsResponse? = wantsCandidates
            ? calls.timed("session-service", "ListActiveSessions") { try await calls.sessions.listActiveSessions(listRequest, options: required) }
            : nil
        async let completed = completedConversation(ticketID, budget: budget)
        // A request that may open a new ticket or join one is read by the engine either way: that
        // reading is made while the lookups are in flight, not after them.
        let text = Conversation.engineTicket(incoming, subject: input.metadata["subject"])
        async let earlyReading: EngineReading? = wantsCandidates ? EngineReading(text: text, analysis: engine.analyze(text)) : nil
        let listing = try await candidates
        let active: SessionRecord?
        if let listing, listing.ticketLookedUp {
            active = listing.ticket
        } else {
            // An explicit ticket_id, or a session-service older than the lookup in the listing.
            active = try await activeSession(ticketID, budget: budget)
        }

        if let session = active {
            guard session.customerID == input.customerID else {
                throw WorkflowError.conflict("ticket \(ticketID) belongs to another customer")
            }
            let openedByThisRequest = session.originRequestKey == fingerprint.requestKey("open")
            return .active(session, followUp: !openedByThisRequest)
        }
        if let conversation = await completed {
            guard conversation.customerID == input.customerID else {
                throw WorkflowError.conflict("ticket \(ticketID) belongs to another customer")
            }
            return .completed(conversation)
        }
        if input.ticketID != nil { return .new(ticketID, matchingDegraded: false) }

        let newText = incoming.filter { $0.role == .customer }.map(\.content).joined(separator: "\n")
        // Only tickets about the same thing, in the same language, may be joined: similarity alone
        // is not enough (the static embeddings of unrelated tickets can be close).
        let reading = await earlyReading ?? EngineReading(text: text, analysis: engine.analyze(text))
        let listed = listing?.sessions ?? []
        if let joined = Self.holding(incoming, among: listed) { return .active(joined, followUp: true, joinedAs: ticketID) }
        let sessions = listed.filter { Self.mayJoin($0, reading: reading.analysis) }
        switch await closestActive(to: newText, among: sessions, budget: budget) {
        case .matched(let session): return .active(session, followUp: true, joinedAs: ticketID)
        case .none: return .new(ticketID, matchingDegraded: false, reading: reading)
        case .unavailable: return .new(ticketID, matchingDegraded: true, reading: reading)
        }
    }

    private func activeSession(_ ticketID: String, budget: CallBudget) async throws -> SessionRecord? {
        try await calls.session(ticketID, options: try budget.required())
    }

    /// The completed conversation under this id, if customer-service has one (and answers in time).
    private func completedConversation(_ ticketID: String, budget: CallBudget) async -> GetConversationResponse? {
        guard let options = budget.optional() else { return nil }
        return try? await calls.timed("customer-service", "GetConversation") {
            try await calls.customers.getConversation(GetConversationRequest(ticketID: ticketID), options: options)
        }
    }

    /// The active ticket that already holds every incoming message with the same timestamp: the
    /// request is a retry of one that joined it, and lands there again whatever the similarities
    /// are now. Messages without a timestamp cannot tell a retry from a repetition, so they never match.
    static func holding(_ incoming: [SessionMessage], among sessions: [SessionRecord]) -> SessionRecord? {
        guard !incoming.isEmpty, incoming.allSatisfy({ $0.sentAtMicros != 0 }) else { return nil }
        return sessions.first { Conversation.contains($0.messages, all: incoming, exactTimes: true) }
    }

    private enum Match { case matched(SessionRecord), none, unavailable }

    /// Whether an active ticket is about the same thing as the new message: the same language, and
    /// the same issue type or ticket type as its last triage. The summary fields of the stored triage
    /// answer it; the whole decision is decoded only for a session a gateway older than them decided.
    static func mayJoin(_ session: SessionRecord, reading: TicketAnalysis) -> Bool {
        guard let state = session.state, let triage = state.triage, !triage.decision.isEmpty else { return false }
        let language: String, issueType: String, ticketType: String
        if !triage.issueType.isEmpty, !state.language.isEmpty {
            (language, issueType, ticketType) = (state.language, triage.issueType, triage.ticketType)
        } else {
            guard let last = try? GatewayTriageResult(serializedBytes: triage.decision) else { return false }
            (language, issueType, ticketType) = (last.language, last.issueType, last.ticketType)
        }
        return language == reading.language.value
            && (issueType == reading.issueType.value.rawValue || ticketType == reading.ticketType.value.rawValue)
    }

    /// The active ticket whose recent customer messages are most similar to `text` (cosine of
    /// knowledge-service's embeddings), if above the threshold.
    private func closestActive(to text: String, among sessions: [SessionRecord], budget: CallBudget) async -> Match {
        guard !sessions.isEmpty, !text.isEmpty else { return .none }
        let summaries = sessions.map { session in
            String(session.messages.filter { $0.role == .customer }.suffix(3).map(\.content).joined(separator: "\n").prefix(2000))
        }
        guard let embedded = await embed([String(text.prefix(2000))] + summaries, budget: budget) else { return .unavailable }
        let threshold = embedded.model.contains(":static") ? configuration.followUpSimilarityStatic : configuration.followUpSimilarity
        let query = embedded.vectors[0]
        var best: (index: Int, similarity: Double)?
        for (index, vector) in embedded.vectors.dropFirst().enumerated() {
            var dot: Float = 0
            for (a, b) in zip(query, vector) { dot += a * b }
            let similarity = Double(dot)
            if similarity >= threshold, similarity > (best?.similarity ?? -1) { best = (index, similarity) }
        }
        guard let best else { return .none }
        logger.debug("follow-up matched", ["ticket_id": .string(sessions[best.index].ticketID), "similarity": .double(best.similarity)])
        return .matched(sessions[best.index])
    }

    /// Vectors for `texts`, in order: from the cache where known, the rest from one Embed call.
    private func embed(_ texts: [String], budget: CallBudget) async -> (model: String, vectors: [[Float]])? {
        let cached = embeddings.lookup(texts)
        let missing = texts.indices.filter { cached.vectors[$0] == nil }
        if missing.isEmpty { return (cached.model, cached.vectors.map { $0! }) }
        guard let options = budget.optional(),
              let response = try? await calls.timed("knowledge-service", "Embed", {
                  try await calls.knowledge.embed(KnowledgeEmbedRequest(texts: missing.map { texts[$0] }), options: options)
              }),
              response.vectors.count == missing.count else { return nil }
        embeddings.store(zip(missing, response.vectors).map { (texts[$0], $1.values) }, model: response.model)
        guard response.model == cached.model || missing.count == texts.count else {
            // The cached vectors came from another model: embed everything again.
            return await embed(texts, budget: budget)
        }
        var vectors = cached.vectors
        for (index, vector) in zip(missing, response.vectors) { vectors[index] = vector.values }
        return (response.model, vectors.map { $0! })
    }
}
