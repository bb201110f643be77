/// The knowledge-base search the engine asks for.
public struct KnowledgeQuery: Sendable, Hashable {
    /// The customer's text; for non-English tickets expanded with English terms of what was detected.
    public var text: String
    /// Knowledge-base categories to filter on, from the ticket type.
    public var categories: [String]
    /// The customer's language (ISO 639-1).
    public var language: String

    public init(text: String, categories: [String], language: String) {
        self.text = text
        self.categories = categories
        self.language = language
    }
}

/// One article the knowledge service returned.
public struct KnowledgeHit: Sendable, Hashable {
    public var id: String
    public var title: String
    public var category: String
    /// Relevance, 0…1.
    public var score: Double
    /// The passage that matched (the article's text or its best chunk).
    public var snippet: String

    public init(id: String, title: String, category: String, score: Double, snippet: String) {
        self.id = id
        self.title = title
        self.category = category
        self.score = score
        self.snippet = snippet
    }
}

/// What the knowledge search produced: hits (possibly none), or nothing because it was unavailable.
public struct KnowledgeResult: Sendable, Hashable {
    public var hits: [KnowledgeHit]
    /// False when the knowledge service could not be asked; the decision then says so.
    public var isAvailable: Bool

    public init(hits: [KnowledgeHit]) {
        self.hits = hits
        self.isAvailable = true
    }

    /// The knowledge service was down or timed out.
    public static let unavailable = KnowledgeResult(hits: [], isAvailable: false)

    private init(hits: [KnowledgeHit], isAvailable: Bool) {
        self.hits = hits
        self.isAvailable = isAvailable
    }
}
