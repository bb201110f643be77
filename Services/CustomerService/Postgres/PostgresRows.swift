import CLibPQ

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
