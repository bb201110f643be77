extension Migration {
    /// Other ids a completed ticket is found by: the gateway's ids for requests that joined the
    /// ticket instead of opening their own, so that a retry of one finds the ticket after the
    /// session that held it is gone. An alias names one ticket; deleting the ticket deletes them.
    static let ticketAliases = Migration(version: 4, name: "ticket_aliases: other ids of a completed ticket", sql: """
        CREATE TABLE ticket_aliases (
            alias VARCHAR(255) PRIMARY KEY,
            ticket_id VARCHAR(255) NOT NULL REFERENCES conversations (ticket_id) ON DELETE CASCADE,
            created_at TIMESTAMP NOT NULL DEFAULT NOW()
        );
        CREATE INDEX idx_ticket_aliases_ticket ON ticket_aliases (ticket_id);
        """)
}
