import Foundation

extension TriageEngine {
    /// How the engine is set up: where its data files are, and the thresholds it applies.
    public struct Configuration: Sendable {
        /// A directory holding the data files (`manifest.json`, `taxonomy.json`, …); `nil` for the bundled ones.
        public var resourceDirectory: URL?
        /// Confidence band limits.
        public var confidenceBands: ConfidenceBands
        /// Knowledge hits below this relevance are never cited.
        public var citationMinimumScore: Double
        /// At most this many articles are cited.
        public var maximumCitations: Int
        /// The plan assumed when the customer is unknown: a paying customer, so nothing at stake is
        /// under-prioritised, but not enterprise.
        public var unknownCustomerPlan: String
        /// Whether the learned issue-type model is fused with the rules (`false`: the rules alone, to
        /// compare the two; the model is loaded and validated either way).
        public var learnedSignal: Bool

        public init(resourceDirectory: URL? = nil, confidenceBands: ConfidenceBands = ConfidenceBands(),
                    citationMinimumScore: Double = 0.35, maximumCitations: Int = 2, unknownCustomerPlan: String = "pro",
                    learnedSignal: Bool = true) {
            self.resourceDirectory = resourceDirectory
            self.learnedSignal = learnedSignal
            self.confidenceBands = confidenceBands
            self.citationMinimumScore = citationMinimumScore
            self.maximumCitations = maximumCitations
            self.unknownCustomerPlan = unknownCustomerPlan
        }

        /// The bundled data files and default thresholds.
        public static let `default` = Configuration()
    }
}
