/// Who wrote a message in the conversation.
public enum MessageRole: String, Sendable, Hashable, Codable {
    case customer, agent
}

/// One message of a ticket's conversation.
public struct ConversationMessage: Sendable, Hashable {
    public var role: MessageRole
    public var content: String

    public init(role: MessageRole, content: String) {
        self.role = role
        self.content = content
    }
}

/// The text the engine analyses: the conversation in order, and an optional subject line.
public struct TicketText: Sendable, Hashable {
    public var messages: [ConversationMessage]
    /// A subject (e.g. from an email channel); read as part of the first customer message's context.
    public var subject: String?

    public init(messages: [ConversationMessage], subject: String? = nil) {
        self.messages = messages
        self.subject = subject
    }
}

/// What is known about the customer who wrote the ticket.
public struct CustomerContext: Sendable, Hashable {
    /// The plan name, lowercased (`free`, `pro`, `enterprise`; other names are treated as `pro`).
    public var plan: String
    public var tenureMonths: Int?
    public var seats: Int?
    public var region: String?
    public var previousTickets: Int?
    /// True when these facts are a default because the customer could not be found.
    public var isDefaulted: Bool

    public init(plan: String, tenureMonths: Int? = nil, seats: Int? = nil, region: String? = nil,
                previousTickets: Int? = nil, isDefaulted: Bool = false) {
        self.plan = plan.lowercased()
        self.tenureMonths = tenureMonths
        self.seats = seats
        self.region = region
        self.previousTickets = previousTickets
        self.isDefaulted = isDefaulted
    }
}
