/// The triage engine: reads a ticket, then decides urgency, action, reply and routing, and explains
/// every field. Pure and deterministic; loads its data files once, at initialisation.
///
/// Two phases, so the knowledge search (which needs the classification) can run while the customer
/// is looked up: ``analyze(_:)`` reads the conversation, ``decide(_:customer:knowledge:)`` adds the
/// customer and the knowledge-base hits.
public struct TriageEngine: Sendable {
    let data: EngineData
    public let configuration: Configuration

    /// Characters of one message the engine reads (the rest is ignored, and said so). A CJK or
    /// Hangul character counts as two: it carries a word or more, and every one starts lexicon
    /// lookups, so 8,000 of them cost twice what 8,000 Latin letters do.
    static let messageLimit = 8_000
    /// Characters of the whole conversation the engine reads, counted the same way, newest first.
    static let conversationLimit = 16_000
    /// Customer messages the engine reads, the latest ones. A ticket that follow-ups keep joining
    /// would otherwise cost more to read with every message, for context that no longer decides.
    static let customerMessageLimit = 12

    /// How many leading scalars of `scalars` fit in `limit` weighted characters, their weight, and
    /// whether that is all of them.
    static func readablePrefix(_ scalars: String.UnicodeScalarView, limit: Int) -> (count: Int, weight: Int, complete: Bool) {
        var count = 0, weight = 0
        for scalar in scalars {
            let cost = isDense(scalar) ? 2 : 1
            if weight + cost > limit { return (count, weight, false) }
            weight += cost
            count += 1
        }
        return (count, weight, true)
    }

    private static func isDense(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: true
        default: false
        }
    }

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
