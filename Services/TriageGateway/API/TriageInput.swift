/// A validated ticket submission, the same whether it came over HTTP or native RPC.
struct TriageInput: Sendable, Equatable {
    var customerID: String
    /// The ticket to continue (or to open under this id); nil asks the gateway to decide.
    var ticketID: String?
    var customerInfo: CustomerInfo?
    var messages: [InputMessage]
    /// Free-form client metadata; string values (channel, subject…) are kept.
    var metadata: [String: String]
}

struct InputMessage: Sendable, Equatable {
    enum Role: String, Sendable, Equatable {
        case customer
        case agent
    }
    var role: Role
    var content: String
    /// RFC 3339 as the client sent it, if it did.
    var timestamp: String?
}

/// What the client told us about the customer (`customer_info`); each field is optional.
struct CustomerInfo: Sendable, Equatable {
    enum Plan: String, Sendable, Equatable, CaseIterable {
        case free, pro, enterprise
    }
    var plan: Plan?
    var tenureMonths: Int?
    var region: String?
    var seats: Int?
    var previousTickets: Int?
}

/// A follow-up on an active ticket (`POST /api/answer`).
struct AnswerInput: Sendable, Equatable {
    var ticketID: String
    var content: String
}
