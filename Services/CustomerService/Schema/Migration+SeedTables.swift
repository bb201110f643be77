extension Migration {
    /// The seed's `customers` and `chat_messages`, exactly as the seed specifies them. The same
    /// SQL is `deploy/postgres/init-db/02-create-tables.sql`, the PostgreSQL container's init
    /// script; `IF NOT EXISTS` lets this migration follow that script harmlessly.
    static let seedTables = Migration(version: 1, name: "seed tables: customers, chat_messages", sql: """
        CREATE TABLE IF NOT EXISTS customers (
            id VARCHAR(255) PRIMARY KEY,
            name VARCHAR(255) NOT NULL,
            email VARCHAR(255) NOT NULL,
            plan VARCHAR(50) NOT NULL,
            tenure_months INTEGER NOT NULL,
            region VARCHAR(50),
            seats INTEGER DEFAULT 1,
            notes TEXT,
            created_at TIMESTAMP NOT NULL DEFAULT NOW(),
            CONSTRAINT chk_plan CHECK (plan IN ('free', 'pro', 'enterprise'))
        );
        CREATE INDEX IF NOT EXISTS idx_customers_email ON customers (email);
        CREATE INDEX IF NOT EXISTS idx_customers_plan ON customers (plan);

        CREATE TABLE IF NOT EXISTS chat_messages (
            ticket_id VARCHAR(255) NOT NULL,
            customer_id VARCHAR(255) NOT NULL,
            role VARCHAR(50) NOT NULL,
            content TEXT NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT NOW(),
            CONSTRAINT chat_messages_pkey PRIMARY KEY (ticket_id, created_at),
            CONSTRAINT chk_role CHECK (role IN ('human', 'ai', 'system'))
        );
        CREATE INDEX IF NOT EXISTS idx_chat_messages_ticket_id ON chat_messages (ticket_id);
        CREATE INDEX IF NOT EXISTS idx_chat_messages_customer_id ON chat_messages (customer_id);
        """)
}
