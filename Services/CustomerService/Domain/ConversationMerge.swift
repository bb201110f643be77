import TriageContracts

/// What a SaveConversation call adds to the messages already stored for its ticket.
///
/// Messages are matched by position, role and content: the stored ones must be a prefix of
/// the request (then only the rest is new) or the request a prefix of them (a stale retry:
/// nothing is new). Timestamps are not compared, because the stored ones may have been moved
/// forward to keep them strictly increasing.
enum ConversationMerge {
    enum Outcome: Equatable {
        case nothingNew
        case append([StoredMessage])
        /// The request and the stored conversation differ at this message.
        case conflict(index: Int)
    }

    /// Every incoming message must have a storable role (validated before).
    static func merge(stored: [StoredMessage], incoming: [TicketMessage], nowMicros: Int64) -> Outcome {
        for index in 0..<min(stored.count, incoming.count) {
            let message = incoming[index]
            if stored[index].role != message.role.storedRole || stored[index].content != message.content {
                return .conflict(index: index)
            }
        }
        guard incoming.count > stored.count else { return .nothingNew }
        let new = assignTimestamps(incoming[stored.count...], after: stored.last?.createdAtMicros, nowMicros: nowMicros)
        return .append(new)
    }

    /// Strictly increasing timestamps in message order: each message keeps its own time when
    /// that is later than the previous message's, else it gets the previous time plus 1 µs.
    /// An unknown time (0) follows the previous message, or is `nowMicros` for the first.
    static func assignTimestamps(_ messages: ArraySlice<TicketMessage>, after previous: Int64?, nowMicros: Int64) -> [StoredMessage] {
        var previous = previous
        return messages.map { message in
            let wanted = message.createdAtMicros != 0 ? message.createdAtMicros : (previous.map { $0 + 1 } ?? nowMicros)
            let assigned = previous.map { max(wanted, $0 + 1) } ?? wanted
            previous = assigned
            return StoredMessage(role: message.role.storedRole ?? "", content: message.content, createdAtMicros: assigned)
        }
    }
}
