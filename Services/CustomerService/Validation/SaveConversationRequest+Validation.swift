import TriageContracts
import TriageRPC

extension SaveConversationRequest {
    static let maximumMessages = 10_000
    static let maximumAliases = 1_000

    func validate() throws(RPCError) {
        try FieldValidation.identifier(ticketID, field: "ticket_id")
        try FieldValidation.identifier(customerID, field: "customer_id")
        if messages.isEmpty { throw .invalidArgument("messages: at least one message is required") }
        if messages.count > Self.maximumMessages {
            throw .invalidArgument("messages: at most \(Self.maximumMessages) messages per conversation")
        }
        for (index, message) in messages.enumerated() {
            if message.role.storedRole == nil {
                throw .invalidArgument("messages[\(index)].role: must be CUSTOMER, AGENT, REPLY or NOTE")
            }
            try FieldValidation.text(message.content, field: "messages[\(index)].content")
            try FieldValidation.timestamp(message.createdAtMicros, field: "messages[\(index)].created_at_micros")
        }
        if aliases.count > Self.maximumAliases {
            throw .invalidArgument("aliases: at most \(Self.maximumAliases) per conversation")
        }
        for (index, alias) in aliases.enumerated() {
            try FieldValidation.identifier(alias, field: "aliases[\(index)]")
            if alias == ticketID { throw .invalidArgument("aliases[\(index)]: is the ticket's own id") }
        }
        if let decision {
            try decision.validate()
            if decision.ticketID != ticketID { throw .invalidArgument("decision.ticket_id: must be the conversation's ticket_id") }
            if decision.customerID != customerID { throw .invalidArgument("decision.customer_id: must be the conversation's customer_id") }
        }
    }
}
