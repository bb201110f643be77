/// What the labels mean to the engine, from `Resources/taxonomy.json`: each issue type's ticket
/// type, product area and knowledge-search terms; topics and intents and how they combine into
/// issue types; cues; and knowledge-base categories per ticket type.
struct Taxonomy: Sendable {
    struct Issue: Sendable {
        var ticketType: TicketType
        var productArea: ProductArea
        /// English terms added to the knowledge query.
        var query: String
        /// Which "what would help" list a specialist reply asks for (`Replies`).
        var info: String
        /// Whether a knowledge-base article may be cited for this issue type.
        var citable: Bool
    }

    struct Topic: Sendable {
        var productArea: ProductArea
        var query: String
    }

    struct Combination: Sendable {
        var intent: String
        /// `*` for any topic, or none.
        var topic: String
        var issue: IssueType
        var weight: Double
    }

    var issues: [IssueType: Issue]
    var issuePriority: [IssueType]
    var areaFromTopic: Set<IssueType>
    var topics: [String: Topic]
    var intents: Set<String>
    var cues: [String: String]
    var combinations: [Combination]
    /// `kind:label` of a negated hit → `cue:name` or `sentiment:value` it turns into.
    var negated: [String: String]
    var knowledgeCategories: [TicketType: [String]]
    var emoji: [Unicode.Scalar: Sentiment]
    /// When nothing else matched, a lone topic implies a question about it ("Invoices?").
    var topicFallback: [String: IssueType]
    /// The tone an issue type implies when the wording shows none (a compromise is worrying).
    var sentimentDefaults: [IssueType: SentimentDefault]

    struct SentimentDefault: Sendable {
        var sentiment: Sentiment
        /// `always`, or `question`: only when the latest message asks something ("can it be recovered?").
        var when: String
        var why: String
    }

    private struct File: Decodable {
        struct IssueRow: Decodable {
            var ticket_type: String
            var product_area: String
            var query: String
            var info: String
            var citable: Bool
        }
        struct TopicRow: Decodable {
            var product_area: String
            var query: String
        }
        struct CombinationRow: Decodable {
            var intent: String
            var topic: String
            var issue: String
            var weight: Double
        }
        var issues: [String: IssueRow]
        var issue_priority: [String]
        var area_from_topic: [String]
        var topics: [String: TopicRow]
        var intents: [String]
        var cues: [String: String]
        var combinations: [CombinationRow]
        var negated: [String: String]
        var kb_categories: [String: [String]]
        var emoji: [String: String]
        var topic_fallback: [String: String]
        struct SentimentDefaultRow: Decodable { var sentiment: String; var when: String; var why: String }
        var sentiment_defaults: [String: SentimentDefaultRow]
    }

    static let fileName = "taxonomy.json"

    init(resources: ResourceDirectory) throws {
        let file = try resources.json(File.self, Self.fileName)
        func fail(_ reason: String) -> EngineDataError { .malformed(file: Self.fileName, line: 0, reason: reason) }
        func issue(_ raw: String, _ context: String) throws -> IssueType {
            guard let value = IssueType(rawValue: raw) else { throw fail("unknown issue type '\(raw)' in \(context)") }
            return value
        }
        func area(_ raw: String, _ context: String) throws -> ProductArea {
            guard let value = ProductArea(rawValue: raw) else { throw fail("unknown product area '\(raw)' in \(context)") }
            return value
        }
        var issues = [IssueType: Issue]()
        for (raw, row) in file.issues {
            let key = try issue(raw, "issues")
            guard let type = TicketType(rawValue: row.ticket_type) else { throw fail("unknown ticket type '\(row.ticket_type)' for \(raw)") }
            issues[key] = Issue(ticketType: type, productArea: try area(row.product_area, raw), query: row.query,
                                info: row.info, citable: row.citable)
        }
        for value in IssueType.allCases where issues[value] == nil { throw fail("issue type '\(value.rawValue)' is not described") }
        self.issues = issues
        self.issuePriority = try file.issue_priority.map { try issue($0, "issue_priority") }
        guard Set(issuePriority) == Set(IssueType.allCases) else { throw fail("issue_priority must list every issue type once") }
        self.areaFromTopic = Set(try file.area_from_topic.map { try issue($0, "area_from_topic") })
        var topics = [String: Topic]()
        for (name, row) in file.topics { topics[name] = Topic(productArea: try area(row.product_area, "topic \(name)"), query: row.query) }
        self.topics = topics
        self.intents = Set(file.intents)
        self.cues = file.cues
        self.combinations = try file.combinations.map { row in
            guard file.intents.contains(row.intent) else { throw fail("combination uses unknown intent '\(row.intent)'") }
            guard row.topic == "*" || topics[row.topic] != nil else { throw fail("combination uses unknown topic '\(row.topic)'") }
            return Combination(intent: row.intent, topic: row.topic, issue: try issue(row.issue, "combinations"), weight: row.weight)
        }
        for (from, to) in file.negated {
            let target = to.split(separator: ":")
            guard target.count == 2,
                  (target[0] == "cue" && file.cues[String(target[1])] != nil)
                  || (target[0] == "sentiment" && Sentiment(rawValue: String(target[1])) != nil) else {
                throw fail("negated '\(from)' → '\(to)': target must be cue:<known cue> or sentiment:<value>")
            }
        }
        self.negated = file.negated
        var categories = [TicketType: [String]]()
        for (raw, list) in file.kb_categories {
            guard let type = TicketType(rawValue: raw) else { throw fail("kb_categories: unknown ticket type '\(raw)'") }
            categories[type] = list
        }
        for type in TicketType.allCases where categories[type] == nil { throw fail("kb_categories: missing '\(type.rawValue)'") }
        self.knowledgeCategories = categories
        var emoji = [Unicode.Scalar: Sentiment]()
        for (symbol, raw) in file.emoji {
            guard let scalar = symbol.unicodeScalars.first, let sentiment = Sentiment(rawValue: raw) else {
                throw fail("emoji '\(symbol)': unknown sentiment '\(raw)'")
            }
            emoji[scalar] = sentiment
        }
        self.emoji = emoji
        var fallback = [String: IssueType]()
        for (topic, raw) in file.topic_fallback {
            guard topics[topic] != nil else { throw fail("topic_fallback: unknown topic '\(topic)'") }
            fallback[topic] = try issue(raw, "topic_fallback")
        }
        self.topicFallback = fallback
        var defaults = [IssueType: SentimentDefault]()
        for (raw, row) in file.sentiment_defaults {
            guard let sentiment = Sentiment(rawValue: row.sentiment), ["always", "question"].contains(row.when) else {
                throw fail("sentiment_defaults.\(raw): unknown sentiment '\(row.sentiment)' or condition '\(row.when)'")
            }
            defaults[try issue(raw, "sentiment_defaults")] = SentimentDefault(sentiment: sentiment, when: row.when, why: row.why)
        }
        self.sentimentDefaults = defaults
    }

    /// Whether a lexicon label is declared for its kind.
    func knows(_ kind: LexiconEntry.Kind, _ label: String) -> Bool {
        switch kind {
        case .issue: IssueType(rawValue: label) != nil
        case .sentiment: Sentiment(rawValue: label) != nil && label != "neutral"
        case .intent: intents.contains(label)
        case .topic: topics[label] != nil
        case .cue: cues[label] != nil
        case .mask: label == "word"
        }
    }
}
