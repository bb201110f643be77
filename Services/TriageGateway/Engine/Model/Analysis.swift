/// A cue the analysis found that is not a field of its own but feeds urgency and action
/// (e.g. `blocked`, `deadline`, `repeated`, `not_urgent`, `churn`).
public struct Cue: Sendable, Hashable {
    public var name: String
    /// The evidence, readable (the matched text, or the entity that implied the cue).
    public var evidence: String

    public init(name: String, evidence: String) {
        self.name = name
        self.evidence = evidence
    }
}

/// Everything the engine reads from the conversation alone, before the customer and the knowledge
/// base are known.
public struct TicketAnalysis: Sendable, Hashable {
    /// ISO 639-1 code of the customer's text.
    public var language: Classified<String>
    public var ticketType: Classified<TicketType>
    public var issueType: Classified<IssueType>
    public var productArea: Classified<ProductArea>
    public var sentiment: Classified<Sentiment>
    /// The tone the policy tables read ("repeated failed attempts with frustration"): the rules'
    /// reading from the words, not the learned model's, so that urgency and action keep resting on
    /// what the customer wrote.
    public var policyTone: Sentiment
    public var entities: [Entity]
    public var cues: [Cue]
    /// The knowledge search to run for this ticket.
    public var knowledgeQuery: KnowledgeQuery
    /// True when the customer's text has no letters or digits at all.
    public var isEmpty: Bool

    public init(language: Classified<String>, ticketType: Classified<TicketType>, issueType: Classified<IssueType>,
                productArea: Classified<ProductArea>, sentiment: Classified<Sentiment>, policyTone: Sentiment? = nil,
                entities: [Entity], cues: [Cue], knowledgeQuery: KnowledgeQuery, isEmpty: Bool) {
        self.language = language
        self.ticketType = ticketType
        self.issueType = issueType
        self.productArea = productArea
        self.sentiment = sentiment
        self.policyTone = policyTone ?? sentiment.value
        self.entities = entities
        self.cues = cues
        self.knowledgeQuery = knowledgeQuery
        self.isEmpty = isEmpty
    }

    /// Whether a cue of this name was found.
    public func has(_ cue: String) -> Bool { cues.contains { $0.name == cue } }
}
