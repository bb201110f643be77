-- The seed's tables, for the PostgreSQL container's first start: mount this directory at
-- /docker-entrypoint-initdb.d. The same SQL is customer-service's migration 1
-- (Services/CustomerService/Schema/Migration+SeedTables.swift); a test checks that they agree.
-- customer-service applies its later migrations itself at start-up (customer-service migrate).

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
