import TriageContracts
import TriageEngine

/// The engine's decision as the gateway's wire and storage forms.
enum DecisionEncoding {
    /// The response of `POST /api/triage` and `/triage.Gateway/Triage`; also the stored last triage
    /// of an active session.
    static func result(_ decision: TriageDecision, ticketID: String, customerID: String, status: String,
                       followUp: Bool, degraded: [String]) -> GatewayTriageResult {
        GatewayTriageResult(
            ticketID: ticketID,
            ticketType: decision.ticketType.value.rawValue,
            urgency: decision.urgency.value.rawValue,
            productArea: decision.productArea.value.rawValue,
            issueType: decision.issueType.value.rawValue,
            sentiment: decision.sentiment.value.rawValue,
            language: decision.language.value,
            recommendedAction: decision.recommendedAction.value.rawValue,
            suggestedResponse: decision.suggestedResponse.text,
            relevantArticles: decision.citedArticles.map {
                GatewayArticle(id: $0.id, title: $0.title, relevanceScore: max(0, min(1, $0.relevanceScore)))
            },
            reasoning: decision.reasoning,
            entities: decision.entities.map {
                GatewayEntity(kind: $0.kind.rawValue, text: $0.text, value: $0.normalized, start: Int32(clamping: $0.start),
                              end: Int32(clamping: $0.end), messageIndex: Int32(clamping: $0.messageIndex))
            },
            confidence: decision.confidence.keys.sorted().map { field in
                let confidence = decision.confidence[field]!
                return GatewayConfidence(field: field, value: confidence.value, band: confidence.band.rawValue)
            },
            routingQueue: decision.routing.queue,
            slaFirstResponseMinutes: Int32(clamping: decision.routing.slaFirstResponseMinutes),
            reasoningDetails: decision.reasoningDetails.map {
                GatewayReasoningDetail(field: $0.field, value: $0.value, signals: $0.signals, rule: $0.rule)
            },
            degraded: degraded,
            status: status,
            engineVersion: decision.engineVersion,
            followUp: followUp,
            customerID: customerID
        )
    }

    /// One row of customer-service's `triage_decisions` audit trail.
    static func auditRecord(_ decision: TriageDecision, result: GatewayTriageResult, decisionID: String) -> TriageDecisionRecord {
        TriageDecisionRecord(
            decisionID: decisionID,
            ticketID: result.ticketID,
            customerID: result.customerID,
            ticketType: result.ticketType,
            urgency: result.urgency,
            action: result.recommendedAction,
            productArea: result.productArea,
            issueType: result.issueType,
            sentiment: result.sentiment,
            language: result.language,
            confidences: result.confidence.map { TriageFieldConfidence(field: $0.field, confidence: $0.value) },
            reasoning: result.reasoning,
            engineVersion: result.engineVersion,
            suggestedResponse: result.suggestedResponse,
            articleIDs: result.relevantArticles.map(\.id),
            degraded: result.degraded
        )
    }
}
