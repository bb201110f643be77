import TriageContracts

extension CustomerStore {
    private static let upsertBatch = PostgresQuery("""
        INSERT INTO customers AS c (id, name, email, plan, tenure_months, region, seats, notes)
        SELECT r.id, r.name, r.email, r.plan, r.tenure_months, r.region, r.seats, r.notes
        FROM jsonb_to_recordset($1::jsonb)
            AS r(id text, name text, email text, plan text, tenure_months integer, region text, seats integer, notes text)
        ON CONFLICT (id) DO UPDATE SET
            name = EXCLUDED.name, email = EXCLUDED.email, plan = EXCLUDED.plan,
            tenure_months = EXCLUDED.tenure_months, region = EXCLUDED.region,
            seats = EXCLUDED.seats, notes = EXCLUDED.notes
        RETURNING (c.xmax = 0) AS inserted
        """)

    /// One row of the batch's JSON, as `jsonb_to_recordset` reads it.
    private struct Row: Encodable {
        var id, name, email, plan: String
        var tenure_months: Int32
        var region: String?
        var seats: Int32
        var notes: String?

        init(_ customer: CustomerRecord) {
            id = customer.id
            name = customer.name
            email = customer.email
            plan = customer.plan.storedName ?? ""
            tenure_months = customer.tenureMonths
            region = customer.region.isEmpty ? nil : customer.region
            seats = customer.seats == 0 ? 1 : customer.seats
            notes = customer.notes.isEmpty ? nil : customer.notes
        }
    }

    /// Creates or replaces validated customers with distinct ids in one statement; returns how
    /// many were new.
    static func upsert(batch: [CustomerRecord], on connection: PostgresConnection, deadline: ContinuousClock.Instant) throws -> Int {
        let rows = try connection.execute(upsertBatch, [try .json(batch.map(Row.init))], deadline: deadline)
        return try rows.filter { try $0.bool("inserted") }.count
    }
}
