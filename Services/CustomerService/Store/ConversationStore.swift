import Foundation
import TriageContracts
import TriageRPC

/// Completed conversations: `chat_messages` (the seed's table) and `conversations` (one row
/// per ticket, locked while a save of that ticket runs).
struct ConversationStore: Sendable {
    let database: CustomerDatabase

    /// What a save stored.
    struct SaveOutcome: Sendable {
        var inserted: Int
        var total: Int
        var lastMessageAtMicros: Int64
        /// The request's decision was stored by this save (false: none was sent, or one was on
        /// record under its id already).
        var decisionRecorded = false
    }

    /// A new ticket in one statement (so one transaction and one round trip): the ticket's row
    /// and all its messages, or nothing at all when the ticket already exists (a concurrent
    /// first save of the same ticket waits for the other one, then also inserts nothing).
    private static let create = PostgresQuery("""
        WITH ticket AS (
            INSERT INTO conversations (ticket_id, customer_id, message_count, first_message_at, last_message_at)
            VALUES ($1::text, $2::text, $4::integer, $5::timestamp, $6::timestamp)
            ON CONFLICT (ticket_id) DO NOTHING
            RETURNING ticket_id
        ), inserted AS (
            INSERT INTO chat_messages (ticket_id, customer_id, role, content, created_at)
            SELECT $1::text, $2::text, m.role, m.content, m.created_at
            FROM jsonb_to_recordset($3::jsonb) AS m(role text, content text, created_at timestamp)
            WHERE EXISTS (SELECT 1 FROM ticket)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM ticket) AS created, (SELECT count(*) FROM inserted) AS inserted
        """)

    /// Creates the ticket's row or locks the existing one until the transaction ends.
    private static let lockTicket = PostgresQuery("""
        INSERT INTO conversations AS t (ticket_id, customer_id) VALUES ($1::text, $2::text)
        ON CONFLICT (ticket_id) DO UPDATE SET updated_at = t.updated_at
        RETURNING t.customer_id, t.message_count, t.last_message_at
        """)

    private static let messages = PostgresQuery("""
        SELECT customer_id, role, content, created_at FROM chat_messages
        WHERE ticket_id = $1::text
        ORDER BY created_at
        """)

    /// Records the ticket's other ids ($2, a JSON array of strings); an alias already taken keeps its ticket.
    private static let addAliases = PostgresQuery("""
        INSERT INTO ticket_aliases (alias, ticket_id)
        SELECT a.alias, $1::text FROM jsonb_array_elements_text($2::jsonb) AS a(alias)
        WHERE a.alias <> $1::text
        ON CONFLICT (alias) DO NOTHING
        """)

    /// A ticket's messages by its id, or else by one of its aliases, in one round trip (the lookup of
    /// an id nobody stored, which every new ticket's resolution makes, costs no second query).
    private static let messagesByIDOrAlias = PostgresQuery("""
        SELECT ticket_id, customer_id, role, content, created_at FROM chat_messages WHERE ticket_id = $1::text
        UNION ALL
        SELECT m.ticket_id, m.customer_id, m.role, m.content, m.created_at
        FROM ticket_aliases a JOIN chat_messages m ON m.ticket_id = a.ticket_id
        WHERE a.alias = $1::text AND NOT EXISTS (SELECT 1 FROM chat_messages WHERE ticket_id = $1::text)
        ORDER BY created_at
        """)

    /// Inserts the new messages ($3, a JSON array) and updates the ticket's row in one statement.
    private static let append = PostgresQuery("""
        WITH inserted AS (
            INSERT INTO chat_messages (ticket_id, customer_id, role, content, created_at)
            SELECT $1::text, $2::text, m.role, m.content, m.created_at
            FROM jsonb_to_recordset($3::jsonb) AS m(role text, content text, created_at timestamp)
            RETURNING created_at
        )
        UPDATE conversations SET
            message_count = message_count + (SELECT count(*) FROM inserted),
            first_message_at = coalesce(first_message_at, (SELECT min(created_at) FROM inserted)),
            last_message_at = (SELECT max(created_at) FROM inserted),
            updated_at = now()
        WHERE ticket_id = $1::text
        RETURNING message_count, last_message_at
        """)

    /// Stores what is new of `request` (validated, a decision with its id) in one transaction: a new
    /// ticket in one statement, a ticket already stored by locking its row, comparing and appending;
    /// with a decision, the ticket and the decision in one transaction (one commit for both).
    func save(_ request: SaveConversationRequest, deadline: ContinuousClock.Instant) async throws -> SaveOutcome {
        let nowMicros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
        return try await database.withConnection(deadline: deadline) { connection in
            guard let decision = request.decision else {
                if let created = try Self.createTicket(request, nowMicros: nowMicros, on: connection, deadline: deadline) {
                    try Self.recordAliases(request, on: connection, deadline: deadline)
                    return created
                }
                return try connection.transaction(deadline: deadline) {
                    try Self.merge(request, nowMicros: nowMicros, on: connection, deadline: deadline)
                }
            }
            return try connection.transaction(deadline: deadline) {
                var outcome: SaveOutcome
                if let created = try Self.createTicket(request, nowMicros: nowMicros, on: connection, deadline: deadline) {
                    try Self.recordAliases(request, on: connection, deadline: deadline)
                    outcome = created
                } else {
                    outcome = try Self.merge(request, nowMicros: nowMicros, on: connection, deadline: deadline)
                }
                outcome.decisionRecorded = try DecisionStore.insertIfAbsent(decision, on: connection, deadline: deadline)
                return outcome
            }
        }
    }

    /// The save of a ticket stored already (inside a transaction): lock its row, compare, append.
    private static func merge(_ request: SaveConversationRequest, nowMicros: Int64, on connection: PostgresConnection,
                              deadline: ContinuousClock.Instant) throws -> SaveOutcome {
        let ticketID = PostgresValue.text(request.ticketID)
        guard let ticket = try connection.execute(lockTicket, [ticketID, .text(request.customerID)], deadline: deadline).first else {
            throw PostgresError.decoding("locking the ticket returned no row")
        }
        guard try ticket.string("customer_id") == request.customerID else {
            throw RPCError(code: .failedPrecondition, message: "customer_id: this ticket was saved for another customer")
        }
        let stored = try ticket.int("message_count") == 0 ? [] :
            try connection.execute(messages, [ticketID], deadline: deadline).map { try StoredMessage(row: $0) }
        try recordAliases(request, on: connection, deadline: deadline)
        switch ConversationMerge.merge(stored: stored, incoming: request.messages, nowMicros: nowMicros) {
        case .conflict(let index):
            throw RPCError(code: .failedPrecondition,
                           message: "messages[\(index)]: differs from the conversation already stored for this ticket")
        case .nothingNew:
            return SaveOutcome(inserted: 0, total: stored.count, lastMessageAtMicros: stored.last?.createdAtMicros ?? 0)
        case .append(let new):
            let values: [PostgresValue] = [ticketID, .text(request.customerID), try .json(new)]
            guard let row = try connection.execute(append, values, deadline: deadline).first else {
                throw PostgresError.decoding("the append updated no ticket")
            }
            return SaveOutcome(inserted: new.count, total: try row.int("message_count"),
                               lastMessageAtMicros: try row.timestamp("last_message_at"))
        }
    }

    private static func recordAliases(_ request: SaveConversationRequest, on connection: PostgresConnection,
                                      deadline: ContinuousClock.Instant) throws {
        guard !request.aliases.isEmpty else { return }
        _ = try connection.execute(addAliases, [.text(request.ticketID), try .json(request.aliases)], deadline: deadline)
    }

    /// The save of a ticket not stored yet; nil when it is stored already.
    private static func createTicket(_ request: SaveConversationRequest, nowMicros: Int64, on connection: PostgresConnection,
                                     deadline: ContinuousClock.Instant) throws -> SaveOutcome? {
        let messages = ConversationMerge.assignTimestamps(request.messages[...], after: nil, nowMicros: nowMicros)
        guard let first = messages.first, let last = messages.last else { return nil }
        let values: [PostgresValue] = [
            .text(request.ticketID), .text(request.customerID), try .json(messages), .integer(messages.count),
            .timestamp(micros: first.createdAtMicros), .timestamp(micros: last.createdAtMicros),
        ]
        guard let row = try connection.execute(create, values, deadline: deadline).first, try row.int("created") == 1 else { return nil }
        let inserted = try row.int("inserted")
        guard inserted == messages.count else { throw PostgresError.decoding("a new ticket stored \(inserted) of \(messages.count) messages") }
        return SaveOutcome(inserted: inserted, total: inserted, lastMessageAtMicros: last.createdAtMicros)
    }

    /// The ticket's own id, customer and messages in order, by its id or one of its aliases; nil for
    /// an unknown ticket.
    func conversation(ticketID: String, deadline: ContinuousClock.Instant) async throws
        -> (ticketID: String, customerID: String, messages: [TicketMessage])? {
        try await database.withConnection(deadline: deadline) { connection in
            let rows = try connection.execute(Self.messagesByIDOrAlias, [.text(ticketID)], deadline: deadline)
            guard let first = rows.first else { return nil }
            let messages = try rows.map { row in
                let stored = try StoredMessage(row: row)
                return TicketMessage(role: TicketMessageRole(storedRole: stored.role) ?? .unspecified,
                                     content: stored.content, createdAtMicros: stored.createdAtMicros)
            }
            return (try first.string("ticket_id"), try first.string("customer_id"), messages)
        }
    }
}
