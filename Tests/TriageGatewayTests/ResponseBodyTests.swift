import Testing
import TriageContracts
import TriageJSON
@testable import TriageGateway

/// The exact HTTP response bodies: written once with the JSON codec of the time, so that a change
/// of codec (or of a builder) that alters a byte shows here.
@Suite("HTTP response bodies")
struct ResponseBodyTests {
    func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static let result = GatewayTriageResult(
        ticketID: "TKT-JZ5QF76D", ticketType: "technical", urgency: "critical", productArea: "infrastructure", issueType: "outage",
        sentiment: "neutral", language: "en", recommendedAction: "escalate_human", suggestedResponse: "Hi,\n\"sorry\" — we're on it 😀",
        relevantArticles: [GatewayArticle(id: "kb-7", title: "Outages", relevanceScore: 0.87654)],
        reasoning: "\"is down\" → outage (+3)\t", entities: [GatewayEntity(kind: "http_status", text: "503", value: "503", start: 59, end: 62, messageIndex: 0)],
        confidence: [GatewayConfidence(field: "urgency", value: 0.72149, band: "medium"), GatewayConfidence(field: "ticket_type", value: 1, band: "high")],
        routingQueue: "escalations", slaFirstResponseMinutes: 15,
        reasoningDetails: [GatewayReasoningDetail(field: "urgency", value: "critical", signals: ["outage", "enterprise"], rule: "urgency.enterprise_outage")],
        degraded: ["knowledge"], status: "completed", engineVersion: "engine-1", followUp: true, customerID: "customer_001")

    @Test func aTriageResult() {
        #expect(text(.json(ResultJSON.triage(Self.result))) == #"{"ticket_id":"TKT-JZ5QF76D","ticket_type":"technical","urgency":"critical","extracted_info":{"product_area":"infrastructure","issue_type":"outage","sentiment":"neutral","language":"en","entities":[{"kind":"http_status","text":"503","value":"503","start":59,"end":62,"message_index":0}]},"recommended_action":"escalate_human","suggested_response":"Hi,\n\"sorry\" — we're on it 😀","relevant_articles":[{"id":"kb-7","title":"Outages","relevance_score":0.877}],"reasoning":"\"is down\" → outage (+3)\t","confidence":{"urgency":{"value":0.721,"band":"medium"},"ticket_type":{"value":1,"band":"high"}},"routing":{"queue":"escalations","sla_first_response_minutes":15},"reasoning_details":[{"field":"urgency","value":"critical","signals":["outage","enterprise"],"rule":"urgency.enterprise_outage"}],"degraded":["knowledge"],"status":"completed","follow_up":true,"customer_id":"customer_001","engine_version":"engine-1"}"#)
    }

    @Test func anAuditedDecision() {
        let record = TriageDecisionRecord(ticketType: "billing", urgency: "low", action: "auto_respond", productArea: "billing", issueType: "refund",
                                          sentiment: "negative", language: "de", confidences: [TriageFieldConfidence(field: "urgency", confidence: 0.5)],
                                          reasoning: "r", engineVersion: "e", suggestedResponse: "Hallo", articleIDs: ["kb-1", "kb-2"], degraded: [],
                                          createdAtMicros: 1_731_679_200_000_123)
        #expect(text(.json(ResultJSON.auditDecision(record))) == #"{"ticket_type":"billing","urgency":"low","extracted_info":{"product_area":"billing","issue_type":"refund","sentiment":"negative","language":"de"},"recommended_action":"auto_respond","suggested_response":"Hallo","relevant_articles":[{"id":"kb-1"},{"id":"kb-2"}],"reasoning":"r","confidence":{"urgency":0.5},"degraded":[],"engine_version":"e","decided_at":"2024-11-15T14:00:00.000123Z"}"#)
    }

    @Test func errorsAndHealth() {
        let error = HTTPResponse.error(400, code: "invalid_request", message: "body is not valid JSON (invalid literal at byte 6)", field: "body")
        #expect(error.status == 400 && error.headers.map(\.value) == ["application/json; charset=utf-8"])
        #expect(text(error) == #"{"error":{"code":"invalid_request","message":"body is not valid JSON (invalid literal at byte 6)","field":"body"}}"#)
        #expect(text(.error(503, code: "service_unavailable", message: "x")) == #"{"error":{"code":"service_unavailable","message":"x"}}"#)
    }

    /// Native RPC requests are validated as the HTTP body they stand for.
    @Test func anRPCRequestAsItsContractBody() {
        let request = GatewayTriageRequest(customerID: "c1", ticketID: "TKT-1",
                                           customerInfo: GatewayCustomerInfo(plan: "pro", tenure: .tenureMonths(24), region: "EU", seatCount: .seats(3), previous: .previousTickets(0)),
                                           messages: [GatewayMessage(role: "customer", content: "Olá\n", timestamp: "2024-11-15T14:00:00Z")],
                                           metadata: [GatewayMetadataEntry(key: "channel", value: "email"), GatewayMetadataEntry(key: "channel", value: "chat")])
        #expect(String(decoding: GatewayRPCService.contractJSON(request).serialized(), as: UTF8.self) == #"{"customer_id":"c1","ticket_id":"TKT-1","customer_info":{"plan":"pro","tenure_months":24,"region":"EU","seats":3,"previous_tickets":0},"messages":[{"role":"customer","content":"Olá\n","timestamp":"2024-11-15T14:00:00Z"}],"metadata":{"channel":"chat"}}"#)
    }
}
