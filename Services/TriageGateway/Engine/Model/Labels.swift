/// The ticket's main need: money, something broken, or anything else.
public enum TicketType: String, Sendable, Hashable, CaseIterable, Codable {
    case billing, technical, general
}

/// How soon a human must look at the ticket.
public enum Urgency: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case low, medium, high, critical

    /// 0 for low … 3 for critical.
    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    /// The urgency `steps` levels above (or below, when negative) this one, clamped to the scale.
    public func moved(by steps: Int) -> Urgency {
        let all = Urgency.allCases
        return all[max(0, min(all.count - 1, rank + steps))]
    }

    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
}

/// What the helpdesk should do with the ticket.
public enum RecommendedAction: String, Sendable, Hashable, CaseIterable, Codable {
    case autoRespond = "auto_respond"
    case routeSpecialist = "route_specialist"
    case escalateHuman = "escalate_human"
}

/// The customer's tone in their latest message.
public enum Sentiment: String, Sendable, Hashable, CaseIterable, Codable {
    case positive, neutral, confused, worried, frustrated, angry, urgent, panicked
}

/// A stable code for what the ticket is about.
public enum IssueType: String, Sendable, Hashable, CaseIterable, Codable {
    case doubleCharge = "double_charge"
    case overcharge
    case refundRequest = "refund_request"
    case invoiceQuestion = "invoice_question"
    case paymentFailed = "payment_failed"
    case paymentMethod = "payment_method"
    case planQuestion = "plan_question"
    case planChange = "plan_change"
    case cancellation
    case outage
    case error5xx = "error_5xx"
    case loginFailure = "login_failure"
    case accessDenied = "access_denied"
    case dataLoss = "data_loss"
    case performance
    case exportFailure = "export_failure"
    case integration
    case securityIncident = "security_incident"
    case howTo = "how_to"
    case featureQuestion = "feature_question"
    case featureRequest = "feature_request"
    case accountSettings = "account_settings"
    case contactSupport = "contact_support"
    case slaQuestion = "sla_question"
    case compliment
    case legalThreat = "legal_threat"
    case unclear
    case offTopic = "off_topic"
}

/// The part of the product the ticket concerns.
public enum ProductArea: String, Sendable, Hashable, CaseIterable, Codable {
    case billing, infrastructure, authentication, data, integrations, features, account, documentation, support, feedback
}
