import CLibPQ
import Foundation

/// A statement's result copied out of libpq (so the `PGresult` is freed at once), read by
/// column name into typed values.
struct PostgresRows: Sendable, RandomAccessCollection {
    private let columns: [String: Int]
    private let rows: [[String?]]
    /// The command tag's row count, e.g. 3 for `INSERT 0 3`; 0 when there is none.
    let affectedRows: Int

    static let empty = PostgresRows(columns: [:], rows: [], affectedRows: 0)

    private init(columns: [String: Int], rows: [[String?]], affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    init(result: OpaquePointer) {
        let fieldCount = Int(PQnfields(result))
        var columns: [String: Int] = [:]
        for field in 0..<fieldCount {
            columns[String(cString: PQfname(result, Int32(field)))] = field
        }
        let rowCount = Int(PQntuples(result))
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for field in 0..<fieldCount {
                if PQgetisnull(result, Int32(row), Int32(field)) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(row), Int32(field)))
                    let start = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(field))!)
                    values.append(String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self))
                }
            }
            rows.append(values)
        }
        self.init(columns: columns, rows: rows, affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { rows.count }

    subscript(position: Int) -> PostgresRow { PostgresRow(columns: columns, values: rows[position]) }
}

/// One row; every accessor names its column and fails (as a decoding error) when the column
/// is missing or its text is not the expected type.
struct PostgresRow: Sendable {
    fileprivate let columns: [String: Int]
    fileprivate let values: [String?]

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
