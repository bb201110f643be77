import Foundation

/// One row; every accessor names its column and fails (as a decoding error) when the column
/// is missing or its text is not the expected type.
struct PostgresRow: Sendable {
    let columns: [String: Int]
    let values: [String?]

    func optionalString(_ column: String) throws(PostgresError) -> String? {
        guard let index = columns[column] else { throw .decoding("no column \(column) in the result") }
        return values[index]
    }

    func string(_ column: String) throws(PostgresError) -> String {
        guard let value = try optionalString(column) else { throw .decoding("column \(column) is NULL") }
        return value
    }

    func optionalInt(_ column: String) throws(PostgresError) -> Int? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Int(text) else { throw .decoding("column \(column) is not an integer") }
        return value
    }

    func int(_ column: String) throws(PostgresError) -> Int {
        guard let value = try optionalInt(column) else { throw .decoding("column \(column) is NULL") }
        return value
    }

    func double(_ column: String) throws(PostgresError) -> Double {
        guard let value = Double(try string(column)) else { throw .decoding("column \(column) is not a number") }
        return value
    }

    func bool(_ column: String) throws(PostgresError) -> Bool {
        switch try string(column) {
        case "t": return true
        case "f": return false
        default: throw .decoding("column \(column) is not a boolean")
        }
    }

    /// A `TIMESTAMP` column as microseconds since the Unix epoch.
    func optionalTimestamp(_ column: String) throws(PostgresError) -> Int64? {
        guard let text = try optionalString(column) else { return nil }
        guard let micros = PostgresTimestamp.parse(text) else { throw .decoding("column \(column) is not an ISO timestamp") }
        return micros
    }

    func timestamp(_ column: String) throws(PostgresError) -> Int64 {
        guard let value = try optionalTimestamp(column) else { throw .decoding("column \(column) is NULL") }
        return value
    }

    /// A `JSONB` column decoded as `type`.
    func json<T: Decodable>(_ column: String, as type: T.Type) throws(PostgresError) -> T {
        let text = try string(column)
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .decoding("column \(column) is not the expected JSON")
        }
    }
}
