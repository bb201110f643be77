/// One SQL statement with `$1…$n` placeholders, prepared once per connection.
///
/// The text is a `StaticString`: only a literal written in the source can become SQL, so no
/// request value can ever be spliced into a statement; values travel as bound parameters.
struct PostgresQuery: Sendable {
    let sql: StaticString
    /// The prepared statement's name, derived from the text so that equal text shares a name.
    let name: String

    init(_ sql: StaticString) {
        self.sql = sql
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, 64 bits
        sql.withUTF8Buffer { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        name = "triage_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
