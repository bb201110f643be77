import TriageContracts

/// A customer's completed tickets from `conversations`, most recent last message first.
struct TicketStore: Sendable {
    let database: CustomerDatabase

    private static let firstPage = PostgresQuery("""
        SELECT ticket_id, customer_id, message_count, first_message_at, last_message_at, completed_at
        FROM conversations
        WHERE customer_id = $1::text AND last_message_at IS NOT NULL
        ORDER BY last_message_at DESC, ticket_id DESC
        LIMIT $2::integer
        """)

    /// The page after the row ($2, $3): by keyset, on the (customer_id, last_message_at,
    /// ticket_id) index.
    private static let nextPage = PostgresQuery("""
        SELECT ticket_id, customer_id, message_count, first_message_at, last_message_at, completed_at
        FROM conversations
        WHERE customer_id = $1::text AND (last_message_at, ticket_id) < ($2::timestamp, $3::text)
        ORDER BY last_message_at DESC, ticket_id DESC
        LIMIT $4::integer
        """)

    /// Up to `limit` tickets after `position` (the last row of the previous page).
    func tickets(customerID: String, after position: (lastMessageAtMicros: Int64, ticketID: String)?, limit: Int,
                 deadline: ContinuousClock.Instant) async throws -> [TicketSummary] {
        try await database.withConnection(deadline: deadline) { connection in
            let rows = if let position {
                try connection.execute(Self.nextPage, [.text(customerID), .timestamp(micros: position.lastMessageAtMicros),
                                                       .text(position.ticketID), .integer(limit)], deadline: deadline)
            } else {
                try connection.execute(Self.firstPage, [.text(customerID), .integer(limit)], deadline: deadline)
            }
            return try rows.map { row in
                TicketSummary(
                    ticketID: try row.string("ticket_id"),
                    customerID: try row.string("customer_id"),
                    messageCount: UInt32(clamping: try row.int("message_count")),
                    firstMessageAtMicros: try row.timestamp("first_message_at"),
                    lastMessageAtMicros: try row.timestamp("last_message_at"),
                    completedAtMicros: try row.timestamp("completed_at")
                )
            }
        }
    }
}
