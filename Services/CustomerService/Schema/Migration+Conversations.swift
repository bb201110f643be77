extension Migration {
    /// One row per completed ticket: the row SaveConversation locks to serialise saves of a
    /// ticket, and the index ListCustomerTickets pages through (newest first, by keyset).
    /// Conversations already in `chat_messages` are backfilled.
    static let conversations = Migration(version: 2, name: "conversations: one row per completed ticket", sql: """
        CREATE TABLE conversations (
            ticket_id VARCHAR(255) PRIMARY KEY,
            customer_id VARCHAR(255) NOT NULL,
            message_count INTEGER NOT NULL DEFAULT 0,
            first_message_at TIMESTAMP,
            last_message_at TIMESTAMP,
            completed_at TIMESTAMP NOT NULL DEFAULT NOW(),
            updated_at TIMESTAMP NOT NULL DEFAULT NOW(),
            CONSTRAINT chk_conversation_message_count CHECK (message_count >= 0)
        );
        CREATE INDEX idx_conversations_customer_recent
            ON conversations (customer_id, last_message_at DESC, ticket_id DESC);

        INSERT INTO conversations
            (ticket_id, customer_id, message_count, first_message_at, last_message_at, completed_at, updated_at)
        SELECT ticket_id, min(customer_id), count(*), min(created_at), max(created_at), max(created_at), max(created_at)
        FROM chat_messages
        GROUP BY ticket_id;
        """)
}
