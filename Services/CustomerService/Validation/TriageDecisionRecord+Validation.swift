import TriageContracts
import TriageRPC

extension TriageDecisionRecord {
    /// Presence, lengths and confidences. Which values the enumerated fields may take is the
    /// `triage_decisions` CHECK constraints' job: one list, kept by the schema.
    func validate() throws(RPCError) {
        if !decisionID.isEmpty { try FieldValidation.identifier(decisionID, field: "decision.decision_id") }
        try FieldValidation.identifier(ticketID, field: "decision.ticket_id")
        try FieldValidation.identifier(customerID, field: "decision.customer_id")
        let required: [(String, String, Int)] = [
            (ticketType, "ticket_type", 50), (urgency, "urgency", 50), (action, "action", 50),
            (productArea, "product_area", 100), (issueType, "issue_type", 100), (sentiment, "sentiment", 50),
            (language, "language", 8), (engineVersion, "engine_version", 100),
        ]
        for (value, name, maxLength) in required {
            try FieldValidation.text(value, field: "decision.\(name)", required: true, maxLength: maxLength)
        }
        try FieldValidation.text(reasoning, field: "decision.reasoning")
        try FieldValidation.text(suggestedResponse, field: "decision.suggested_response")
        var seen = Set<String>()
        for (index, confidence) in confidences.enumerated() {
            let field = "decision.confidences[\(index)]"
            try FieldValidation.text(confidence.field, field: "\(field).field", required: true, maxLength: 100)
            guard seen.insert(confidence.field).inserted else { throw .invalidArgument("\(field).field: appears twice") }
            guard confidence.confidence.isFinite, (0...1).contains(confidence.confidence) else {
                throw .invalidArgument("\(field).confidence: must be between 0 and 1")
            }
        }
        for (index, article) in articleIDs.enumerated() {
            try FieldValidation.identifier(article, field: "decision.article_ids[\(index)]")
        }
        for (index, dependency) in degraded.enumerated() {
            try FieldValidation.text(dependency, field: "decision.degraded[\(index)]", required: true, maxLength: 100)
        }
    }

    /// The record as it reads back: confidences by field name, no creation time.
    var normalized: TriageDecisionRecord {
        var copy = self
        copy.confidences.sort { $0.field < $1.field }
        copy.createdAtMicros = 0
        return copy
    }
}
