/// The triage engine: reads a ticket, then decides urgency, action, reply and routing, and explains
/// every field. Pure and deterministic; loads its data files once, at initialisation.
///
/// Two phases, so the knowledge search (which needs the classification) can run while the customer
/// is looked up: ``analyze(_:)`` reads the conversation, ``decide(_:customer:knowledge:)`` adds the
/// customer and the knowledge-base hits.
public struct TriageEngine: Sendable {
    let data: EngineData
    public let configuration: Configuration

    /// Characters of one message the engine reads (the rest is ignored, and said so).
    static let messageLimit = 8_000
    /// Characters of the whole conversation the engine reads.
    static let conversationLimit = 16_000

    /// Loads and validates the data files.
    /// - Throws: ``EngineDataError`` naming the file (and line) that is missing or malformed.
    public init(configuration: Configuration = .default) throws {
        let resources = try configuration.resourceDirectory.map { ResourceDirectory(url: $0) } ?? ResourceDirectory.bundled()
        self.data = try EngineData(resources: resources)
        self.configuration = configuration
    }

    /// The version of the data files, e.g. `2026.12.1`.
    public var version: String { data.manifest.version }

    /// Languages with reply templates; others get an English reply, flagged.
    public var replyLanguages: [String] { data.manifest.reply_languages }

    /// Analyses and decides in one call.
    public func triage(_ ticket: TicketText, customer: CustomerContext?, knowledge: KnowledgeResult) -> TriageDecision {
        decide(analyze(ticket), customer: customer, knowledge: knowledge)
    }
}
