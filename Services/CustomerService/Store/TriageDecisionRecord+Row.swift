import TriageContracts

extension TriageDecisionRecord {
    init(row: PostgresRow) throws(PostgresError) {
        let confidences = try row.json("confidences", as: [String: Double].self)
        self.init(
            decisionID: try row.string("decision_id"),
            ticketID: try row.string("ticket_id"),
            customerID: try row.string("customer_id"),
            ticketType: try row.string("ticket_type"),
            urgency: try row.string("urgency"),
            action: try row.string("action"),
            productArea: try row.string("product_area"),
            issueType: try row.string("issue_type"),
            sentiment: try row.string("sentiment"),
            language: try row.string("language"),
            confidences: confidences.sorted { $0.key < $1.key }.map { TriageFieldConfidence(field: $0.key, confidence: $0.value) },
            reasoning: try row.string("reasoning"),
            engineVersion: try row.string("engine_version"),
            suggestedResponse: try row.string("suggested_response"),
            articleIDs: try row.json("article_ids", as: [String].self),
            degraded: try row.json("degraded", as: [String].self),
            createdAtMicros: try row.timestamp("created_at")
        )
    }

    /// $1…$16 of ``DecisionStore``'s insert.
    func insertValues() throws -> [PostgresValue] {
        let confidenceObject = Dictionary(confidences.map { ($0.field, $0.confidence) }, uniquingKeysWith: { first, _ in first })
        return [
            .text(decisionID), .text(ticketID), .text(customerID), .text(ticketType), .text(urgency), .text(action),
            .text(productArea), .text(issueType), .text(sentiment), .text(language), try .json(confidenceObject),
            .text(reasoning), .text(engineVersion), .text(suggestedResponse), try .json(articleIDs), try .json(degraded),
        ]
    }
}
