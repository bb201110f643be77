import TriageCore

/// How the triage workflow runs, read once from the environment.
struct WorkflowConfiguration: Sendable {
    /// `TRIAGE_DEADLINE_MS`, default 2000: the whole ticket, every downstream call included.
    var deadline: Duration
    /// `TRIAGE_OPTIONAL_CALL_TIMEOUT_MS`, default 600: the most a call that can be skipped (customer
    /// lookup, knowledge search, follow-up matching) may take before the ticket goes on without it.
    var optionalCallTimeout: Duration
    /// `TRIAGE_FOLLOW_UP_SIMILARITY`, default 0.6: the cosine similarity above which a new message
    /// without a ticket id joins one of the customer's active tickets (transformer embeddings).
    var followUpSimilarity: Double
    /// `TRIAGE_FOLLOW_UP_SIMILARITY_STATIC`, default 0.8: the same with the static embedding mode,
    /// whose vectors sit closer together (unrelated tickets reach 0.7 at the 90th percentile).
    var followUpSimilarityStatic: Double
    /// `TRIAGE_FOLLOW_UP_CANDIDATES`, default 10: active tickets compared with a new message.
    var followUpCandidates: Int
    /// `TRIAGE_KB_LIMIT`, default 3, and `TRIAGE_KB_MIN_SCORE`, default 0.35 (calibrated 0..1).
    var knowledgeLimit: Int
    var knowledgeMinScore: Double

    init(deadline: Duration = .seconds(2), optionalCallTimeout: Duration = .milliseconds(600), followUpSimilarity: Double = 0.6,
         followUpSimilarityStatic: Double = 0.8, followUpCandidates: Int = 10, knowledgeLimit: Int = 3, knowledgeMinScore: Double = 0.35) {
        self.deadline = deadline
        self.optionalCallTimeout = optionalCallTimeout
        self.followUpSimilarity = followUpSimilarity
        self.followUpSimilarityStatic = followUpSimilarityStatic
        self.followUpCandidates = followUpCandidates
        self.knowledgeLimit = knowledgeLimit
        self.knowledgeMinScore = knowledgeMinScore
    }

    init(environment: Environment) throws(ConfigurationError) {
        let similarity = try environment.value("TRIAGE_FOLLOW_UP_SIMILARITY", default: 0.6) { Double($0).flatMap { (0...1).contains($0) ? $0 : nil } }
        let staticSimilarity = try environment.value("TRIAGE_FOLLOW_UP_SIMILARITY_STATIC", default: 0.8) { Double($0).flatMap { (0...1).contains($0) ? $0 : nil } }
        let minScore = try environment.value("TRIAGE_KB_MIN_SCORE", default: 0.35) { Double($0).flatMap { (0...1).contains($0) ? $0 : nil } }
        self.init(
            deadline: try environment.milliseconds("TRIAGE_DEADLINE_MS", default: .seconds(2)),
            optionalCallTimeout: try environment.milliseconds("TRIAGE_OPTIONAL_CALL_TIMEOUT_MS", default: .milliseconds(600)),
            followUpSimilarity: similarity,
            followUpSimilarityStatic: staticSimilarity,
            followUpCandidates: try environment.int("TRIAGE_FOLLOW_UP_CANDIDATES", default: 10, in: 0...100),
            knowledgeLimit: try environment.int("TRIAGE_KB_LIMIT", default: 3, in: 1...20),
            knowledgeMinScore: minScore
        )
    }
}
