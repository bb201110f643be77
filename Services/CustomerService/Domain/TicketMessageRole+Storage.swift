import TriageContracts

/// The API's roles against the seed's `chat_messages.role`: the customer is `human`, an agent's
/// message or the system's reply is `ai`, an internal note is `system`. Reading back, `ai`
/// becomes AGENT (agent and reply are not told apart in storage).
extension TicketMessageRole {
    /// nil for UNSPECIFIED and values this build does not know.
    var storedRole: String? {
        switch self {
        case .customer: "human"
        case .agent, .reply: "ai"
        case .note: "system"
        case .unspecified, .unrecognized: nil
        }
    }

    init?(storedRole: String) {
        switch storedRole {
        case "human": self = .customer
        case "ai": self = .agent
        case "system": self = .note
        default: return nil
        }
    }
}
