import TriageContracts
import TriageEngine

/// Messages between the HTTP contract, the session store, customer-service and the engine.
///
/// The session keeps the customer's and agents' messages, and the gateway's own suggested replies
/// as `system` messages: those are stored in PostgreSQL (as `ai` replies) but never fed back to the
/// engine, so a ticket is classified by what people wrote.
enum Conversation {
    static func sessionMessages(_ messages: [InputMessage]) -> [SessionMessage] {
        messages.map { message in
            SessionMessage(
                role: message.role == .customer ? .customer : .agent,
                content: message.content,
                sentAtMicros: message.timestamp.flatMap(Timestamps.parse) ?? 0
            )
        }
    }

    /// What of `incoming` the session does not have yet.
    ///
    /// Clients send either the whole conversation or only what is new, and may retry a request whose
    /// answer they lost: the longest run at the end of the stored conversation that equals the start
    /// of `incoming` is already there, and only the rest is new. A stored message is an incoming one
    /// when role and content match and, when both carry a timestamp, the stored one is not earlier.
    static func unseen(_ incoming: [SessionMessage], after stored: [SessionMessage]) -> [SessionMessage] {
        let spoken = stored.filter { $0.role != .system }
        for overlap in stride(from: min(spoken.count, incoming.count), to: 0, by: -1) {
            if zip(spoken.suffix(overlap), incoming.prefix(overlap)).allSatisfy({ same($0, $1) }) {
                return Array(incoming.dropFirst(overlap))
            }
        }
        return incoming
    }

    /// Whether every message of `incoming` is in `stored`, in order (a retry of a completed
    /// ticket: its stored conversation also holds replies, which read back as agent messages).
    /// `exactTimes`: for a session, whose store keeps a given timestamp as it is.
    static func contains(_ stored: [SessionMessage], all incoming: [SessionMessage], exactTimes: Bool = false) -> Bool {
        var remaining = incoming[...]
        for message in stored where remaining.first.map({ same(message, $0, exactTimes: exactTimes) }) ?? false {
            remaining = remaining.dropFirst()
        }
        return remaining.isEmpty
    }

    /// Whether `stored` is `incoming` as kept. Stores never move a timestamp back, but customer-service
    /// moves one forward to keep a conversation in order (a customer's message stamped before the
    /// gateway's reply to the message before it), so a retry must still find it.
    private static func same(_ stored: SessionMessage, _ incoming: SessionMessage, exactTimes: Bool = false) -> Bool {
        guard stored.role == incoming.role, stored.content == incoming.content else { return false }
        if exactTimes { return stored.sentAtMicros == incoming.sentAtMicros }
        return stored.sentAtMicros == 0 || incoming.sentAtMicros == 0 || stored.sentAtMicros >= incoming.sentAtMicros
    }

    /// The conversation as the engine reads it: customer and agent messages, in order.
    static func engineTicket(_ messages: [SessionMessage], subject: String?) -> TicketText {
        TicketText(
            messages: messages.compactMap { message in
                switch message.role {
                case .customer: ConversationMessage(role: .customer, content: message.content)
                case .agent: ConversationMessage(role: .agent, content: message.content)
                default: nil
                }
            },
            subject: subject
        )
    }

    /// The whole conversation for customer-service (`chat_messages`): customer → human,
    /// agent → ai, the gateway's replies → ai (as replies).
    static func ticketMessages(_ messages: [SessionMessage]) -> [TicketMessage] {
        messages.map { message in
            let role: TicketMessageRole = switch message.role {
            case .customer: .customer
            case .agent: .agent
            default: .reply
            }
            return TicketMessage(role: role, content: message.content, createdAtMicros: message.sentAtMicros)
        }
    }

    static func contractRole(_ role: SessionMessageRole) -> String {
        switch role {
        case .customer: "customer"
        case .agent: "agent"
        default: "assistant"
        }
    }

    static func contractRole(_ role: TicketMessageRole) -> String {
        switch role {
        case .customer: "customer"
        case .agent: "agent"
        case .reply: "assistant"
        default: "note"
        }
    }
}
