import TriageContracts
import TriageJSON

/// The HTTP contract's shapes (design/http-contract.md): the origin's TriageResult fields first,
/// then Triage's additions.
enum ResultJSON {
    static func triage(_ result: GatewayTriageResult) -> JSON {
        var extracted: JSONObject = [
            "product_area": .string(result.productArea),
            "issue_type": .string(result.issueType),
            "sentiment": .string(result.sentiment),
            "language": .string(result.language),
        ]
        extracted["entities"] = .array(result.entities.map { entity in
            .object([
                "kind": .string(entity.kind), "text": .string(entity.text), "value": .string(entity.value),
                "start": .int(entity.start), "end": .int(entity.end), "message_index": .int(entity.messageIndex),
            ])
        })
        var confidence = JSONObject()
        for entry in result.confidence {
            confidence[entry.field] = .object(["value": .number((entry.value * 1000).rounded() / 1000), "band": .string(entry.band)])
        }
        var object: JSONObject = [
            "ticket_id": .string(result.ticketID),
            "ticket_type": .string(result.ticketType),
            "urgency": .string(result.urgency),
            "extracted_info": .object(extracted),
            "recommended_action": .string(result.recommendedAction),
            "suggested_response": .string(result.suggestedResponse),
            "relevant_articles": .array(result.relevantArticles.map { article in
                .object(["id": .string(article.id), "title": .string(article.title),
                         "relevance_score": .number((article.relevanceScore * 1000).rounded() / 1000)])
            }),
            "reasoning": .string(result.reasoning),
        ]
        object["confidence"] = .object(confidence)
        object["routing"] = .object(["queue": .string(result.routingQueue), "sla_first_response_minutes": .int(result.slaFirstResponseMinutes)])
        object["reasoning_details"] = .array(result.reasoningDetails.map { detail in
            .object(["field": .string(detail.field), "value": .string(detail.value),
                     "signals": .array(detail.signals.map { .string($0) }), "rule": .string(detail.rule)])
        })
        object["degraded"] = .array(result.degraded.map { .string($0) })
        object["status"] = .string(result.status)
        object["follow_up"] = .bool(result.followUp)
        object["customer_id"] = .string(result.customerID)
        object["engine_version"] = .string(result.engineVersion)
        return .object(object)
    }

    /// The last decision as customer-service's audit trail holds it (for completed tickets).
    static func auditDecision(_ record: TriageDecisionRecord) -> JSON {
        var confidence = JSONObject()
        for entry in record.confidences { confidence[entry.field] = .number((entry.confidence * 1000).rounded() / 1000) }
        return .object([
            "ticket_type": .string(record.ticketType),
            "urgency": .string(record.urgency),
            "extracted_info": .object(["product_area": .string(record.productArea), "issue_type": .string(record.issueType),
                                       "sentiment": .string(record.sentiment), "language": .string(record.language)]),
            "recommended_action": .string(record.action),
            "suggested_response": .string(record.suggestedResponse),
            "relevant_articles": .array(record.articleIDs.map { .object(["id": .string($0)]) }),
            "reasoning": .string(record.reasoning),
            "confidence": .object(confidence),
            "degraded": .array(record.degraded.map { .string($0) }),
            "engine_version": .string(record.engineVersion),
            "decided_at": .string(Timestamps.format(micros: record.createdAtMicros)),
        ])
    }
}
