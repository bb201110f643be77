import Foundation
import TestSupport
import TriageContracts
import TriageRPC

func uniqueTicket(_ label: String = "TKT") -> String { "\(label)-\(UUID().uuidString.prefix(8))" }

func customerMessage(_ text: String, at micros: Int64 = 0) -> SessionMessage {
    SessionMessage(role: .customer, content: text, sentAtMicros: micros)
}

func agentMessage(_ text: String) -> SessionMessage { SessionMessage(role: .agent, content: text) }

/// A state with every field set, to check that nothing is lost on the way through Redis.
func sampleState(step: SessionWorkflowStep = .classified, urgency: String = "high") -> SessionState {
    SessionState(
        status: .active,
        step: step,
        language: "pt",
        customer: SessionCustomerContext(
            plan: "enterprise", tenureMonths: 26, seats: 140, region: "LATAM", previousTicketCount: 2,
            previousTicketIDs: ["TKT-OLD00001", "TKT-OLD00002"], source: .lookup, name: "Ana Souza", notes: "VIP"
        ),
        triage: SessionTriageResult(
            decision: [0x0A, 0x03, 0x61, 0x62, 0x63, 0x00, 0xFF], decisionType: "triage.TriageDecision",
            ticketType: "billing", urgency: urgency, action: "escalate_human", decidedAtMicros: 1_700_000_000_000_000
        ),
        metadata: [SessionMetadataEntry(key: "channel", value: "email"), SessionMetadataEntry(key: "subject", value: "Cobrança duplicada")]
    )
}

/// A record without its expiry instant, which every read computes afresh from the remaining TTL.
func comparable(_ record: SessionRecord) -> SessionRecord {
    var record = record
    record.expiresAtMicros = 0
    return record
}
