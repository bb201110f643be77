import TriageContracts

extension CustomerRecord {
    /// A row with the columns of ``CustomerStore``'s queries.
    init(row: PostgresRow) throws(PostgresError) {
        let planName = try row.string("plan")
        guard let plan = CustomerPlan(storedName: planName) else { throw .decoding("customers.plan holds an unknown plan") }
        self.init(
            id: try row.string("id"),
            name: try row.string("name"),
            email: try row.string("email"),
            plan: plan,
            tenureMonths: Int32(clamping: try row.int("tenure_months")),
            region: try row.optionalString("region") ?? "",
            seats: Int32(clamping: try row.optionalInt("seats") ?? 0),
            notes: try row.optionalString("notes") ?? "",
            createdAtMicros: try row.timestamp("created_at"),
            completedTickets: UInt32(clamping: try row.int("completed_tickets"))
        )
    }

    /// The parameters $1…$8 of an insert: id, name, email, plan, tenure, region, seats, notes.
    /// Seats 0 (not set) is stored as the seed's default, 1.
    var insertValues: [PostgresValue] {
        [.text(id), .text(name), .text(email), .text(plan.storedName ?? ""), .integer(tenureMonths),
         .textOrNull(region), .integer(seats == 0 ? 1 : seats), .textOrNull(notes)]
    }
}
