/// One step of the schema: applied once, in one transaction, and recorded in `schema_migrations`.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// Fixed SQL, possibly several statements; it must not contain transaction control.
    let sql: StaticString

    /// Every migration, in order. Append only: an applied migration never changes.
    static let all: [Migration] = [.seedTables, .conversations, .triageDecisions, .ticketAliases]

    static var latestVersion: Int { all.last?.version ?? 0 }
}
