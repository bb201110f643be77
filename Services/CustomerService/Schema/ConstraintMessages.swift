/// What a violated constraint means to a caller, by constraint name: the field it guards and
/// the rule, never the SQL behind it.
enum ConstraintMessages {
    private static let messages: [String: String] = [
        "chk_plan": "plan: must be free, pro or enterprise",
        "chk_role": "role: must be human, ai or system",
        "chk_decision_ticket_type": "decision.ticket_type: must be billing, technical or general",
        "chk_decision_urgency": "decision.urgency: must be critical, high, medium or low",
        "chk_decision_action": "decision.action: must be auto_respond, route_specialist or escalate_human",
        "chk_decision_product_area": "decision.product_area: must be a snake_case code",
        "chk_decision_issue_type": "decision.issue_type: must be a snake_case code",
        "chk_decision_sentiment": "decision.sentiment: must be a snake_case code",
        "chk_decision_language": "decision.language: must be an ISO 639-1 code (two lower-case letters)",
        "triage_decisions_pkey": "decision.decision_id: a different decision was already recorded under this id",
        "customers_pkey": "customer.id: already exists",
        "chat_messages_pkey": "messages: a message of this ticket already has this timestamp",
        "conversations_pkey": "ticket_id: already exists",
    ]

    static func message(for constraint: String?) -> String? {
        constraint.flatMap { messages[$0] }
    }
}
