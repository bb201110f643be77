extension Migration {
    /// The audit trail: every triage decision with its fields, confidences and reasoning.
    /// The contract's enumerations are CHECK constraints, so the database itself refuses a
    /// value outside them (reported as INVALID_ARGUMENT naming the field).
    static let triageDecisions = Migration(version: 3, name: "triage_decisions: audit trail", sql: """
        CREATE TABLE triage_decisions (
            decision_id VARCHAR(255) PRIMARY KEY,
            ticket_id VARCHAR(255) NOT NULL,
            customer_id VARCHAR(255) NOT NULL,
            ticket_type VARCHAR(50) NOT NULL,
            urgency VARCHAR(50) NOT NULL,
            action VARCHAR(50) NOT NULL,
            product_area VARCHAR(100) NOT NULL,
            issue_type VARCHAR(100) NOT NULL,
            sentiment VARCHAR(50) NOT NULL,
            language VARCHAR(8) NOT NULL,
            confidences JSONB NOT NULL DEFAULT '{}',
            reasoning TEXT NOT NULL,
            engine_version VARCHAR(100) NOT NULL,
            suggested_response TEXT NOT NULL DEFAULT '',
            article_ids JSONB NOT NULL DEFAULT '[]',
            degraded JSONB NOT NULL DEFAULT '[]',
            created_at TIMESTAMP NOT NULL DEFAULT NOW(),
            CONSTRAINT chk_decision_ticket_type CHECK (ticket_type IN ('billing', 'technical', 'general')),
            CONSTRAINT chk_decision_urgency CHECK (urgency IN ('critical', 'high', 'medium', 'low')),
            CONSTRAINT chk_decision_action CHECK (action IN ('auto_respond', 'route_specialist', 'escalate_human')),
            CONSTRAINT chk_decision_product_area CHECK (product_area ~ '^[a-z][a-z0-9_]*$'),
            CONSTRAINT chk_decision_issue_type CHECK (issue_type ~ '^[a-z][a-z0-9_]*$'),
            CONSTRAINT chk_decision_sentiment CHECK (sentiment ~ '^[a-z][a-z0-9_]*$'),
            CONSTRAINT chk_decision_language CHECK (language ~ '^[a-z]{2}$'),
            CONSTRAINT chk_decision_confidences CHECK (jsonb_typeof(confidences) = 'object'),
            CONSTRAINT chk_decision_article_ids CHECK (jsonb_typeof(article_ids) = 'array'),
            CONSTRAINT chk_decision_degraded CHECK (jsonb_typeof(degraded) = 'array')
        );
        CREATE INDEX idx_triage_decisions_ticket_id ON triage_decisions (ticket_id, created_at);
        CREATE INDEX idx_triage_decisions_customer_id ON triage_decisions (customer_id, created_at);
        """)
}
