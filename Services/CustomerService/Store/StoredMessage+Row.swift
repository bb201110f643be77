extension StoredMessage {
    init(row: PostgresRow) throws(PostgresError) {
        self.init(role: try row.string("role"), content: try row.string("content"), createdAtMicros: try row.timestamp("created_at"))
    }
}
