/// An article the reply relies on.
public struct CitedArticle: Sendable, Hashable {
    public var id: String
    public var title: String
    public var relevanceScore: Double

    public init(id: String, title: String, relevanceScore: Double) {
        self.id = id
        self.title = title
        self.relevanceScore = relevanceScore
    }
}

/// Where the ticket goes and how soon it must get a first answer.
public struct Routing: Sendable, Hashable {
    public var queue: String
    public var slaFirstResponseMinutes: Int

    public init(queue: String, slaFirstResponseMinutes: Int) {
        self.queue = queue
        self.slaFirstResponseMinutes = slaFirstResponseMinutes
    }
}

/// Why one field has its value.
public struct ReasoningDetail: Sendable, Hashable {
    public var field: String
    public var value: String
    public var signals: [String]
    public var rule: String

    public init(field: String, value: String, signals: [String], rule: String) {
        self.field = field
        self.value = value
        self.signals = signals
        self.rule = rule
    }
}

/// The drafted reply.
public struct SuggestedResponse: Sendable, Hashable {
    public var text: String
    /// The language the reply is written in.
    public var language: String
    /// True when no template exists for the customer's language and the reply is in English.
    public var isEnglishFallback: Bool
    /// The template used, e.g. `auto_respond.article`.
    public var template: String

    public init(text: String, language: String, isEnglishFallback: Bool, template: String) {
        self.text = text
        self.language = language
        self.isEnglishFallback = isEnglishFallback
        self.template = template
    }
}

/// The full triage of a ticket: the analysis, plus what depends on the customer and the knowledge base.
public struct TriageDecision: Sendable, Hashable {
    public var language: Classified<String>
    public var ticketType: Classified<TicketType>
    public var issueType: Classified<IssueType>
    public var productArea: Classified<ProductArea>
    public var sentiment: Classified<Sentiment>
    public var entities: [Entity]
    public var urgency: Classified<Urgency>
    public var recommendedAction: Classified<RecommendedAction>
    public var suggestedResponse: SuggestedResponse
    public var citedArticles: [CitedArticle]
    /// One readable paragraph.
    public var reasoning: String
    /// One entry per field.
    public var reasoningDetails: [ReasoningDetail]
    /// Per field name (`language`, `ticket_type`, `issue_type`, `product_area`, `sentiment`, `urgency`,
    /// `recommended_action`).
    public var confidence: [String: FieldConfidence]
    public var routing: Routing
    /// The version of the engine's data files.
    public var engineVersion: String
    /// Degraded inputs and defaults taken (unknown customer, knowledge unavailable, English fallback).
    public var notes: [String]
    /// Names of the inputs that were unavailable (`customer`, `knowledge`).
    public var degraded: [String]
}
