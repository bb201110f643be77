import TriageContracts

/// The `triage_decisions` audit trail.
struct DecisionStore: Sendable {
    let database: CustomerDatabase

    private static let insert = PostgresQuery("""
        INSERT INTO triage_decisions (decision_id, ticket_id, customer_id, ticket_type, urgency, action,
            product_area, issue_type, sentiment, language, confidences, reasoning, engine_version,
            suggested_response, article_ids, degraded)
        VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text,
            $10::text, $11::jsonb, $12::text, $13::text, $14::text, $15::jsonb, $16::jsonb)
        RETURNING created_at
        """)

    /// The insert inside a transaction, where a duplicate key must not abort it.
    private static let insertIfAbsent = PostgresQuery("""
        INSERT INTO triage_decisions (decision_id, ticket_id, customer_id, ticket_type, urgency, action,
            product_area, issue_type, sentiment, language, confidences, reasoning, engine_version,
            suggested_response, article_ids, degraded)
        VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text,
            $10::text, $11::jsonb, $12::text, $13::text, $14::text, $15::jsonb, $16::jsonb)
        ON CONFLICT (decision_id) DO NOTHING
        RETURNING created_at
        """)

    private static let byID = PostgresQuery("""
        SELECT decision_id, ticket_id, customer_id, ticket_type, urgency, action, product_area, issue_type,
               sentiment, language, confidences, reasoning, engine_version, suggested_response, article_ids,
               degraded, created_at
        FROM triage_decisions WHERE decision_id = $1::text
        """)

    private static let byTicket = PostgresQuery("""
        SELECT decision_id, ticket_id, customer_id, ticket_type, urgency, action, product_area, issue_type,
               sentiment, language, confidences, reasoning, engine_version, suggested_response, article_ids,
               degraded, created_at
        FROM triage_decisions WHERE ticket_id = $1::text
        ORDER BY created_at, decision_id
        """)

    /// Records `decision` (validated, with its id). Recording an identical decision again is
    /// a no-op (`recorded` false); a different one under the same id is ALREADY_EXISTS.
    func record(_ decision: TriageDecisionRecord, deadline: ContinuousClock.Instant) async throws -> (recorded: Bool, createdAtMicros: Int64) {
        try await database.withConnection(deadline: deadline) { connection in
            do {
                let row = try connection.execute(Self.insert, try decision.insertValues(), deadline: deadline).first
                return (true, try row?.timestamp("created_at") ?? 0)
            } catch let error as PostgresError where error.sqlState == "23505" {
                guard let existing = try connection.execute(Self.byID, [.text(decision.decisionID)], deadline: deadline)
                    .first.map({ try TriageDecisionRecord(row: $0) }),
                    existing.normalized == decision.normalized
                else { throw error }
                return (false, existing.createdAtMicros)
            }
        }
    }

    /// Records `decision` (validated, with its id) on a connection inside a transaction, with the
    /// conversation it completes; returns false when a decision under that id is on record already
    /// (it is kept, whatever it says: the conversation's save goes ahead).
    static func insertIfAbsent(_ decision: TriageDecisionRecord, on connection: PostgresConnection,
                               deadline: ContinuousClock.Instant) throws -> Bool {
        try connection.execute(insertIfAbsent, try decision.insertValues(), deadline: deadline).first != nil
    }

    func decisions(ticketID: String, deadline: ContinuousClock.Instant) async throws -> [TriageDecisionRecord] {
        try await database.withConnection(deadline: deadline) { connection in
            try connection.execute(Self.byTicket, [.text(ticketID)], deadline: deadline).map { try TriageDecisionRecord(row: $0) }
        }
    }
}
