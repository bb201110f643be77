import TriageContracts

/// The `customers` table.
struct CustomerStore: Sendable {
    let database: CustomerDatabase

    private static let get = PostgresQuery("""
        SELECT c.id, c.name, c.email, c.plan, c.tenure_months, c.region, c.seats, c.notes, c.created_at,
               (SELECT count(*) FROM conversations t WHERE t.customer_id = c.id) AS completed_tickets
        FROM customers c
        WHERE c.id = $1::text
        """)

    private static let upsert = PostgresQuery("""
        INSERT INTO customers AS c (id, name, email, plan, tenure_months, region, seats, notes)
        VALUES ($1::text, $2::text, $3::text, $4::text, $5::integer, $6::text, $7::integer, $8::text)
        ON CONFLICT (id) DO UPDATE SET
            name = EXCLUDED.name, email = EXCLUDED.email, plan = EXCLUDED.plan,
            tenure_months = EXCLUDED.tenure_months, region = EXCLUDED.region,
            seats = EXCLUDED.seats, notes = EXCLUDED.notes
        RETURNING c.id, c.name, c.email, c.plan, c.tenure_months, c.region, c.seats, c.notes, c.created_at,
                  (SELECT count(*) FROM conversations t WHERE t.customer_id = c.id) AS completed_tickets,
                  (c.xmax = 0) AS inserted
        """)

    private static let list = PostgresQuery("""
        SELECT c.id, c.name, c.email, c.plan, c.tenure_months, c.region, c.seats, c.notes, c.created_at,
               (SELECT count(*) FROM conversations t WHERE t.customer_id = c.id) AS completed_tickets
        FROM customers c
        WHERE c.id > $1::text AND ($2::text IS NULL OR c.plan = $2::text)
        ORDER BY c.id
        LIMIT $3::integer
        """)

    func customer(id: String, deadline: ContinuousClock.Instant) async throws -> CustomerRecord? {
        try await database.withConnection(deadline: deadline) { connection in
            try connection.execute(Self.get, [.text(id)], deadline: deadline).first.map { try CustomerRecord(row: $0) }
        }
    }

    /// Creates or replaces the customer; returns it as stored and whether it is new.
    func upsert(_ customer: CustomerRecord, deadline: ContinuousClock.Instant) async throws -> (CustomerRecord, created: Bool) {
        try await database.withConnection(deadline: deadline) { connection in
            guard let row = try connection.execute(Self.upsert, customer.insertValues, deadline: deadline).first else {
                throw PostgresError.decoding("the upsert returned no row")
            }
            return (try CustomerRecord(row: row), try row.bool("inserted"))
        }
    }

    /// Up to `limit` customers with ids after `afterID`, in id order.
    func list(afterID: String, plan: CustomerPlan, limit: Int, deadline: ContinuousClock.Instant) async throws -> [CustomerRecord] {
        try await database.withConnection(deadline: deadline) { connection in
            let plan: PostgresValue = plan.storedName.map { .text($0) } ?? .null
            return try connection.execute(Self.list, [.text(afterID), plan, .integer(limit)], deadline: deadline)
                .map { try CustomerRecord(row: $0) }
        }
    }
}
