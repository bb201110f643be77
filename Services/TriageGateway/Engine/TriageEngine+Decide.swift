extension TriageEngine {
    /// Decides urgency, action, citations, reply, routing and reasoning from the analysis, the
    /// customer (`nil` when unknown: a conservative default, said in the reasoning) and the
    /// knowledge search's result.
    public func decide(_ conversation: TicketAnalysis, customer: CustomerContext?, knowledge: KnowledgeResult) -> TriageDecision {
        var notes = [String]()
        var degraded = [String]()
        let plan: String
        var customerSignals: [String]
        if let customer, !customer.isDefaulted {
            plan = Self.normalizedPlan(customer.plan)
            customerSignals = ["plan \(customer.plan)" + (plan != customer.plan ? " (treated as \(plan))" : "")]
            if let seats = customer.seats { customerSignals.append("\(seats) seats") }
        } else {
            plan = Self.normalizedPlan(configuration.unknownCustomerPlan)
            customerSignals = ["customer unknown: treated as \(plan) (conservative default)"]
            notes.append("Customer not found: triaged with the conservative default plan '\(plan)'.")
            degraded.append("customer")
        }
        // Some issue types depend on who asks (an enterprise capability request with seats at stake).
        let analysis = Self.readForCustomer(conversation, plan: customer.map { $0.isDefaulted ? "" : plan } ?? "", taxonomy: data.taxonomy)
        let issue = analysis.issueType.value
        let citable = data.taxonomy.issues[issue]?.citable ?? false
        let citation = Citations(minimumScore: configuration.citationMinimumScore, maximum: configuration.maximumCitations)
            .choose(knowledge.hits, citable: citable && !analysis.isEmpty, categories: analysis.knowledgeQuery.categories)
        if !knowledge.isAvailable {
            notes.append("Knowledge base unavailable: no articles searched.")
            degraded.append("knowledge")
        }
        var facts = PolicyFacts(
            issue: issue, ticketType: analysis.ticketType.value, sentiment: analysis.policyTone, plan: plan,
            seats: customer?.seats ?? 0, previousTickets: customer?.previousTickets ?? 0,
            cues: Set(analysis.cues.map(\.name)), entityKinds: Set(analysis.entities.map(\.kind.rawValue)),
            knowledge: !knowledge.isAvailable ? "unavailable" : (citation.cited.isEmpty ? "none" : "hit"),
            urgency: nil, language: analysis.language.value)
        if analysis.isEmpty { facts.cues.insert("empty") }
        let urgency = data.policies.decideUrgency(facts)
        facts.urgency = urgency.value
        let action = data.policies.decideAction(facts)
        let cuesUsed = analysis.cues.filter { cue in urgency.rule.contains(cue.name) || ["deadline", "deadline_hours", "blocked",
            "mass_impact", "repeated", "not_urgent", "legal", "chargeback", "churn", "production"].contains(cue.name) }
        let article = citation.cited.first.map { hit in (hit: hit, step: KeyStep.from(hit.snippet) ?? hit.title) }
        let draft = ReplyComposer(templates: data.replies, taxonomy: data.taxonomy).compose(
            action: action.value, issue: issue, ticketType: analysis.ticketType.value, language: analysis.language.value,
            isEmpty: analysis.isEmpty, article: article)
        if draft.response.isEnglishFallback { notes.append("No reply templates for '\(analysis.language.value)': reply drafted in English.") }
        let routing = data.policies.route(action: action.value, type: analysis.ticketType.value, plan: plan, urgency: urgency.value)

        let base = analysis.issueType.confidence
        let customerPenalty = degraded.contains("customer") ? 0.1 : 0
        // Urgency and action follow from the issue type; when the learned model set it, they say so.
        let learned = analysis.issueType.rule == IssueClassifier.learnedRule
            ? ["issue type \(issue.rawValue) set by the learned model (p \(IssueClassifier.short(analysis.issueType.confidence))), not by a lexicon rule"]
            : []
        let urgencyField = Classified(value: urgency.value, confidence: 0.35 + 0.55 * base - customerPenalty,
                                      signals: urgency.why + learned + customerSignals + cuesUsed.map(\.evidence), rule: urgency.rule)
        let actionField = Classified(value: action.value, confidence: 0.35 + 0.55 * base - customerPenalty,
                                     signals: [action.why] + learned + citation.signals, rule: action.rule)
        let bands = configuration.confidenceBands
        func band(_ value: Double) -> FieldConfidence { FieldConfidence(value: value, band: bands.band(for: value)) }
        let confidence: [String: FieldConfidence] = [
            "language": band(analysis.language.confidence), "ticket_type": band(analysis.ticketType.confidence),
            "issue_type": band(analysis.issueType.confidence), "product_area": band(analysis.productArea.confidence),
            "sentiment": band(analysis.sentiment.confidence), "urgency": band(urgencyField.confidence),
            "recommended_action": band(actionField.confidence),
        ]
        let cited = citation.cited.map { CitedArticle(id: $0.id, title: $0.title, relevanceScore: min(1, max(0, $0.score))) }
        let details = ReasoningWriter.details(analysis: analysis, urgency: urgencyField, action: actionField, draft: draft,
                                              routing: routing, citationSignals: citation.signals)
        let paragraph = ReasoningWriter.paragraph(analysis: analysis, urgency: urgencyField, action: actionField, cited: cited,
                                                  routing: routing, customerSignals: customerSignals, notes: notes)
        return TriageDecision(
            language: analysis.language, ticketType: analysis.ticketType, issueType: analysis.issueType,
            productArea: analysis.productArea, sentiment: analysis.sentiment, entities: analysis.entities, urgency: urgencyField,
            recommendedAction: actionField, suggestedResponse: draft.response, citedArticles: cited, reasoning: paragraph,
            reasoningDetails: details, confidence: confidence, routing: routing, engineVersion: version, notes: notes,
            degraded: degraded)
    }

    /// `free` and `trial` plans are free, plans named enterprise are enterprise, any other paid plan is pro.
    static func normalizedPlan(_ plan: String) -> String {
        let lowered = plan.lowercased()
        if lowered.contains("enterprise") { return "enterprise" }
        if lowered.contains("free") || lowered.contains("trial") { return "free" }
        return "pro"
    }
}
