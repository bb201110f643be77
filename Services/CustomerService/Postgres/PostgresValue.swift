import Foundation

/// A bound parameter, always sent in PostgreSQL's text format; SQL text never contains values.
enum PostgresValue: Sendable, Equatable {
    case null
    case text(String)

    static func integer(_ value: some BinaryInteger) -> PostgresValue { .text(String(value)) }

    static func bool(_ value: Bool) -> PostgresValue { .text(value ? "true" : "false") }

    static func timestamp(micros: Int64) -> PostgresValue { .text(PostgresTimestamp.format(micros: micros)) }

    /// NULL for "", else the text: how optional text fields are stored.
    static func textOrNull(_ value: String) -> PostgresValue { value.isEmpty ? .null : .text(value) }

    /// The value as JSON, for a `$n::jsonb` parameter.
    static func json(_ value: some Encodable) throws -> PostgresValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return .text(String(decoding: data, as: UTF8.self))
    }
}
